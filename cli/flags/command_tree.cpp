#include "cli/flags/command_tree.hpp"

#include <array>
#include <utility>

#include "cli/flags/choice_option.hpp"

namespace planner::cli {

namespace {

// Type names as the commands register them (cli/flags/options.cpp and the command
// files), and what each one holds.
constexpr std::array<std::pair<std::string_view, ValueKind>, 9> kinds_by_type_name = {{
    {"F,..", ValueKind::features},
    {"F=N,..", ValueKind::feature_weights},
    {"HW", ValueKind::hardware},
    {"ID|FILE", ValueKind::matrix},
    {"FILE", ValueKind::file},
    {"FILE|-", ValueKind::file},
    {"DOC", ValueKind::file},
    {"FILE|DIR", ValueKind::file},
    {"CMD", ValueKind::command},
}};

OptionSpec spec_of(const CLI::Option& option) {
    OptionSpec spec;
    for (const std::string& name : option.get_snames()) spec.names.push_back("-" + name);
    for (const std::string& name : option.get_lnames()) spec.names.push_back("--" + name);
    spec.positional = !option.nonpositional();
    if (spec.positional) spec.names.push_back(option.get_name());
    spec.type_name = takes_value(option) ? option.get_type_name() : "";
    spec.description = option.get_description();
    spec.value = value_kind_of(option);
    spec.choices = choices_of(option);
    spec.required = option.get_required();
    spec.repeatable = spec.positional ? option.get_items_expected_max() > 1
                                      : option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    return spec;
}

void add_specs(const CLI::App& command, const std::string& path, std::vector<CommandSpec>& out) {
    CommandSpec spec;
    spec.path = path;
    spec.description = command.get_description();
    spec.footer = command.get_footer();
    for (const CLI::Option* option : command.get_options())
        (option->nonpositional() ? spec.options : spec.positionals).push_back(spec_of(*option));
    const auto children = command.get_subcommands([](const CLI::App*) { return true; });
    for (const CLI::App* child : children) spec.subcommands.push_back(child->get_name());
    out.push_back(std::move(spec));
    for (const CLI::App* child : children)
        add_specs(*child, path.empty() ? child->get_name() : path + " " + child->get_name(), out);
}

}  // namespace

bool takes_value(const CLI::Option& option) { return option.get_items_expected_max() > 0; }

ValueKind value_kind_of(const CLI::Option& option) {
    if (!takes_value(option)) return ValueKind::none;
    if (!choices_of(option).empty()) return ValueKind::choice;
    const std::string type = option.get_type_name();
    for (const auto& [name, kind] : kinds_by_type_name)
        if (type == name) return kind;
    return ValueKind::text;
}

std::vector<CommandSpec> command_specs(const CLI::App& root) {
    std::vector<CommandSpec> specs;
    add_specs(root, "", specs);
    return specs;
}

std::vector<std::string> footer_examples(const std::string& footer) {
    std::vector<std::string> examples;
    size_t start = 0;
    bool in_examples = false;
    while (start < footer.size()) {
        size_t end = footer.find('\n', start);
        if (end == std::string::npos) end = footer.size();
        std::string line = footer.substr(start, end - start);
        start = end + 1;
        if (line.starts_with("Example")) {
            in_examples = true;
            continue;
        }
        if (!in_examples) continue;
        if (!line.starts_with("  ")) {
            in_examples = false;
            continue;
        }
        line.erase(0, 2);
        if (size_t comment = line.find("  #"); comment != std::string::npos) line.erase(comment);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        examples.push_back(line);
    }
    return examples;
}

}  // namespace planner::cli
