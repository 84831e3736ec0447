#pragma once
// How main() sees a command: the CLI11 subcommand it registered and what to
// run once the arguments are parsed. Each file of cli/commands/ adds one.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace planner::cli {

struct Command {
    CLI::App* app = nullptr;
    std::string name;          // "maximize", "matrix show"
    std::function<int()> run;  // prints the answer, returns the exit code
    // Resolves the parsed flags as `run` would and throws what it would refuse,
    // without answering or printing; empty where parsing is all there is to
    // check. The command-line fuzz target calls it.
    std::function<void()> check = {};
};

using Commands = std::vector<Command>;

void add_import_command(CLI::App& app, Commands& commands);
void add_features_command(CLI::App& app, Commands& commands);
void add_hardware_command(CLI::App& app, Commands& commands);
void add_matrix_commands(CLI::App& app, Commands& commands);
void add_maximize_command(CLI::App& app, Commands& commands);
void add_repair_command(CLI::App& app, Commands& commands);
void add_check_command(CLI::App& app, Commands& commands);
void add_explain_command(CLI::App& app, Commands& commands);
void add_enumerate_command(CLI::App& app, Commands& commands);
void add_diff_command(CLI::App& app, Commands& commands);
void add_graph_command(CLI::App& app, Commands& commands);
void add_versions_command(CLI::App& app, Commands& commands);
void add_batch_command(CLI::App& app, Commands& commands);
void add_completion_command(CLI::App& app, Commands& commands);
void add_help_command(CLI::App& app, Commands& commands);
void add_man_command(CLI::App& app, Commands& commands);

// "Example:\n  planner ...": the footer every --help ends with.
std::string example_footer(std::initializer_list<std::string_view> examples);

}  // namespace planner::cli
