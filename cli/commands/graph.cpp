// planner graph: the conflict graph of a matrix on one hardware class, as DOT
// or, through Graphviz's `dot`, as SVG (model/adapters/conflict_graph_dot.hpp).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>

#include <planner/check.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/commands/graph_plan_file.hpp"
#include "cli/commands/timed_child.hpp"
#include "cli/flags/choice_option.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/flags/overlay_options.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "model/adapters/conflict_graph_dot.hpp"
#include "model/facts/page_history.hpp"

namespace planner::cli {

namespace {

struct GraphFlags {
    std::string hardware, matrix, format = "dot", plan;
    bool strict_labels = false;  // --strict-labels
    std::string timeout_ms = "10000";  // how long `dot` may take
    OverlayFlags overlay;
    bool json = false;
};

bool dot_installed() {
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "";
    while (true) {
        size_t colon = rest.find(':');
        std::string directory(rest.substr(0, colon));
        if (!directory.empty() && access((directory + "/dot").c_str(), X_OK) == 0) return true;
        if (colon == std::string_view::npos) return false;
        rest.remove_prefix(colon + 1);
    }
}

// The DOT text goes through a temporary file, so that a failing `dot` is
// reported before anything reaches stdout.
std::string render_svg(const std::string& dot_text, unsigned timeout_ms) {
    if (!dot_installed())
        throw UsageError("--format svg needs Graphviz's dot, which is not installed "
                         "(apt-get install graphviz), or use --format dot");
    char name[] = "/tmp/planner-graph-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw InputError("cannot create a temporary file for dot");
    const bool written = write(fd, dot_text.data(), dot_text.size()) == static_cast<ssize_t>(dot_text.size());
    close(fd);
    ChildOutput rendered;
    try {
        if (written) rendered = run_timed_child({"dot", "-Tsvg", name}, timeout_ms);
    } catch (...) {
        unlink(name);
        throw;
    }
    unlink(name);
    if (!written || rendered.exit_code != 0)
        throw InputError("Graphviz's dot failed to render the graph (use --format dot to get its input)");
    return rendered.out;
}

int run_graph(const GraphFlags& flags) {
    std::optional<PlanFile> plan;
    if (!flags.plan.empty()) plan = read_plan_file(flags.plan);
    // A plan names its matrix; without --matrix, draw it on that one when shipped.
    // A page state (vllm-docs-2024-12-23) is shipped too, inside the matrix of its first state.
    bool plan_matrix_is_shipped = false;
    if (flags.matrix.empty() && plan && !plan->matrix.empty()) {
        plan_matrix_is_shipped = is_page_state_id(plan->matrix);
        for (const ShippedMatrix& shipped : shipped_matrices())
            if (shipped.id == plan->matrix) plan_matrix_is_shipped = true;
    }
    const Matrix matrix = apply_overlay_flags(
        flags.overlay, plan_matrix_is_shipped ? load_matrix(plan->matrix)
                                              : load_matrix_saying_notes(flags.matrix, flags.strict_labels));
    std::string hardware = resolve_shown_hardware(flags.hardware, matrix, "graph");

    GraphOptions options;
    if (plan) {
        const std::string where = flags.plan == "-" ? "<stdin>" : flags.plan;
        if (!plan->matrix.empty() && plan->matrix != matrix.id)
            throw UsageError("--plan " + where + " was made with matrix " + plan->matrix + ", not " + matrix.id +
                             " (pick it with --matrix)");
        if (plan->hardware != hardware)
            throw UsageError("--plan " + where + " is a plan for " + plan->hardware + ", not " + hardware);
        // A plan is drawn only on a matrix where it holds: one made under
        // --assume or --overlay, drawn without them, would show a "no" edge
        // inside the highlighted plan as if the planner had proposed it.
        const CheckResult checked = check_configuration(matrix, hardware, plan->features, Policy{});
        if (!checked.valid) {
            std::string cells;
            for (const CellRef& cell : checked.violations)
                cells += (cells.empty() ? "" : ", ") + cell.row +
                         (cell.kind == CellRef::Kind::pair ? " x " : " on ") + cell.column + " = " +
                         std::string(to_string(cell.value));
            throw UsageError("--plan " + where + " breaks " + cells + " of matrix " + matrix.id +
                             " as drawn; if it was made with --assume or --overlay, give graph the same flags");
        }
        options.plan = plan->features;
    }
    std::string dot_text = conflict_graph_dot(matrix, hardware, options);
    std::string output = flags.format == "svg"
                                   ? render_svg(dot_text, static_cast<unsigned>(parse_count("--timeout-ms", flags.timeout_ms, max_timeout_ms)))
                                   : dot_text;
    if (flags.json) {
        ordered_json out = result_head("graph", "ok");
        out["hardware"] = hardware;
        out["matrix"] = matrix.id;
        out["format"] = flags.format;
        out["graph"] = output;
        std::cout << dump_json(out);
    } else {
        std::cout << output;
    }
    return 0;
}

}  // namespace

void add_graph_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<GraphFlags>();
    CLI::App* command = app.add_subcommand(
        "graph", "the conflict graph on a hardware class: features as nodes, no/partial/unknown cells as edges");
    add_table_option(*command, "--hw", flags->hardware);
    add_table_option(*command, "--matrix", flags->matrix);
    add_table_flag(*command, "--strict-labels", flags->strict_labels);
    restrict_to(command->add_option("--format", flags->format, "dot (Graphviz text, default) or svg (needs Graphviz's dot)"),
                {"dot", "svg"});
    command->add_option("--plan", flags->plan, "highlight a plan: the output of planner maximize --json (- for stdin)")
        ->type_name("FILE|-")
        ->check(non_empty_value());
    command->add_option("--timeout-ms", flags->timeout_ms,
                        "with --format svg: stop dot after N milliseconds (default 10000; 0: no limit; at most " +
                            std::to_string(max_timeout_ms) + ", one day)")
        ->type_name("N");
    add_table_option(*command, "--assume", flags->overlay.assume);
    add_table_option(*command, "--overlay", flags->overlay.files);
    add_table_flag(*command, "--json", flags->json);
    command->footer(example_footer({"planner graph --hw ampere --format svg > ampere.svg",
                                    "planner maximize --hw ampere --must lora --json | planner graph --hw ampere --plan -"}));
    commands.push_back({command, "graph", [flags] { return run_graph(*flags); }});
}

}  // namespace planner::cli
