#pragma once
// The mistakes a hurried user makes on a command line, found by walking argv
// through the command tree before CLI11 parses it: CLI11 reads `-hw` as -h -w
// (help, exit 0), reports `--hw` without a value as "1 required HW missing",
// and says nothing useful about an option put before its command. Each gets a
// plain message here, with a suggestion only when one is close.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace planner::cli {

// The first mistake in argv, or "" when CLI11 can take it from here (also
// when --help or --version comes before any mistake).
std::string command_line_mistake(const CLI::App& root, int argc, const char* const* argv);

// When --help (or -h) stands anywhere before "--": argv as the help of the
// command named so far (program name, command words, "--help"), since help
// wins over every other word, a mistake or --json included. Empty otherwise.
std::vector<std::string> help_words(const CLI::App& root, int argc, const char* const* argv);

// argv with "-o=FILE" written "-oFILE": a short option takes its value after
// '=' as its long form does (--output=FILE), where CLI11 would keep the '='
// in the value. Every other word is unchanged.
std::vector<std::string> with_short_values_unequalled(const CLI::App& root, int argc, const char* const* argv);

// "unknown command 'matrix shw'; did you mean matrix show? (planner matrix --help)":
// `word` is not a subcommand of `parent`.
std::string unknown_command(const CLI::App& parent, const std::string& word);

}  // namespace planner::cli
