// planner versions, and --any-version on the planning commands: which matrix
// versions allow a request, the answer in each, and what blocks the others.
#include <algorithm>
#include <iostream>

#include <planner/across_versions.hpp>
#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/missing_column.hpp>
#include <planner/overlay.hpp>

#include "cli/commands/command.hpp"
#include "cli/commands/versions.hpp"
#include "cli/exit_code.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/request_fields.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "cli/process_engine.hpp"
#include "cli/render/text.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

// The versions asked about, and the notes of the documents among them, which
// the answer carries first among its notes as a single-matrix answer does.
struct Versions {
    std::vector<Matrix> matrices;
    std::vector<std::string> import_notes;
};

Versions load_versions(const PlanFlags& flags) {
    std::vector<std::string> ids = flags.matrices;
    // The documents shipped on their own; the states of vLLM's page are
    // asked for by name (--matrix vllm-0.7.3 --matrix 2025-07-30 ...).
    if (ids.empty())
        for (const ShippedMatrix& shipped : shipped_matrices())
            if (shipped.states.empty()) ids.push_back(shipped.id);
    Versions versions;
    for (size_t i = 0; i < ids.size(); ++i) {
        NotedMatrix base;
        if (flags.matrices.empty())
            base.matrix = shipped_matrix(ids[i]);
        else
            base = load_matrix_with_notes(ids[i], flags.strict_labels);
        // An overlay written for one version may name what an older one lacks.
        Matrix matrix = apply_overlay_flags(flags.overlay, base.matrix, MissingCell::skip);
        for (size_t other = 0; other < versions.matrices.size(); ++other) {
            if (versions.matrices[other].id != matrix.id) continue;
            if (ids[other] == ids[i]) throw UsageError("--matrix: version " + matrix.id + " is given twice");
            // Most often two documents whose file names and text name no vLLM
            // version: both are imported as "imported".
            throw UsageError("--matrix: " + ids[other] + " and " + ids[i] + " both have the matrix id " + matrix.id +
                             " (a document's id is derived from its file name or text unless planner import --id "
                             "gives one), and versions are told apart by id: give each its own with planner import "
                             "DOC --id ID -o FILE, then --matrix FILE (a planner-matrix/1 file's id is its \"id\" "
                             "field)");
        }
        versions.matrices.push_back(std::move(matrix));
        versions.import_notes.insert(versions.import_notes.end(), base.notes.begin(), base.notes.end());
    }
    return versions;
}

// Names are resolved against all versions together: each must exist in one.
Matrix union_of_names(const std::vector<Matrix>& versions) {
    Matrix all;
    std::vector<std::string> ids;
    for (const Matrix& matrix : versions) {
        ids.push_back(matrix.id);
        for (const auto& feature : matrix.features)
            if (!all.has_feature(feature)) {
                all.features.push_back(feature);
                all.reindex();
            }
        for (const auto& hardware : matrix.hardware)
            if (!all.has_hardware(hardware)) {
                all.hardware.push_back(hardware);
                all.reindex();
            }
    }
    all.id = join(ids, ", ");
    return all;
}

// A class no version has a column for (blackwell) is planned for as on one
// matrix: each version gets the stand-in column the request asks for (every
// cell unknown, or --hw-as's column of that version). The notes, said once
// each, tell the user so.
std::vector<std::string> add_stand_in_columns(std::vector<Matrix>& versions, const Request& request) {
    std::vector<std::string> notes;
    if (request.missing_column == MissingColumn::refuse) return notes;
    for (Matrix& version : versions) {
        if (version.has_hardware(request.hardware)) continue;
        StandInColumn stand_in =
            add_stand_in_column(version, request.hardware, request.missing_column, request.hardware_as);
        version = std::move(stand_in.matrix);
        for (std::string& note : stand_in.notes)
            if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
    }
    return notes;
}

void refuse_single_version_question(std::string_view name, Question question) {
    if (info(question).across_versions) return;
    std::string across;
    std::vector<std::string> names;
    for (const QuestionInfo& entry : questions())
        if (entry.across_versions) names.push_back(std::string(entry.name));
    for (size_t i = 0; i < names.size(); ++i)
        across.append(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ").append(names[i]);
    throw UsageError("--any-version works with " + across + ", not " + std::string(name));
}

// What the version's own report shows: the plan where the version allows the
// request, the conflicts where it does not (a lacking name is said apart).
Report version_report(Question question, const Matrix& matrix, const Request& request,
                      const VersionAnswer& answer, const std::string& matrix_arg) {
    Report report;
    report.question = question == Question::maximize && !answer.allows ? Question::explain : question;
    report.matrix = &matrix;
    report.request = request;
    report.matrix_arg = matrix_arg;
    report.result = answer.result;
    std::erase_if(report.result.conflicts, [](const Conflict& c) { return c.cells.empty(); });
    return report;
}

std::string lacking_text(const VersionAnswer& answer) {
    std::string out;
    for (const Requirement& name : answer.lacking) {
        const bool hardware = name.kind == Requirement::Kind::hardware;
        out += "  " + answer.version + " has no " + (hardware ? "column" : "row") + " for " + name.id + " (" +
               requirement_flag(name) + ")\n";
    }
    return out;
}

std::string any_version_text(std::string_view name, Question question, const std::vector<Matrix>& versions,
                             const Request& request, const AnyVersionResult& result, const Style& style) {
    std::string out = style.bold(name == "versions" ? "versions" : std::string(name) + " --any-version") + " on " +
                      style.bold(request.hardware) + ": ";
    if (!result.allowing.empty())
        out += "allowed by " + std::to_string(result.allowing.size()) + " of " + std::to_string(versions.size()) +
               " versions: " + style.good(join(result.allowing, ", "));
    else if (result.undecided.empty() && !result.versions.empty())
        out += style.bad("no version allows the request");
    else if (result.undecided.size() < result.versions.size())
        out += "no decided version allows the request";
    else if (!result.versions.empty())
        out += "no version was decided";
    else
        out += "not decided";
    out += "\n";
    for (const std::string& note : result.notes) out += style.warn("note") + ": " + note + "\n";
    // An undecided version may allow the request as well as refuse it.
    if (!result.undecided.empty())
        out += style.warn("not decided before the time limit") + ": " + join(result.undecided, ", ") + "\n";
    if (result.status == Status::timeout && result.versions.empty())
        return out + style.warn("timeout") + ": " + result.message + "\n";
    for (size_t v = 0; v < result.versions.size(); ++v) {
        const VersionAnswer& answer = result.versions[v];
        if (!answer.decided) {
            out += "\n" + style.bold(answer.version) + ": " + style.warn("not decided before the time limit") + "\n";
            continue;
        }
        out += "\n" + style.bold(answer.version) + ": " + (answer.allows ? style.good("allows") : style.bad("blocked")) +
               "\n";
        if (answer.result.status == Status::timeout) {
            out += "  " + style.warn("timeout") + ": " + answer.result.message + "\n";
            continue;
        }
        out += lacking_text(answer);
        if (!answer.rules_refusal.empty()) out += "  refused: " + answer.rules_refusal + "\n";
        if (!versions[v].has_hardware(request.hardware)) continue;  // nothing more to say on it
        Report report = version_report(question, versions[v], request, answer, versions[v].id);
        if (!answer.allows && report.result.conflicts.empty() && report.result.violations.empty()) continue;
        out += render_report_text(report, style);
    }
    return out;
}

ordered_json any_version_json(std::string_view name, Question question, const std::vector<Matrix>& versions,
                              const Request& request, const AnyVersionResult& result) {
    ordered_json out = result_head(name, to_string(result.status));
    if (!result.message.empty()) out[result.status == Status::error ? "error" : "message"] = result.message;
    out["any_version"] = true;
    out["hardware"] = request.hardware;
    std::vector<std::string> ids;
    for (const Matrix& matrix : versions) ids.push_back(matrix.id);
    out["matrices"] = ids;
    out["allowing"] = result.allowing;
    out["undecided"] = result.undecided;
    if (!result.notes.empty()) out["notes"] = result.notes;
    ordered_json list = ordered_json::array();
    for (size_t v = 0; v < result.versions.size(); ++v) {
        const VersionAnswer& answer = result.versions[v];
        ordered_json item;
        item["matrix"] = answer.version;
        item["allows"] = answer.allows;
        item["decided"] = answer.decided;
        item["lacking"] = requirement_texts(answer.lacking);
        if (!answer.rules_refusal.empty()) item["rules_refusal"] = answer.rules_refusal;
        Report report = version_report(question, versions[v], request, answer, versions[v].id);
        report.result.conflicts = answer.result.conflicts;  // JSON keeps the lacking ones too
        ordered_json document = report_json(report);
        for (const char* head : {"schema", "command"}) document.erase(head);
        item["result"] = std::move(document);
        list.push_back(std::move(item));
    }
    out["versions"] = std::move(list);
    return out;
}

}  // namespace

void check_any_version_flags(std::string_view name, Question question, const PlanFlags& flags) {
    refuse_single_version_question(name, question);
    std::vector<Matrix> versions = load_versions(flags).matrices;
    add_stand_in_columns(versions, build_request(flags.request, union_of_names(versions)));
}

int run_any_version_command(std::string_view name, Question question, const PlanFlags& flags) {
    refuse_single_version_question(name, question);
    Versions loaded = load_versions(flags);
    std::vector<Matrix>& versions = loaded.matrices;
    const Matrix names = union_of_names(versions);
    Request request = build_request(flags.request, names);
    apply_rules_flags(flags.rules, request);
    const std::vector<std::string> notes = add_stand_in_columns(versions, request);
    AnyVersionResult result = process_engine().across_versions(versions, request, question);
    result.notes = std::move(loaded.import_notes);
    result.notes.insert(result.notes.end(), notes.begin(), notes.end());
    if (result.status == Status::error)
        std::cerr << "planner: internal error: " << result.message
                  << "\nThis is a bug in planner, not in your request; please report it with the command you ran.\n";
    if (flags.json)
        std::cout << dump_json(any_version_json(name, question, versions, request, result));
    else if (result.status != Status::error)
        std::cout << any_version_text(name, question, versions, request, result, Style::for_stdout(false));
    return exit_code(result.status);
}

void add_versions_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    flags->any_version = true;
    CLI::App* command = app.add_subcommand(
        "versions", "which matrix versions allow a request, the best plan in each, what blocks the others");
    add_plan_flags(*command, PlanCommand::versions, *flags);
    command->footer(example_footer({"planner versions --hw cpu --must lora,cp",
                                    "planner versions --hw ampere --must lora,sd --assume lora:sd=partial"}));
    commands.push_back({command, "versions", [flags] { return run_any_version_command("versions", Question::maximize, *flags); },
                        [flags] { check_any_version_flags("versions", Question::maximize, *flags); }});
}

}  // namespace planner::cli
