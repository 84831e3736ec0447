// planner versions, and --any-version on the planning commands: which matrix
// versions allow a request, the answer in each, and what blocks the others.
#include <iostream>

#include "cli/any_version_command.hpp"
#include "cli/command.hpp"
#include "cli/render_json.hpp"
#include "cli/render_text.hpp"
#include "model/catalog.hpp"
#include "model/error.hpp"
#include "model/matrix_library.hpp"
#include "model/overlay.hpp"
#include "solver/any_version.hpp"

namespace planner::cli {

namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) out.append(out.empty() ? "" : separator).append(item);
    return out;
}

std::vector<Matrix> load_versions(const PlanFlags& flags) {
    std::vector<std::string> ids = flags.matrices;
    if (ids.empty())
        for (const ShippedMatrix& shipped : shipped_matrices()) ids.push_back(shipped.id);
    std::vector<Matrix> versions;
    for (const std::string& id : ids) {
        // An overlay written for one version may name what an older one lacks.
        Matrix matrix = apply_overlay_flags(flags.overlay, load_matrix(id), MissingCell::skip);
        for (const Matrix& other : versions)
            if (other.id == matrix.id) throw UsageError("--matrix: version " + matrix.id + " is given twice");
        versions.push_back(std::move(matrix));
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
    all.id = joined(ids, ", ");
    return all;
}

VersionCommand command_of(const std::string& name) {
    if (name == "maximize" || name == "versions") return VersionCommand::maximize;
    if (name == "repair") return VersionCommand::repair;
    if (name == "check") return VersionCommand::check;
    if (name == "explain") return VersionCommand::explain;
    throw UsageError("--any-version works with maximize, repair, check and explain, not " + name);
}

// What the version's own report shows: the plan where the version allows the
// request, the conflicts where it does not (a lacking name is said apart).
Report version_report(const std::string& name, const Matrix& matrix, const Request& request,
                      const VersionAnswer& answer, const std::string& matrix_arg) {
    Report report;
    report.command = name == "versions" ? "maximize" : name;
    if (report.command == "maximize" && !answer.allows) report.command = "explain";
    report.matrix = &matrix;
    report.request = request;
    report.matrix_arg = matrix_arg;
    report.result = answer.result;
    std::erase_if(report.result.conflicts, [](const Conflict& c) { return c.cells.empty(); });
    return report;
}

std::string lacking_text(const VersionAnswer& answer) {
    std::string out;
    for (const std::string& name : answer.lacking) {
        size_t space = name.find(' ');
        std::string kind = name.substr(0, space), id = name.substr(space + 1);
        out += "  " + answer.version + " has no " + (kind == "hardware" ? "column" : "row") + " for " + id +
               " (" + (kind == "hardware" ? "--hw" : "--" + kind) + " " + id + ")\n";
    }
    return out;
}

std::string any_version_text(const std::string& name, const std::vector<Matrix>& versions, const Request& request,
                             const AnyVersionResult& result, const Style& style) {
    std::string out = style.bold(name == "versions" ? "versions" : name + " --any-version") + " on " +
                      style.bold(request.hardware) + ": ";
    if (result.allowing.empty())
        out += style.bad("no version allows the request");
    else
        out += "allowed by " + std::to_string(result.allowing.size()) + " of " + std::to_string(versions.size()) +
               " versions: " + style.good(joined(result.allowing, ", "));
    out += "\n";
    if (result.status == Status::timeout && result.versions.empty())
        return out + style.warn("timeout") + ": " + result.message + "\n";
    for (size_t v = 0; v < result.versions.size(); ++v) {
        const VersionAnswer& answer = result.versions[v];
        out += "\n" + style.bold(answer.version) + ": " + (answer.allows ? style.good("allows") : style.bad("blocked")) +
               "\n";
        out += lacking_text(answer);
        if (!versions[v].has_hardware(request.hardware)) continue;  // nothing more to say on it
        Report report = version_report(name, versions[v], request, answer, versions[v].id);
        if (!answer.allows && report.result.conflicts.empty() && report.result.violations.empty()) continue;
        out += render_report_text(report, style);
    }
    return out;
}

ordered_json any_version_json(const std::string& name, const std::vector<Matrix>& versions, const Request& request,
                              const AnyVersionResult& result) {
    ordered_json out = result_head(name, to_string(result.status));
    if (!result.message.empty()) out[result.status == Status::error ? "error" : "message"] = result.message;
    out["any_version"] = true;
    out["hardware"] = request.hardware;
    std::vector<std::string> ids;
    for (const Matrix& matrix : versions) ids.push_back(matrix.id);
    out["matrices"] = ids;
    out["allowing"] = result.allowing;
    ordered_json list = ordered_json::array();
    for (size_t v = 0; v < result.versions.size(); ++v) {
        const VersionAnswer& answer = result.versions[v];
        ordered_json item;
        item["matrix"] = answer.version;
        item["allows"] = answer.allows;
        item["lacking"] = answer.lacking;
        Report report = version_report(name, versions[v], request, answer, versions[v].id);
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

namespace {

// Repeated --matrix names the versions to compare; the last one is the single-matrix choice.
void collect_repeated_matrices(CLI::App& command, PlanFlags& flags) {
    if (CLI::Option* matrix = command.get_option_no_throw("--matrix"))
        matrix->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->each([&flags](const std::string& value) {
            flags.matrices.push_back(value);
        });
}

}  // namespace

void add_any_version_flag(CLI::App& command, PlanFlags& flags) {
    command.add_flag("--any-version", flags.any_version,
                     "ask every shipped matrix version (or each --matrix given) at once: which allow the "
                     "request, the answer in each, what blocks the others");
    collect_repeated_matrices(command, flags);
}

void check_any_version_flags(const std::string& name, const PlanFlags& flags) {
    command_of(name);
    build_request(flags.request, union_of_names(load_versions(flags)));
}

int run_any_version_command(const std::string& name, const PlanFlags& flags) {
    const VersionCommand command = command_of(name);
    const std::vector<Matrix> versions = load_versions(flags);
    const Matrix names = union_of_names(versions);
    Request request = build_request(flags.request, names);
    AnyVersionResult result = run_any_version(versions, request, command);
    if (result.status == Status::error)
        std::cerr << "planner: internal error: " << result.message
                  << "\nThis is a bug in planner, not in your request; please report it with the command you ran.\n";
    if (flags.json)
        std::cout << dump_json(any_version_json(name, versions, request, result));
    else if (result.status != Status::error)
        std::cout << any_version_text(name, versions, request, result, Style::for_stdout(false));
    return exit_code(result.status);
}

void add_versions_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    flags->any_version = true;
    CLI::App* command = app.add_subcommand(
        "versions", "which matrix versions allow a request, the best plan in each, what blocks the others");
    add_hardware_option(*command, flags->request.hardware, true);
    add_matrix_option(*command, flags->matrix);
    add_json_flag(*command, flags->json);
    add_overlay_options(*command, flags->overlay);
    collect_repeated_matrices(*command, *flags);
    add_name_list_option(*command, "--must", flags->request.must, "features that must be on");
    add_name_list_option(*command, "--never", flags->request.never, "features that must be off");
    add_name_list_option(*command, "--prefer", flags->request.prefer,
                         "features in priority order, each worth more than all later ones together");
    add_weight_option(*command, flags->request);
    add_policy_flags(*command, flags->request);
    add_timeout_option(*command, flags->request);
    command->footer(example_footer({"planner versions --hw cpu --must lora,cp",
                                    "planner versions --hw ampere --must lora,sd --assume lora:sd=partial"}));
    commands.push_back({command, "versions", [flags] { return run_any_version_command("versions", *flags); },
                        [flags] { check_any_version_flags("versions", *flags); }});
}

}  // namespace planner::cli
