#include "cli/plan_command.hpp"

#include <iostream>

#include "cli/any_version_command.hpp"
#include "cli/process_engine.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "cli/render_vllm_args.hpp"
#include "model/error.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

void add_plan_basics(CLI::App& command, PlanFlags& flags) {
    add_hardware_option(command, flags.request.hardware, true);
    add_matrix_option(command, flags.matrix);
    add_json_flag(command, flags.json);
    add_overlay_options(command, flags.overlay);
    add_any_version_flag(command, flags);
}

namespace {

// A flag an answer would leave unused is refused, never silently dropped.
void refuse_unused_flags(const PlanFlags& flags) {
    if (flags.any_version && flags.format == "vllm-args")
        throw UsageError("--format vllm-args does not combine with --any-version: the flags differ per "
                         "vLLM version; pick one with --matrix ID");
    if (!flags.any_version && flags.matrices.size() > 1)
        throw UsageError("--matrix is given " + std::to_string(flags.matrices.size()) +
                         " times; several versions at once need --any-version");
}

}  // namespace

void check_plan_flags(const std::string& name, const PlanFlags& flags) {
    refuse_unused_flags(flags);
    if (flags.any_version) return check_any_version_flags(name, flags);
    const Matrix matrix = apply_overlay_flags(flags.overlay, load_matrix(flags.matrix));
    build_request(flags.request, matrix);
}

Command plan_command_entry(CLI::App* command, const std::string& name, std::shared_ptr<PlanFlags> flags,
                           EngineCall call) {
    return {command, name, [name, flags, call] { return run_plan_command(name, *flags, call); },
            [name, flags] { check_plan_flags(name, *flags); }};
}

int run_plan_command(const std::string& name, const PlanFlags& flags, const EngineCall& call) {
    refuse_unused_flags(flags);
    if (flags.any_version) return run_any_version_command(name, flags);
    const Matrix matrix = apply_overlay_flags(flags.overlay, load_matrix(flags.matrix));
    Report report;
    report.command = name;
    report.matrix = &matrix;
    report.request = build_request(flags.request, matrix);
    report.matrix_arg = flags.matrix;
    report.explain_order = flags.explain_order;

    report.result = call(process_engine(), matrix, report.request);

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
