// planner man: the manual page, in roff, written from the command tree the
// parser uses (cli/flags/command_tree.hpp), so it lists exactly the commands and
// flags that help shows and the program accepts. The build installs its
// output as share/man/man1/planner.1.
#include <iostream>

#include "cli/commands/command.hpp"
#include "cli/flags/command_tree.hpp"

namespace planner::cli {

namespace {

// Text as roff reads it: backslashes and dashes escaped, no line taken for a request.
std::string roff(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out.append("\\e");
        else if (c == '-') out.append("\\-");
        else out.push_back(c);
    }
    if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
    return out;
}

std::string option_heading(const OptionSpec& option) {
    std::string out = ".TP\n";
    for (size_t i = 0; i < option.names.size(); ++i)
        out.append(i ? ", " : "").append("\\fB").append(roff(option.names[i])).append("\\fR");
    if (!option.type_name.empty() && !option.positional) out.append(" \\fI").append(roff(option.type_name)).append("\\fR");
    return out + "\n";
}

std::string option_body(const OptionSpec& option) {
    std::string text = option.description;
    if (option.required) text.append(" (required)");
    if (option.positional && !option.type_name.empty()) text.append(" [").append(option.type_name).append("]");
    return roff(text) + "\n";
}

std::string synopsis(const CommandSpec& command) {
    std::string out = "planner " + command.path;
    if (!command.subcommands.empty()) return out + " COMMAND";
    out.append(" [OPTIONS]");
    for (const OptionSpec& positional : command.positionals)
        out.append(positional.required ? " " : " [").append(positional.names.front())
            .append(positional.repeatable ? "..." : "").append(positional.required ? "" : "]");
    return out;
}

// What a command's footer says before its examples (batch: the keys of a
// request line), as a paragraph kept line by line.
std::string footer_prose(const CommandSpec& command) {
    const size_t examples_at = command.footer.find("\nExample");
    std::string prose = command.footer.substr(0, examples_at);
    while (!prose.empty() && prose.back() == '\n') prose.pop_back();
    while (!prose.empty() && prose.front() == '\n') prose.erase(0, 1);
    if (prose.empty()) return "";
    std::string out = ".PP\n.nf\n";
    for (size_t start = 0; start <= prose.size();) {
        const size_t end = std::min(prose.find('\n', start), prose.size());
        out.append(roff(prose.substr(start, end - start))).append("\n");
        start = end + 1;
    }
    return out + ".fi\n";
}

std::string examples(const CommandSpec& command) {
    const auto lines = footer_examples(command.footer);
    if (lines.empty()) return "";
    std::string out = ".PP\nExamples:\n.RS\n.nf\n";
    for (const std::string& line : lines) out.append(roff(line)).append("\n");
    return out + ".fi\n.RE\n";
}

// The program's footer after its examples: the exit codes.
std::string closing_text(const std::string& footer) {
    const size_t exit_codes = footer.find("Exit codes:");
    if (exit_codes == std::string::npos) return "";
    std::string text = footer.substr(exit_codes + std::string_view("Exit codes:").size());
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    return text;
}

std::string man_page(const CLI::App& root) {
    const std::vector<CommandSpec> specs = command_specs(root);
    const CommandSpec& program = specs.front();
    std::string out = ".TH PLANNER 1 \"\" \"planner " PLANNER_VERSION "\" \"User Commands\"\n";
    out.append(".SH NAME\nplanner \\- ").append(roff(program.description)).append("\n");
    out.append(".SH SYNOPSIS\n.B planner\n.I COMMAND\n[\\fIOPTIONS\\fR]\n");
    out.append(".SH DESCRIPTION\n").append(roff(program.description)).append(
        " Every command takes \\fB\\-\\-help\\fR; \\fBplanner help\\fR \\fICOMMAND\\fR prints the same text.\n");
    out.append(".SH OPTIONS\n");
    for (const OptionSpec& option : program.options) out.append(option_heading(option)).append(option_body(option));
    out.append(".SH COMMANDS\n");
    for (size_t i = 1; i < specs.size(); ++i) {
        const CommandSpec& command = specs[i];
        out.append(".SS \"").append(roff(synopsis(command))).append("\"\n").append(roff(command.description)).append("\n");
        for (const OptionSpec& option : command.positionals) out.append(option_heading(option)).append(option_body(option));
        for (const OptionSpec& option : command.options) out.append(option_heading(option)).append(option_body(option));
        out.append(footer_prose(command)).append(examples(command));
    }
    out.append(".SH EXIT STATUS\n").append(roff(closing_text(program.footer))).append("\n");
    out.append(
        ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nwhen set and not empty, no colour (unless \\fB\\-\\-color always\\fR)\n"
        ".TP\n.B TERM\n\\fBdumb\\fR: no colour (unless \\fB\\-\\-color always\\fR)\n");
    out.append(".SH EXAMPLES\n.nf\n");
    for (const std::string& line : footer_examples(program.footer)) out.append(roff(line)).append("\n");
    out.append(".fi\n");
    return out;
}

}  // namespace

void add_man_command(CLI::App& app, Commands& commands) {
    CLI::App* command = app.add_subcommand("man", "print the manual page (roff; man -l <(planner man) shows it)");
    command->footer(example_footer({"planner man > planner.1"}));
    const CLI::App* root = &app;
    commands.push_back({command, "man", [root] {
                            std::cout << man_page(*root);
                            return 0;
                        }});
}

}  // namespace planner::cli
