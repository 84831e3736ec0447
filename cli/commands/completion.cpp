// planner completion bash|zsh|fish, and the bash script. The scripts are
// written from the command tree (cli/commands/completion_scripts.hpp).
#include <iostream>

#include "cli/commands/command.hpp"
#include "cli/commands/completion_scripts.hpp"
#include "cli/flags/choice_option.hpp"

namespace planner::cli {

namespace {

std::string bash_script(const CLI::App& root) {
    const std::vector<CommandSpec> specs = command_specs(root);
    const CompletionWords words = completion_words(specs);
    std::string out =
        "# bash completion for planner, written by `planner completion bash`.\n"
        "# Load it with:  source <(planner completion bash)\n"
        "_planner() {\n"
        "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n";
    out.append(word_list_locals(words));
    out.append(
        "    # The command path: the words before the first flag that name a command.\n"
        "    local path='' flags='' subcommands='' positional='' value='' i word\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        word=${COMP_WORDS[i]}\n"
        "        [[ $word == -* ]] && break\n"
        "        case \"${path:+$path }$word\" in\n"
        "            ");
    out.append(command_path_patterns(specs)).append(
        ") path=${path:+$path }$word ;;\n"
        "            *) break ;;\n"
        "        esac\n"
        "    done\n"
        "    case $path in\n");
    for (const CommandSpec& command : specs) out.append(completion_case_arm(command));
    out.append(
        "    esac\n"
        "    case $value in\n"
        "        features)\n"
        "            # Comma lists: complete the item after the last comma.\n"
        "            local head='' last=$cur\n"
        "            if [[ $cur == *,* ]]; then head=${cur%,*},; last=${cur##*,}; fi\n"
        "            COMPREPLY=($(compgen -P \"$head\" -W \"$features\" -- \"$last\"))\n"
        "            return ;;\n"
        "        weights)\n"
        "            compopt -o nospace 2>/dev/null\n"
        "            COMPREPLY=($(compgen -S = -W \"$features\" -- \"$cur\"))\n"
        "            return ;;\n"
        "        hardware) COMPREPLY=($(compgen -W \"$hardware\" -- \"$cur\")); return ;;\n"
        "        matrix) COMPREPLY=($(compgen -W \"$matrices\" -- \"$cur\") $(compgen -f -- \"$cur\")); return ;;\n"
        "        file) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
        "        choice:*) COMPREPLY=($(compgen -W \"${value#choice:}\" -- \"$cur\")); return ;;\n"
        "        ?*) return ;;\n"
        "    esac\n"
        "    if [[ $cur == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
        "    elif [[ -n $subcommands ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$subcommands\" -- \"$cur\"))\n"
        "    else\n"
        "        case $positional in\n"
        "            file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
        "            matrix) COMPREPLY=($(compgen -W \"$matrices\" -- \"$cur\") $(compgen -f -- \"$cur\")) ;;\n"
        "            command) COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\")) ;;\n"
        "            choice:*) COMPREPLY=($(compgen -W \"${positional#choice:}\" -- \"$cur\")) ;;\n"
        "        esac\n"
        "    fi\n"
        "}\n"
        "complete -F _planner planner\n");
    return out;
}

}  // namespace

std::string bash_completion(const CLI::App& root) { return bash_script(root); }

void add_completion_command(CLI::App& app, Commands& commands) {
    auto shell = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand("completion", "print a shell completion script (bash, zsh or fish)");
    restrict_to(command->add_option("shell", *shell, "the shell")->required(), {"bash", "zsh", "fish"});
    command->footer(example_footer({"source <(planner completion bash)",
                                    "planner completion bash > ~/.local/share/bash-completion/completions/planner",
                                    "planner completion zsh > ~/.zfunc/_planner   # with fpath+=(~/.zfunc) in ~/.zshrc",
                                    "planner completion fish > ~/.config/fish/completions/planner.fish"}));
    const CLI::App* root = &app;
    commands.push_back({command, "completion", [root, shell] {  // shell: keeps the option's target alive
                            std::cout << (*shell == "zsh"    ? zsh_completion(*root)
                                          : *shell == "fish" ? fish_completion(*root)
                                                             : bash_completion(*root));
                            return 0;
                        }});
}

}  // namespace planner::cli
