// planner: plans vLLM serving configurations from vLLM's compatibility matrix.
// This file wires the commands together and turns every failure into exit
// code 2 with a message (and, with --json, a JSON document on stdout).
#include <CLI/CLI.hpp>
#include <cstring>
#include <iostream>

#include "cli/command.hpp"
#include "cli/render_json.hpp"
#include "model/error.hpp"

namespace {

using planner::cli::Commands;

// Known before parsing, so that even a parse error answers in JSON.
bool wants_json(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--json") == 0) return true;
    return false;
}

// "maximize", "matrix show": for the "command" key of an error document.
std::string command_name(int argc, char** argv, const CLI::App& app) {
    if (argc < 2 || argv[1][0] == '-') return "";
    std::string name = argv[1];
    try {
        const CLI::App* command = const_cast<CLI::App&>(app).get_subcommand(name);
        if (!command->get_subcommands({}).empty() && argc > 2 && argv[2][0] != '-') name += " " + std::string(argv[2]);
    } catch (const CLI::OptionNotFound&) {
    }
    return name;
}

int fail(const std::string& command, bool json, const std::string& message) {
    std::cerr << "planner: error: " << message << "\n";
    if (json) std::cout << planner::cli::dump_json(planner::cli::error_json(command, message));
    return 2;
}

std::string subcommand_names(const CLI::App& app) {
    std::string out;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
        out += (out.empty() ? "" : ", ") + command->get_name();
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Plans vLLM serving configurations from vLLM's compatibility matrix.", "planner"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "planner " PLANNER_VERSION);
    app.footer(planner::cli::example_footer(
        {"planner maximize --hw a100 --must lora", "planner check --hw h100 --have lora,cp --json",
         "planner matrix show --hw ampere"}) +
               "\nExit codes: 0 answer found / valid, 1 infeasible / invalid, 2 bad usage or input, 3 time limit.\n");

    Commands commands;
    planner::cli::add_import_command(app, commands);
    planner::cli::add_features_command(app, commands);
    planner::cli::add_hardware_command(app, commands);
    planner::cli::add_matrix_commands(app, commands);
    planner::cli::add_maximize_command(app, commands);
    planner::cli::add_repair_command(app, commands);
    planner::cli::add_check_command(app, commands);
    planner::cli::add_explain_command(app, commands);
    planner::cli::add_enumerate_command(app, commands);
    planner::cli::add_diff_command(app, commands);
    planner::cli::add_graph_command(app, commands);
    planner::cli::add_versions_command(app, commands);
    planner::cli::add_batch_command(app, commands);
    planner::cli::add_completion_command(app, commands);

    const bool json = wants_json(argc, argv);
    const std::string name = command_name(argc, argv, app);

    if (argc >= 2 && argv[1][0] != '-' && !name.empty()) {
        try {
            app.get_subcommand(argv[1]);
        } catch (const CLI::OptionNotFound&) {
            return fail("", json, "unknown command '" + std::string(argv[1]) + "'; commands: " +
                                      subcommand_names(app) + " (planner --help)");
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::string help = name.empty() ? "planner --help" : "planner " + name + " --help";
        return fail(name, json, std::string(e.what()) + " (" + help + ")");
    }

    for (const auto& command : commands) {
        if (!command.app->parsed()) continue;
        try {
            return command.run();
        } catch (const planner::UsageError& e) {
            return fail(command.name, json, e.what());
        } catch (const planner::InputError& e) {
            return fail(command.name, json, e.what());
        } catch (const std::exception& e) {
            return fail(command.name, json,
                        std::string("internal error: ") + e.what() +
                            "; this is a bug in planner, please report it with the command you ran");
        }
    }
    return fail(name, json, "no command given (planner --help)");
}
