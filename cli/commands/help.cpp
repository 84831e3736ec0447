// planner help [COMMAND]: the same text as `planner COMMAND --help`, for the
// user who types the word help first.
#include <iostream>

#include <planner/error.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/argv_check.hpp"

namespace planner::cli {

namespace {

std::string help_of(const CLI::App& root, const std::vector<std::string>& words) {
    const CLI::App* command = &root;
    std::string parent_path = "planner";
    for (const std::string& word : words) {
        const CLI::App* child = nullptr;
        for (const CLI::App* candidate : command->get_subcommands([](const CLI::App*) { return true; }))
            if (candidate->get_name() == word) child = candidate;
        if (command->get_subcommands({}).empty() && command != &root)
            throw UsageError("planner" + parent_path.substr(std::string_view("planner").size()) + " " +
                             command->get_name() + " has no commands; '" + word + "' is too many words");
        if (!child) throw UsageError(unknown_command(*command, word));
        if (command != &root) parent_path.append(" ").append(command->get_name());
        command = child;
    }
    // The program's own help, asked for from here, would describe `help`:
    // CLI::App::help() follows the parsed subcommand.
    if (command == &root) return root.get_formatter()->make_help(&root, "planner", CLI::AppFormatMode::Normal);
    return command->help(parent_path);
}

}  // namespace

void add_help_command(CLI::App& app, Commands& commands) {
    auto words = std::make_shared<std::vector<std::string>>();
    CLI::App* command = app.add_subcommand("help", "print the help of a command (the same as planner COMMAND --help)");
    command->add_option("COMMAND", *words, "the command, e.g. maximize or matrix show; none: the program's help")
        ->type_name("CMD")
        ->expected(0, CLI::detail::expected_max_vector_size);
    command->footer(example_footer({"planner help maximize", "planner help matrix show"}));
    const CLI::App* root = &app;
    commands.push_back({command, "help", [root, words] {
                            std::cout << help_of(*root, *words);
                            return 0;
                        },
                        [root, words] { help_of(*root, *words); }});
}

}  // namespace planner::cli
