// The zsh completion script: the bash script's logic in zsh's own terms
// (words/CURRENT, compadd, compset, _files).
#include "cli/commands/completion_scripts.hpp"

namespace planner::cli {

std::string zsh_completion(const CLI::App& root) {
    const std::vector<CommandSpec> specs = command_specs(root);
    const CompletionWords words = completion_words(specs);
    std::string out =
        "#compdef planner\n"
        "# zsh completion for planner, written by `planner completion zsh`.\n"
        "# Save it as _planner in a directory of $fpath, or load it with:  source <(planner completion zsh)\n"
        "_planner() {\n"
        "    local cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n";
    out.append(word_list_locals(words));
    out.append(
        "    # The command path: the words before the first flag that name a command.\n"
        "    local command_path='' flags='' subcommands='' positional='' value='' i word\n"
        "    for ((i = 2; i < CURRENT; i++)); do\n"
        "        word=${words[i]}\n"
        "        [[ $word == -* ]] && break\n"
        "        case \"${command_path:+$command_path }$word\" in\n"
        "            (");
    out.append(command_path_patterns(specs)).append(
        ") command_path=${command_path:+$command_path }$word ;;\n"
        "            (*) break ;;\n"
        "        esac\n"
        "    done\n"
        "    case $command_path in\n");
    for (const CommandSpec& command : specs) out.append(completion_case_arm(command));
    out.append(
        "    esac\n"
        "    case $value in\n"
        "        (features) compset -P '*,'; compadd -- ${=features}; return ;;\n"
        "        (weights) compadd -S = -- ${=features}; return ;;\n"
        "        (hardware) compadd -- ${=hardware}; return ;;\n"
        "        (matrix) compadd -- ${=matrices}; _files; return ;;\n"
        "        (file) _files; return ;;\n"
        "        (choice:*) compadd -- ${=value#choice:}; return ;;\n"
        "        (?*) return ;;\n"
        "    esac\n"
        "    if [[ $cur == -* ]]; then\n"
        "        compadd -- ${=flags}\n"
        "    elif [[ -n $subcommands ]]; then\n"
        "        compadd -- ${=subcommands}\n"
        "    else\n"
        "        case $positional in\n"
        "            (file) _files ;;\n"
        "            (matrix) compadd -- ${=matrices}; _files ;;\n"
        "            (command) compadd -- ${=commands} ;;\n"
        "            (choice:*) compadd -- ${=positional#choice:} ;;\n"
        "        esac\n"
        "    fi\n"
        "}\n"
        "if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then\n"
        "    _planner \"$@\"\n"
        "else\n"
        "    compdef _planner planner\n"
        "fi\n");
    return out;
}

}  // namespace planner::cli
