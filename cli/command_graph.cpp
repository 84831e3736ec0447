// planner graph: the conflict graph of a matrix on one hardware class, as DOT
// or, through Graphviz's `dot`, as SVG (model/conflict_graph_dot.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/overlay_options.hpp"
#include "cli/plan_file.hpp"
#include "cli/render_json.hpp"
#include "model/conflict_graph_dot.hpp"
#include "model/error.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

namespace {

struct GraphFlags {
    std::string hardware, matrix, format = "dot", plan;
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
std::string render_svg(const std::string& dot_text) {
    if (!dot_installed())
        throw UsageError("--format svg needs Graphviz's dot, which is not installed "
                         "(apt-get install graphviz), or use --format dot");
    char name[] = "/tmp/planner-graph-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw InputError("cannot create a temporary file for dot");
    bool written = write(fd, dot_text.data(), dot_text.size()) == static_cast<ssize_t>(dot_text.size());
    close(fd);
    std::string svg;
    int status = -1;
    if (written) {
        std::string command = "dot -Tsvg ";
        command.append(name).append(" 2>/dev/null");
        if (FILE* pipe = popen(command.c_str(), "r")) {
            char buffer[65536];
            size_t n;
            while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) svg.append(buffer, n);
            status = pclose(pipe);
        }
    }
    unlink(name);
    if (!written || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw InputError("Graphviz's dot failed to render the graph (use --format dot to get its input)");
    return svg;
}

int run_graph(const GraphFlags& flags) {
    if (flags.format != "dot" && flags.format != "svg")
        throw UsageError("--format: '" + flags.format + "' is not dot or svg");
    std::optional<PlanFile> plan;
    if (!flags.plan.empty()) plan = read_plan_file(flags.plan);
    // A plan names its matrix; without --matrix, draw it on that one when shipped.
    std::string matrix_arg = flags.matrix;
    if (matrix_arg.empty() && plan && !plan->matrix.empty())
        for (const ShippedMatrix& shipped : shipped_matrices())
            if (shipped.id == plan->matrix) matrix_arg = plan->matrix;
    const Matrix matrix = apply_overlay_flags(flags.overlay, load_matrix(matrix_arg));
    std::string hardware = resolve_hardware_in(flags.hardware, matrix);

    GraphOptions options;
    if (plan) {
        const std::string where = flags.plan == "-" ? "<stdin>" : flags.plan;
        if (!plan->matrix.empty() && plan->matrix != matrix.id)
            throw UsageError("--plan " + where + " was made with matrix " + plan->matrix + ", not " + matrix.id +
                             " (pick it with --matrix)");
        if (plan->hardware != hardware)
            throw UsageError("--plan " + where + " is a plan for " + plan->hardware + ", not " + hardware);
        options.plan = plan->features;
    }
    std::string dot_text = conflict_graph_dot(matrix, hardware, options);
    std::string output = flags.format == "svg" ? render_svg(dot_text) : dot_text;
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
    add_hardware_option(*command, flags->hardware, true);
    add_matrix_option(*command, flags->matrix);
    command->add_option("--format", flags->format, "dot (Graphviz text, default) or svg (needs Graphviz's dot)")
        ->type_name("dot|svg");
    command->add_option("--plan", flags->plan, "highlight a plan: the output of planner maximize --json (- for stdin)")
        ->type_name("FILE|-");
    add_overlay_options(*command, flags->overlay);
    add_json_flag(*command, flags->json);
    command->footer(example_footer({"planner graph --hw ampere --format svg > ampere.svg",
                                    "planner maximize --hw ampere --must lora --json | planner graph --hw ampere --plan -"}));
    commands.push_back({command, "graph", [flags] { return run_graph(*flags); }});
}

}  // namespace planner::cli
