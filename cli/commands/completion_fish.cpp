// The fish completion script: one `complete` line per flag of each command,
// guarded by the command path, with each flag's description from help.
#include "cli/commands/completion_scripts.hpp"

namespace planner::cli {

namespace {

// A fish single-quoted string.
std::string fish_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out.push_back('\\');
        out.push_back(c);
    }
    return out + "'";
}

// The -a and file arguments of a value of the given kind.
std::string value_arguments(const std::string& kind, const CompletionWords& words) {
    if (kind == "features") return " -f -a '(__planner_comma_list " + spaced_words(words.features) + ")'";
    if (kind == "weights") return " -f -a '(__planner_weights " + spaced_words(words.features) + ")'";
    if (kind == "hardware") return " -f -a " + fish_quoted(spaced_words(words.hardware));
    if (kind == "matrix") return " -F -a " + fish_quoted(spaced_words(words.matrices));
    if (kind == "file") return " -F";
    if (kind == "command") return " -f -a " + fish_quoted(spaced_words(words.commands));
    if (kind.starts_with("choice:")) return " -f -a " + fish_quoted(kind.substr(7));
    return " -f";
}

std::string option_line(const std::string& guard, const OptionSpec& option, const CompletionWords& words) {
    std::string out = "complete -c planner -n " + guard;
    for (const std::string& name : option.names)
        out.append(name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1));
    if (option.value != ValueKind::none) out.append(" -r").append(value_arguments(value_word(option), words));
    return out + " -d " + fish_quoted(option.description) + "\n";
}

}  // namespace

std::string fish_completion(const CLI::App& root) {
    const std::vector<CommandSpec> specs = command_specs(root);
    const CompletionWords words = completion_words(specs);
    std::string paths;
    for (size_t i = 1; i < specs.size(); ++i) paths.append(" ").append(fish_quoted(specs[i].path));

    std::string out =
        "# fish completion for planner, written by `planner completion fish`.\n"
        "# Save it as ~/.config/fish/completions/planner.fish, or load it with:  planner completion fish | source\n"
        "function __planner_path --description 'the command path typed so far'\n"
        "    set -l path\n"
        "    for word in (commandline -opc)[2..-1]\n"
        "        string match -q -- '-*' $word; and break\n"
        "        set -l candidate (string join ' ' $path $word)\n"
        "        contains -- $candidate";
    out.append(paths).append(
        "; or break\n"
        "        set path $path $word\n"
        "    end\n"
        "    string join ' ' $path\n"
        "end\n"
        "function __planner_at\n"
        "    set -l path (__planner_path)\n"
        "    test \"$path\" = \"$argv[1]\"\n"
        "end\n"
        "# Comma lists: the items typed so far, then each name.\n"
        "function __planner_comma_list\n"
        "    set -l head (string replace -r '[^,]*$' '' -- (commandline -ct))\n"
        "    printf '%s\\n' $head$argv\n"
        "end\n"
        "function __planner_weights\n"
        "    printf '%s=\\n' $argv\n"
        "end\n"
        "complete -c planner -e\n"
        "complete -c planner -f\n");
    for (const CommandSpec& command : specs) {
        const std::string guard = fish_quoted("__planner_at " + fish_quoted(command.path));
        for (size_t i = 1; i < specs.size(); ++i) {
            const CommandSpec& child = specs[i];
            const std::string parent = child.path.substr(0, child.path.rfind(' ') == std::string::npos ? 0 : child.path.rfind(' '));
            if (parent != command.path) continue;
            const std::string name = child.path.substr(child.path.rfind(' ') == std::string::npos ? 0 : child.path.rfind(' ') + 1);
            out.append("complete -c planner -n ").append(guard).append(" -a ").append(fish_quoted(name)).append(" -d ")
                .append(fish_quoted(child.description)).append("\n");
        }
        for (const OptionSpec& option : command.options) out.append(option_line(guard, option, words));
        if (!positional_word(command).empty() && command.subcommands.empty())
            out.append("complete -c planner -n ").append(guard)
                .append(value_arguments(positional_word(command), words)).append("\n");
    }
    return out;
}

}  // namespace planner::cli
