#include "cli/plan_command.hpp"

#include <iostream>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "cli/commands/versions.hpp"
#include "cli/exit_code.hpp"
#include "cli/flags/have_flag.hpp"
#include "cli/process_engine.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/text.hpp"
#include "cli/render/vllm_args_text.hpp"

namespace planner::cli {

namespace {

// A flag an answer would leave unused is refused, never silently dropped.
void refuse_unused_flags(Question question, const PlanFlags& flags) {
    if (flags.any_version && flags.format == "vllm-args")
        throw UsageError("--format vllm-args does not combine with --any-version: the flags differ per "
                         "vLLM version; pick one with --matrix ID");
    // maximize's alternatives on other hardware and its criteria are those
    // of one version's search; the across-version answer has neither.
    if (flags.any_version && flags.explain_order)
        throw UsageError("--explain-order does not combine with --any-version: the criteria are those of one "
                         "version's search; pick one with --matrix ID");
    if (flags.any_version && flags.request.allow_hardware_change && question == Question::maximize)
        throw UsageError("--allow-hw does not combine with maximize --any-version: the answer lists the versions "
                         "that allow the request on --hw; ask one version (--matrix ID) for other hardware");
    if (!flags.any_version && flags.matrices.size() > 1)
        throw UsageError("--matrix is given " + std::to_string(flags.matrices.size()) +
                         " times; several versions at once need --any-version");
}

}  // namespace

void check_plan_flags(Question question, const PlanFlags& flags) {
    refuse_unused_flags(question, flags);
    if (flags.any_version) return check_any_version_flags(to_string(question), question, flags);
    const Matrix matrix = apply_overlay_flags(flags.overlay, load_matrix_saying_notes(flags.matrix, flags.strict_labels));
    Request request = build_request(flags.request, matrix);
    apply_rules_flags(flags.rules, request);
    resolve_rules(matrix, request.rules, request.set);
}

void attach_hardware_context(Report& report, const RequestFlags& flags, std::optional<Matrix>& stand_in) {
    const std::vector<std::string> notes = hardware_name_notes(flags);
    report.result.notes.insert(report.result.notes.begin(), notes.begin(), notes.end());
    const Request& request = report.request;
    if (request.missing_column == MissingColumn::refuse || report.matrix->has_hardware(request.hardware)) return;
    stand_in = add_stand_in_column(*report.matrix, request.hardware, request.missing_column, request.hardware_as).matrix;
    report.matrix = &*stand_in;
}

void attach_import_notes(Report& report, const std::vector<std::string>& notes) {
    report.result.notes.insert(report.result.notes.begin(), notes.begin(), notes.end());
}

CLI::App* add_question_command(CLI::App& app, Question question) {
    const QuestionInfo& entry = info(question);
    return app.add_subcommand(std::string(entry.name), std::string(entry.summary));
}

Command plan_command_entry(CLI::App* command, Question question, std::shared_ptr<PlanFlags> flags) {
    return {command, std::string(to_string(question)),
            [question, flags] { return run_plan_command(question, *flags); },
            [question, flags] { check_plan_flags(question, *flags); }};
}

int run_plan_command(Question question, const PlanFlags& flags) {
    refuse_unused_flags(question, flags);
    if (flags.any_version) return run_any_version_command(to_string(question), question, flags);
    const NotedMatrix loaded = load_matrix_with_notes(flags.matrix, flags.strict_labels);
    const Matrix matrix = apply_overlay_flags(flags.overlay, loaded.matrix);
    Report report;
    report.question = question;
    report.matrix = &matrix;
    report.request = build_request(flags.request, matrix);
    apply_rules_flags(flags.rules, report.request);
    report.rules_args = flags.rules.files;
    report.set_args = flags.rules.set;
    report.matrix_arg = flags.matrix;
    report.hardware_arg = flags.request.hardware;
    report.assume_args = flags.overlay.assume;
    report.overlay_args = flags.overlay.files;
    report.explain_order = flags.explain_order;
    report.format = flags.format.empty() ? "text" : flags.format;

    report.result = process_engine().ask(question, matrix, report.request);
    std::optional<Matrix> stand_in;
    attach_hardware_context(report, flags.request, stand_in);
    attach_import_notes(report, loaded.notes);
    describe_defaults_off(report);

    if (report.result.status == Status::error) {
        std::cerr << "planner: internal error: " << report.result.message
                  << "\nThis is a bug in planner, not in your request; please report it with the "
                     "command you ran.\n";
    }
    const bool vllm_args = flags.format == "vllm-args";
    if (flags.json) {
        ordered_json document = report_json(report);
        if (vllm_args) add_vllm_args_json(document, report);
        std::cout << dump_json(document);
    } else if (report.result.status != Status::error) {
        const Style style = Style::for_stdout(false);
        std::cout << (vllm_args ? render_vllm_args_text(report, style) : render_report_text(report, style));
    }
    return exit_code(report.result.status);
}

}  // namespace planner::cli
