#pragma once
// The planner's command line as an object: main() runs it, and the
// command-line fuzz target parses through it, so both see the same commands,
// flags and error messages.
#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands/command.hpp"

namespace planner::cli {

// What parsing a command line came to, before anything is run.
struct ParsedCommandLine {
    const Command* command = nullptr;  // the command to run; null when there is none
    std::string command_name;          // "maximize", "matrix show" or "": the "command" of an error document
    bool json = false;                 // --json anywhere: errors are answered in JSON too
    std::string error;                 // why there is no command (empty: --help or --version asked)
};

class Program {
public:
    Program();
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    // Parses `argv` without running anything; --help and --version are not
    // printed (run prints them).
    ParsedCommandLine parse(int argc, const char* const* argv);

    // main(): parse, run the command, print; every failure is exit code 2 with
    // "planner: error: ..." on stderr (and, with --json, a document on stdout).
    int run(int argc, const char* const* argv);

private:
    int run_parsed(const ParsedCommandLine& parsed);

    CLI::App app_;
    Commands commands_;
    std::string colour_ = "auto";  // --color, on the program and on each command with coloured text
    // The CLI11 exception of the last parse that asked for --help or --version.
    std::exception_ptr help_or_version_;
};

}  // namespace planner::cli
