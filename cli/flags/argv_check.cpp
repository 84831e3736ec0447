#include "cli/flags/argv_check.hpp"

#include <cctype>
#include <map>

#include "cli/flags/command_tree.hpp"
#include "cli/flags/did_you_mean.hpp"
#include "cli/render/suggested_command.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

// What CLI11 reads as an option: "--x..." or "-x..." where x is not a digit
// ("-1" is a value) and the word is not "-" (stdin) or "--".
bool is_option_word(std::string_view word) {
    if (word.size() < 2 || word[0] != '-') return false;
    const char first = word[1] == '-' ? (word.size() > 2 ? word[2] : '-') : word[1];
    return first != '-' && first != '!' && first != ' ' && !std::isdigit(static_cast<unsigned char>(first));
}

// "--hw=a100" -> "--hw"; "-o=file" -> "-o"; "-hw" and "-ofile" stay whole, see below.
std::string option_name(std::string_view word) {
    if (word.starts_with("--")) return std::string(word.substr(0, word.find('=')));
    if (word.size() > 2 && word[2] == '=') return std::string(word.substr(0, 2));
    return std::string(word);
}

std::vector<const CLI::App*> children(const CLI::App& command) {
    return command.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* child_named(const CLI::App& command, std::string_view name) {
    for (const CLI::App* child : children(command))
        if (child->get_name() == name) return child;
    return nullptr;
}

std::string path_of(const CLI::App& command) {
    std::string path;
    for (const CLI::App* at = &command; at && at->get_parent(); at = at->get_parent())
        path = at->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

std::string program_and_path(const CLI::App& command) {
    const std::string path = path_of(command);
    return path.empty() ? "planner" : "planner " + path;
}

std::string help_hint(const CLI::App& command) { return "(" + program_and_path(command) + " --help)"; }

std::vector<std::string> long_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options())
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    return names;
}

// The option a word names on `command`: "--hw", "--hw=x", "-h", "-ofile".
const CLI::Option* find_option(const CLI::App& command, std::string_view word) {
    if (const CLI::Option* option = command.get_option_no_throw(option_name(word))) return option;
    if (!word.starts_with("--") && word.size() > 2) {
        const CLI::Option* short_option = command.get_option_no_throw(std::string(word.substr(0, 2)));
        if (short_option && takes_value(*short_option)) return short_option;  // -ofile
    }
    return nullptr;
}

bool carries_value(std::string_view word) {
    return word.starts_with("--") ? word.find('=') != std::string_view::npos : word.size() > 2;
}

// "-o=out.json": a short option's value written as the long form writes it.
// CLI11 would take "=out.json" as the value (a file named "=out.json").
bool is_short_with_equals(std::string_view word) {
    return !word.starts_with("--") && word.size() > 2 && word[2] == '=';
}

// How to pass a value that starts with '-': "--output=-x.json" (the long
// name when the option has one, "-o=-x.json" otherwise).
std::string dash_value_form(const CLI::Option& option, std::string_view typed, std::string_view value) {
    const std::vector<std::string>& long_names = option.get_lnames();
    const std::string name = long_names.empty() ? option_name(typed) : "--" + long_names.front();
    return name + "=" + shell_quote(value);
}

void collect_takers(const CLI::App& command, const std::string& name, std::vector<std::string>& out) {
    const auto kids = children(command);
    if (kids.empty() && command.get_option_no_throw(name)) out.push_back(path_of(command));
    for (const CLI::App* child : kids) collect_takers(*child, name, out);
}

// The commands that have the option, for a flag given to the wrong one.
// "repair takes it", "maximize, repair take it"; empty when no command does.
std::string takers_of(const CLI::App& root, const std::string& name) {
    std::vector<std::string> takers;
    collect_takers(root, name, takers);
    std::string out = join(takers);
    if (!out.empty()) out.append(takers.size() == 1 ? " takes it" : " take it");
    return out;
}

std::string names_of(const std::vector<const CLI::App*>& commands, std::string_view prefix,
                     std::string_view separator) {
    std::string out;
    for (const CLI::App* command : commands)
        out.append(out.empty() ? "" : separator).append(prefix).append(command->get_name());
    return out;
}

std::string unknown_option(const CLI::App& root, const CLI::App& command, const std::string& name) {
    std::string message = program_and_path(command) + " has no option " + name;
    const std::string suggestion = did_you_mean(name, long_names(command));
    if (!suggestion.empty()) return message + suggestion + " " + help_hint(command);
    const std::string bare = name.starts_with("--") || name.size() < 2 ? name : "-" + name;
    const std::string takers = takers_of(root, bare);
    if (!takers.empty() && bare != name) return message + "; did you mean " + bare + "? (" + takers + ")";
    if (!takers.empty()) return message + " (" + takers + "; " + help_hint(command).substr(1);
    return message + " " + help_hint(command);
}

// An option typed before its command: the same line with the words moved
// after the command, when a command further on takes the option.
std::string misplaced_option(const CLI::App& root, int argc, const char* const* argv, int at) {
    const std::string name = option_name(argv[at]);
    int first = at + 1;  // the first word naming a command, then the words naming its subcommands
    while (first < argc && (is_option_word(argv[first]) || !child_named(root, argv[first]))) ++first;
    const CLI::App* command = &root;
    int after = first;
    for (; after < argc; ++after) {
        const CLI::App* child = child_named(*command, argv[after]);
        if (!child) break;
        command = child;
    }
    if (command == &root) return "";
    // "-hw" before the command is also missing a dash.
    const std::string wanted = command->get_option_no_throw(name) || name.starts_with("--") ? name : "-" + name;
    if (!command->get_option_no_throw(wanted)) return "";
    std::string line = program_and_path(*command);
    for (int i = 1; i < argc; ++i)
        if (i < first || i >= after) line.append(" ").append(i == at ? wanted : shell_quote(argv[i]));
    return name + " belongs after the command: " + line;
}

}  // namespace

std::vector<std::string> help_words(const CLI::App& root, int argc, const char* const* argv) {
    std::vector<std::string> path = {argc > 0 ? argv[0] : "planner"};
    const CLI::App* command = &root;
    bool help = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--") break;  // the rest are values
        if (word == "--help" || word == "-h") help = true;
        if (is_option_word(word)) continue;
        if (const CLI::App* child = child_named(*command, word)) {
            command = child;
            path.emplace_back(word);
        }
    }
    if (!help) return {};
    path.emplace_back("--help");
    return path;
}

std::vector<std::string> with_short_values_unequalled(const CLI::App& root, int argc, const char* const* argv) {
    std::vector<std::string> words(argv, argv + argc);
    const CLI::App* command = &root;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--") break;  // the rest are values
        if (!is_option_word(word)) {
            if (const CLI::App* child = child_named(*command, word)) command = child;
            continue;
        }
        const CLI::Option* option = find_option(*command, word);
        if (!option || !takes_value(*option)) continue;
        if (is_short_with_equals(word)) words[static_cast<size_t>(i)].erase(2, 1);  // "-o=x" -> "-ox"
        else if (!carries_value(word)) ++i;  // the next word is its value, whatever it looks like
    }
    return words;
}

std::string unknown_command(const CLI::App& command, const std::string& word) {
    const std::string path = path_of(command);
    const std::string prefix = path.empty() ? "" : path + " ";
    std::vector<std::string> known;
    for (const CLI::App* child : children(command)) known.push_back(prefix + child->get_name());
    const std::string suggestion = did_you_mean(prefix + word, known);
    return "unknown command '" + prefix + word + "'" +
           (suggestion.empty() ? "; commands: " + names_of(children(command), prefix, ", ") : suggestion) + " " +
           help_hint(command);
}

std::string command_line_mistake(const CLI::App& root, int argc, const char* const* argv) {
    const CLI::App* command = &root;
    std::map<const CLI::Option*, int> uses;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--") break;  // the rest are values
        if (!is_option_word(word)) {
            const auto kids = children(*command);
            if (kids.empty()) continue;  // a positional value; CLI11 checks the count
            const CLI::App* child = child_named(*command, word);
            if (!child) return unknown_command(*command, std::string(word));
            command = child;
            uses.clear();
            continue;
        }
        const CLI::Option* option = find_option(*command, word);
        if (!option) {
            if (command == &root) {
                const std::string moved = misplaced_option(root, argc, argv, i);
                if (!moved.empty()) return moved;
            }
            return unknown_option(root, *command, option_name(word));
        }
        if (option->check_name("--version") && argc > 2)
            return "--version takes no other words: planner --version " + help_hint(root);
        if (option == command->get_help_ptr() || option->check_name("--version")) return "";
        if (++uses[option] == 2 && option->get_multi_option_policy() == CLI::MultiOptionPolicy::Throw)
            return option_name(word) + " is given twice; give it once " + help_hint(*command);
        if (!takes_value(*option) && word.starts_with("--") && carries_value(word))
            return option_name(word) + " is a flag and takes no value (" + option_name(word) + ", not " +
                   std::string(word) + ")";
        if ((word.starts_with("--") || is_short_with_equals(word)) && word.ends_with("="))
            return option_name(word) + " needs a value after '=': " + option->get_description();
        if (!takes_value(*option) || carries_value(word)) continue;
        if (i + 1 >= argc || is_option_word(argv[i + 1])) {
            std::string message = option_name(word) + " needs a value: " + option->get_description();
            // "--have -apc": the value was meant, and only the form with '=' passes it.
            const std::string_view next = i + 1 < argc ? std::string_view(argv[i + 1]) : std::string_view();
            if (!next.empty() && !next.starts_with("--") && !find_option(*command, next))
                message += "; a value that starts with '-' is written " + dash_value_form(*option, word, next);
            return message;
        }
        ++i;
    }
    if (!children(*command).empty() && command->get_require_subcommand_min() > 0) {
        if (command == &root) return "no command given; commands: " + names_of(children(root), "", ", ") + " " +
                                     help_hint(root);
        return program_and_path(*command) + " needs a command: " + names_of(children(*command), "", " or ") + " " +
               help_hint(*command);
    }
    return "";
}

}  // namespace planner::cli
