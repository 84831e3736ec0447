#pragma once
// The planner's commands and flags as the parser holds them (the CLI::App
// tree), flattened into plain records for the things written from them:
// the completion scripts, the man page and the did-you-mean of a mistyped
// flag. Nothing here is a second list of flags; every field is read from the
// registered CLI11 options.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace planner::cli {

// What a value is, read from the option's type name: what a shell offers for it.
enum class ValueKind {
    none,             // a flag
    features,         // F,..    feature ids, a comma list
    feature_weights,  // F=N,..  feature=number items
    hardware,         // HW      classes, products, auto
    matrix,           // ID|FILE a shipped matrix id or a file
    file,             // FILE, DOC, FILE|-
    choice,           // {a,b}   one of the listed values
    command,          // CMD     a command path (help)
    text,             // anything else: numbers, ids, cells
};

struct OptionSpec {
    std::vector<std::string> names;  // "--hw"; "-o", "--output"; a positional's own name
    std::string type_name;           // "HW", "{text,vllm-args}", "" for a flag
    std::string description;
    ValueKind value = ValueKind::none;
    std::vector<std::string> choices;  // for ValueKind::choice
    bool required = false;
    bool positional = false;
    bool repeatable = false;  // takes any number of words (positionals) or may be given again
};

struct CommandSpec {
    std::string path;  // "" for the program itself, "maximize", "matrix show"
    std::string description;
    std::vector<OptionSpec> options;      // named options, help first, in definition order
    std::vector<OptionSpec> positionals;  // in order
    std::vector<std::string> subcommands;
    std::string footer;  // the examples help ends with
};

ValueKind value_kind_of(const CLI::Option& option);
// False for a flag (CLI11 gives flags a type size but expects no value).
bool takes_value(const CLI::Option& option);

// The program first, then every command depth-first in definition order.
std::vector<CommandSpec> command_specs(const CLI::App& root);

// "Example(s):" lines of a footer: the command lines without their comments.
std::vector<std::string> footer_examples(const std::string& footer);

}  // namespace planner::cli
