#pragma once
// The completion scripts `planner completion SHELL` prints. Each is written
// from the command tree the parser uses (cli/flags/command_tree.hpp: the commands,
// their flags and what each flag's value is) and from the catalog and the
// shipped matrices of this very binary, so a new command, flag, choice,
// feature or hardware name completes without anyone editing a script.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/flags/command_tree.hpp"

namespace planner::cli {

// The words a value of each kind completes to.
struct CompletionWords {
    std::vector<std::string> features, hardware, matrices, commands;
};
CompletionWords completion_words(const std::vector<CommandSpec>& specs);

// Words separated by one space, as a shell word list.
std::string spaced_words(const std::vector<std::string>& items);

// "hardware", "choice:text vllm-args", ...: the value kind as the scripts name it.
std::string value_word(const OptionSpec& option);
// The kind of a command's free words ("" when it takes none).
std::string positional_word(const CommandSpec& command);

// Lines that set the shell variables features, hardware, matrices and
// commands to their words, one string each ("local features='cp apc ...'").
std::string word_list_locals(const CompletionWords& words);
// The command paths as the alternatives of one case pattern: 'import'|'matrix show'|...
std::string command_path_patterns(const std::vector<CommandSpec>& specs);

// The `case $command_path in` arm of one command in the bash and zsh scripts:
// its flags, subcommands, free words, and what follows each value-taking flag.
std::string completion_case_arm(const CommandSpec& command);

std::string bash_completion(const CLI::App& root);
std::string zsh_completion(const CLI::App& root);
std::string fish_completion(const CLI::App& root);

}  // namespace planner::cli
