#include "cli/program.hpp"

#include <cstring>
#include <iostream>

#include "cli/render_json.hpp"
#include "model/error.hpp"

namespace planner::cli {

namespace {

// Known before parsing, so that even a parse error answers in JSON.
bool wants_json(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--json") == 0) return true;
    return false;
}

// "maximize", "matrix show": for the "command" key of an error document.
std::string command_name(int argc, const char* const* argv, CLI::App& app) {
    if (argc < 2 || argv[1][0] == '-') return "";
    std::string name = argv[1];
    try {
        const CLI::App* command = app.get_subcommand(name);
        if (!command->get_subcommands({}).empty() && argc > 2 && argv[2][0] != '-') name.append(" ").append(argv[2]);
    } catch (const CLI::OptionNotFound&) {
    }
    return name;
}

std::string subcommand_names(const CLI::App& app) {
    std::string out;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
        out.append(out.empty() ? "" : ", ").append(command->get_name());
    return out;
}

int fail(const std::string& command, bool json, const std::string& message) {
    std::cerr << "planner: error: " << message << "\n";
    if (json) std::cout << dump_json(error_json(command, message));
    return 2;
}

}  // namespace

Program::Program() : app_{"Plans vLLM serving configurations from vLLM's compatibility matrix.", "planner"} {
    app_.require_subcommand(1);
    app_.set_version_flag("--version", "planner " PLANNER_VERSION);
    app_.footer(example_footer({"planner maximize --hw a100 --must lora",
                                "planner check --hw h100 --have lora,cp --json", "planner matrix show --hw ampere"}) +
                "\nExit codes: 0 answer found / valid, 1 infeasible / invalid, 2 bad usage or input, 3 time limit.\n");
    add_import_command(app_, commands_);
    add_features_command(app_, commands_);
    add_hardware_command(app_, commands_);
    add_matrix_commands(app_, commands_);
    add_maximize_command(app_, commands_);
    add_repair_command(app_, commands_);
    add_check_command(app_, commands_);
    add_explain_command(app_, commands_);
    add_enumerate_command(app_, commands_);
    add_diff_command(app_, commands_);
    add_graph_command(app_, commands_);
    add_versions_command(app_, commands_);
    add_batch_command(app_, commands_);
    add_completion_command(app_, commands_);
}

ParsedCommandLine Program::parse(int argc, const char* const* argv) {
    ParsedCommandLine parsed;
    parsed.json = wants_json(argc, argv);
    parsed.command_name = command_name(argc, argv, app_);
    help_or_version_ = nullptr;

    if (argc >= 2 && argv[1][0] != '-' && !parsed.command_name.empty()) {
        try {
            app_.get_subcommand(argv[1]);
        } catch (const CLI::OptionNotFound&) {
            parsed.command_name.clear();
            parsed.error = "unknown command '" + std::string(argv[1]) + "'; commands: " + subcommand_names(app_) +
                           " (planner --help)";
            return parsed;
        }
    }
    try {
        app_.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            help_or_version_ = std::current_exception();
            return parsed;
        }
        const std::string help =
            parsed.command_name.empty() ? "planner --help" : "planner " + parsed.command_name + " --help";
        parsed.error = std::string(e.what()) + " (" + help + ")";
        return parsed;
    }
    for (const Command& command : commands_)
        if (command.app->parsed()) {
            parsed.command = &command;
            parsed.command_name = command.name;
            return parsed;
        }
    parsed.error = "no command given (planner --help)";
    return parsed;
}

int Program::run(int argc, const char* const* argv) {
    const ParsedCommandLine parsed = parse(argc, argv);
    if (help_or_version_) {
        try {
            std::rethrow_exception(help_or_version_);
        } catch (const CLI::ParseError& e) {
            return app_.exit(e);
        }
    }
    if (!parsed.command) return fail(parsed.command_name, parsed.json, parsed.error);
    try {
        return parsed.command->run();
    } catch (const UsageError& e) {
        return fail(parsed.command_name, parsed.json, e.what());
    } catch (const InputError& e) {
        return fail(parsed.command_name, parsed.json, e.what());
    } catch (const std::exception& e) {
        return fail(parsed.command_name, parsed.json,
                    std::string("internal error: ") + e.what() +
                        "; this is a bug in planner, please report it with the command you ran");
    }
}

}  // namespace planner::cli
