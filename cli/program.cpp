#include "cli/program.hpp"

#include <array>
#include <cstring>
#include <iostream>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "cli/flags/argv_check.hpp"
#include "cli/flags/choice_option.hpp"
#include "cli/flags/request_fields.hpp"
#include "cli/output/stdout_guard.hpp"
#include "cli/output/terminal_text.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

namespace {

// Known before parsing, so that even a parse error answers in JSON.
bool wants_json(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--json") == 0) return true;
    return false;
}

const CLI::App* child_named(const CLI::App& command, std::string_view name) {
    for (const CLI::App* child : command.get_subcommands([](const CLI::App*) { return true; }))
        if (child->get_name() == name) return child;
    return nullptr;
}

// "maximize", "matrix show": for the "command" key of an error document; ""
// when the first word is no command.
std::string command_name(int argc, const char* const* argv, const CLI::App& app) {
    if (argc < 2) return "";
    const CLI::App* command = child_named(app, argv[1]);
    if (!command) return "";
    std::string name = argv[1];
    if (argc > 2 && child_named(*command, argv[2])) name.append(" ").append(argv[2]);
    return name;
}

int fail(const std::string& command, bool json, const std::string& message) {
    std::cerr << "planner: error: " << message << "\n";
    if (json) std::cout << dump_json(error_json(command, message));
    return 2;
}

// Commands whose output has no colour to turn off (JSON, DOT, scripts, roff).
constexpr std::array<std::string_view, 6> colourless_commands = {"import", "graph", "batch",
                                                                 "completion", "help", "man"};

void add_colour_options(CLI::App& command, std::string& mode) {
    restrict_to(command.add_option("--color", mode,
                                   "colour the text output: auto (on a terminal unless NO_COLOR is set or "
                                   "TERM=dumb; the default), always or never"),
                {"auto", "always", "never"});
}

// On the program and on each command that prints coloured text (not on a
// group such as `matrix`, whose commands take it).
void add_colour_options_to_tree(CLI::App& command, std::string& mode, bool is_root) {
    const auto children = command.get_subcommands([](const CLI::App*) { return true; });
    if (is_root || children.empty()) add_colour_options(command, mode);
    for (CLI::App* child : children)
        if (std::find(colourless_commands.begin(), colourless_commands.end(), child->get_name()) ==
            colourless_commands.end())
            add_colour_options_to_tree(*child, mode, false);
}

// `planner --version`: the program's version and the matrices compiled into it.
std::string version_text() {
    std::string out = "planner " PLANNER_VERSION "\nbundled matrices (oldest first; the last is the default):\n";
    const auto shipped = shipped_matrices();
    size_t id_width = 0, states = 0, distinct = 0;
    for (const ShippedMatrix& matrix : shipped) id_width = std::max(id_width, matrix.id.size());
    for (const ShippedMatrix& matrix : shipped) {
        if (!matrix.states.empty()) {
            states += matrix.states.size();
            ++distinct;
            continue;
        }
        const Matrix& loaded = shipped_matrix(matrix.id);
        out.append("  ").append(pad_right(matrix.id, 13)).append("from ").append(matrix.source);
        if (!loaded.sha256.empty()) out.append(" (sha256 ").append(loaded.sha256.substr(0, 12)).append(")");
        out.append("\n");
    }
    if (states > 0)
        out += "and " + std::to_string(states) + " states of vLLM's compatibility-matrix page (" +
               std::to_string(distinct) + " distinct matrices; planner matrix list)\n";
    out.pop_back();  // CLI11 ends the line
    return out;
}

// CLI11 lists the words it could not place last to first (it parses from the
// back): find them in argv, from the end, to give them in the order typed.
// When they cannot all be found (a word with a space), its list stays.
std::string in_typed_order(const std::string& listed, int argc, const char* const* argv) {
    std::vector<std::string> reversed;
    for (size_t start = 0; start <= listed.size();) {
        const size_t space = std::min(listed.find(' ', start), listed.size());
        reversed.push_back(listed.substr(start, space - start));
        start = space + 1;
    }
    size_t matched = 0;
    for (int i = argc - 1; i > 0 && matched < reversed.size(); --i)
        if (reversed[matched] == argv[i]) ++matched;
    if (matched < reversed.size()) return listed;
    std::string typed;
    for (auto word = reversed.rbegin(); word != reversed.rend(); ++word) typed.append(typed.empty() ? "" : " ").append(*word);
    return typed;
}

// CLI11's words for what the command-line check leaves to it.
std::string plain_parse_error(const CLI::ParseError& error, int argc, const char* const* argv) {
    if (const auto* extras = dynamic_cast<const CLI::ExtrasError*>(&error)) {
        std::string message = extras->what();
        const size_t colon = message.find(": ");
        return "unexpected " + std::string(message.find("arguments") != std::string::npos ? "words" : "word") +
               " " + (colon == std::string::npos ? message : in_typed_order(message.substr(colon + 2), argc, argv)) +
               ": not an option or a value the command takes";
    }
    return error.what();
}

}  // namespace

Program::Program() : app_{"Plans vLLM serving configurations from vLLM's compatibility matrix.", "planner"} {
    app_.require_subcommand(1);
    app_.set_version_flag("--version", version_text, "print the version and the bundled matrices, and exit");
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
    add_help_command(app_, commands_);
    add_man_command(app_, commands_);
    add_colour_options_to_tree(app_, colour_, true);
    // Set after the commands: a subcommand copies its parent's footer when it is added.
    app_.footer(example_footer({"planner maximize --hw a100 --must lora",
                                "planner check --hw h100 --have lora,cp --json", "planner matrix show --hw ampere",
                                "planner help maximize"}) +
                "\nExit codes: 0 answer found / valid, 1 infeasible / invalid, 2 bad usage or input, 3 time limit.\n");
}

ParsedCommandLine Program::parse(int argc, const char* const* argv) {
    ParsedCommandLine parsed;
    parsed.json = wants_json(argc, argv);
    parsed.command_name = command_name(argc, argv, app_);
    help_or_version_ = nullptr;

    std::vector<std::string> words = help_words(app_, argc, argv);
    if (words.empty()) {
        parsed.error = command_line_mistake(app_, argc, argv);
        if (!parsed.error.empty()) return parsed;
        words = with_short_values_unequalled(app_, argc, argv);
    }
    colour_ = "auto";
    std::vector<const char*> word_pointers;
    for (const std::string& word : words) word_pointers.push_back(word.c_str());
    try {
        app_.parse(static_cast<int>(word_pointers.size()), word_pointers.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            help_or_version_ = std::current_exception();
            return parsed;
        }
        const std::string help =
            parsed.command_name.empty() ? "planner --help" : "planner " + parsed.command_name + " --help";
        parsed.error = plain_parse_error(e, argc, argv) + " (" + help + ")";
        return parsed;
    }
    set_colour_mode(colour_ == "always" ? ColourMode::always : colour_ == "never" ? ColourMode::never
                                                                                   : ColourMode::automatic);
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
    // Error messages quote matrix ids, file names and notes: filtered like stdout.
    TerminalSafeStream safe_errors(std::cerr, false);
    const ParsedCommandLine parsed = parse(argc, argv);
    TerminalSafeStream safe_output(std::cout, Style::for_stdout(parsed.json).colour());
    // Flushed while the filter is in place, so that a failed write is seen
    // with the reason the system gave for it.
    const int exit_code = run_parsed(parsed);
    return finish_stdout(exit_code, safe_output.write_error());
}

int Program::run_parsed(const ParsedCommandLine& parsed) {
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
    } catch (const RequestError& e) {
        return fail(parsed.command_name, parsed.json, message_in_flags(e));
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
