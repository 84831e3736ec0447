// planner completion bash: a bash completion script written from the command
// tree and the catalog of this very binary, so new commands, flags, features
// and hardware names complete without anyone editing a script by hand.
#include <iostream>

#include "cli/command.hpp"
#include "model/catalog.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

namespace {

std::string words(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out.push_back(' ');
        out.append(item);
    }
    return out;
}

// Names a shell word can hold as it is: no spaces, quotes or globbing.
bool is_plain_word(const std::string& name) {
    return !name.empty() && name.find_first_of(" \t'\"\\$`*?[]()<>|&;") == std::string::npos;
}

std::vector<std::string> option_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options()) {
        if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty()) continue;
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

bool has_positional(const CLI::App& command) {
    for (const CLI::Option* option : command.get_options())
        if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty()) return true;
    return false;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App*) { return true; });
}

std::vector<std::string> names_of(const std::vector<const CLI::App*>& commands) {
    std::vector<std::string> names;
    for (const CLI::App* command : commands) names.push_back(command->get_name());
    return names;
}

// One `case` arm per command path ("maximize", "matrix show"): its flags, and
// whether free words are files.
void command_arms(const CLI::App& command, const std::string& path, std::string& out) {
    const auto children = subcommands_of(command);
    std::string flags = words(option_names(command));
    out.append("        '").append(path).append("') flags='").append(flags).append("'");
    if (!children.empty()) out.append("; subcommands='").append(words(names_of(children))).append("'");
    if (has_positional(command)) out.append("; positional=1");
    out.append(" ;;\n");
    for (const CLI::App* child : children) command_arms(*child, path + " " + child->get_name(), out);
}

std::string bash_script(const CLI::App& app) {
    std::vector<std::string> features, hardware = {"auto"}, matrices;
    for (const CatalogEntry& entry : Catalog::builtin().features()) features.push_back(entry.id);
    for (const CatalogEntry& entry : Catalog::builtin().hardware()) {
        hardware.push_back(entry.id);
        for (const std::string& alias : entry.aliases)
            if (is_plain_word(alias) && alias.find('.') == std::string::npos) hardware.push_back(alias);
    }
    for (const ShippedMatrix& shipped : shipped_matrices()) matrices.push_back(shipped.id);

    std::string out =
        "# bash completion for planner, written by `planner completion bash`.\n"
        "# Load it with:  source <(planner completion bash)\n"
        "_planner() {\n"
        "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n";
    out.append("    local features='").append(words(features)).append("'\n");
    out.append("    local hardware='").append(words(hardware)).append("'\n");
    out.append("    local matrices='").append(words(matrices)).append("'\n");
    out.append(
        "    # The command path: the first word, and the second when the first has subcommands.\n"
        "    local path='' flags='' subcommands='' positional=0 i word\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        word=${COMP_WORDS[i]}\n"
        "        [[ $word == -* ]] && break\n"
        "        local candidate=${path:+$path }$word\n"
        "        case \"$candidate\" in\n");
    std::string arms;
    arms.append("        '') flags='--help --version'; subcommands='")
        .append(words(names_of(subcommands_of(app))))
        .append("' ;;\n");
    for (const CLI::App* command : subcommands_of(app)) command_arms(*command, command->get_name(), arms);
    // The same arms serve to test a candidate path and to load its words.
    std::string test_arms;
    for (const CLI::App* command : subcommands_of(app)) {
        test_arms.append("            '").append(command->get_name()).append("'");
        for (const CLI::App* child : subcommands_of(*command))
            test_arms.append("|'").append(command->get_name()).append(" ").append(child->get_name()).append("'");
        test_arms.append(") path=$candidate ;;\n");
    }
    out.append(test_arms);
    out.append(
        "            *) break ;;\n"
        "        esac\n"
        "    done\n"
        "    case \"$path\" in\n");
    out.append(arms);
    out.append(
        "    esac\n"
        "    case \"$prev\" in\n"
        "        --must|--never|--prefer|--have|--keep)\n"
        "            # Comma lists: complete the item after the last comma.\n"
        "            local head='' last=$cur\n"
        "            if [[ $cur == *,* ]]; then head=${cur%,*},; last=${cur##*,}; fi\n"
        "            COMPREPLY=($(compgen -P \"$head\" -W \"$features\" -- \"$last\"))\n"
        "            return ;;\n"
        "        --weight)\n"
        "            compopt -o nospace 2>/dev/null\n"
        "            COMPREPLY=($(compgen -S = -W \"$features\" -- \"$cur\"))\n"
        "            return ;;\n"
        "        --hw) COMPREPLY=($(compgen -W \"$hardware\" -- \"$cur\")); return ;;\n"
        "        --matrix) COMPREPLY=($(compgen -W \"$matrices\" -- \"$cur\") $(compgen -f -- \"$cur\")); return ;;\n"
        "        --format) COMPREPLY=($(compgen -W 'text vllm-args' -- \"$cur\")); return ;;\n"
        "        -o|--output|--overlay) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
        "        --timeout-ms|--limit|--hw-cost|--id) return ;;\n"
        "    esac\n"
        "    if [[ $cur == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
        "    elif [[ -n $subcommands ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$subcommands\" -- \"$cur\"))\n"
        "    elif [[ $path == completion ]]; then\n"
        "        COMPREPLY=($(compgen -W 'bash' -- \"$cur\"))\n"
        "    elif ((positional)); then\n"
        "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        "    fi\n"
        "}\n"
        "complete -F _planner planner\n");
    return out;
}

}  // namespace

void add_completion_command(CLI::App& app, Commands& commands) {
    auto shell = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand("completion", "print a shell completion script (bash)");
    command->add_option("shell", *shell, "the shell: bash")->required()->check(CLI::IsMember({"bash"}));
    command->footer(example_footer({"source <(planner completion bash)",
                                    "planner completion bash > /etc/bash_completion.d/planner"}));
    CLI::App* root = &app;
    commands.push_back({command, "completion", [root, shell] {  // shell: keeps the option's target alive
                            std::cout << bash_script(*root);
                            return 0;
                        }});
}

}  // namespace planner::cli
