#include <array>
#include <utility>

#include <planner/catalog.hpp>
#include <planner/library.hpp>

#include "cli/commands/completion_scripts.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

// Names a shell word can hold as it is: no spaces, quotes or globbing.
bool is_plain_word(const std::string& name) {
    return !name.empty() && name.find_first_of(" \t'\"\\$`*?[]()<>|&;.") == std::string::npos;
}

constexpr std::array<std::pair<ValueKind, std::string_view>, 8> words_by_kind = {{
    {ValueKind::features, "features"},
    {ValueKind::feature_weights, "weights"},
    {ValueKind::hardware, "hardware"},
    {ValueKind::matrix, "matrix"},
    {ValueKind::file, "file"},
    {ValueKind::command, "command"},
    {ValueKind::text, "text"},
    {ValueKind::none, ""},
}};

// A class --hw plans on: one some shipped matrix has a column for, or one no
// published matrix has (blackwell: planned with every cell unknown). A class
// only the catalog knows (tpu, before vLLM's table had a column for it) is
// refused by every command, so neither it nor its products are offered.
bool is_planned_on(const CatalogEntry& entry) {
    return entry.no_published_column || !matrices_with_hardware(entry.id).empty();
}

bool is_planned_on(std::string_view hardware) {
    const CatalogEntry* entry = Catalog::builtin().find_hardware(hardware);
    return entry && is_planned_on(*entry);
}

}  // namespace

std::string spaced_words(const std::vector<std::string>& items) { return join(items, " "); }

CompletionWords completion_words(const std::vector<CommandSpec>& specs) {
    CompletionWords words;
    for (const CatalogEntry& entry : Catalog::builtin().features()) words.features.push_back(entry.id);
    words.hardware.push_back("auto");
    for (const CatalogEntry& entry : Catalog::builtin().hardware()) {
        if (!is_planned_on(entry)) continue;
        words.hardware.push_back(entry.id);
        for (const std::string& alias : entry.aliases)
            if (is_plain_word(alias)) words.hardware.push_back(alias);
    }
    for (const Product& product : Catalog::builtin().products()) {
        if (!is_planned_on(product.hardware)) continue;
        if (product.family_default) words.hardware.push_back(product.family);
        words.hardware.push_back(product.id);
    }
    for (const ShippedMatrix& shipped : shipped_matrices()) words.matrices.push_back(shipped.id);
    words.commands = specs.front().subcommands;
    return words;
}

std::string value_word(const OptionSpec& option) {
    if (option.value == ValueKind::choice) return "choice:" + spaced_words(option.choices);
    for (const auto& [kind, word] : words_by_kind)
        if (kind == option.value) return std::string(word);
    return "text";
}

std::string positional_word(const CommandSpec& command) {
    return command.positionals.empty() ? "" : value_word(command.positionals.front());
}

std::string word_list_locals(const CompletionWords& words) {
    std::string out;
    out.append("    local features='").append(spaced_words(words.features)).append("'\n");
    out.append("    local hardware='").append(spaced_words(words.hardware)).append("'\n");
    out.append("    local matrices='").append(spaced_words(words.matrices)).append("'\n");
    out.append("    local commands='").append(spaced_words(words.commands)).append("'\n");
    return out;
}

std::string command_path_patterns(const std::vector<CommandSpec>& specs) {
    std::string patterns;
    for (size_t i = 1; i < specs.size(); ++i) patterns.append(i > 1 ? "|" : "").append("'" + specs[i].path + "'");
    return patterns;
}

// Both shells read `(pattern)` arms, so one writer serves bash and zsh.
std::string completion_case_arm(const CommandSpec& command) {
    std::vector<std::string> flags;
    for (const OptionSpec& option : command.options) flags.insert(flags.end(), option.names.begin(), option.names.end());
    std::string out = "        ('" + command.path + "')\n            flags='" + spaced_words(flags) + "'";
    if (!command.subcommands.empty()) out.append(" subcommands='").append(spaced_words(command.subcommands)).append("'");
    if (!positional_word(command).empty()) out.append(" positional='").append(positional_word(command)).append("'");
    out.append("\n            case $prev in\n");
    for (const OptionSpec& option : command.options) {
        if (option.value == ValueKind::none) continue;
        std::string names;
        for (const std::string& name : option.names) names.append(names.empty() ? "" : "|").append(name);
        out.append("                (").append(names).append(") value='").append(value_word(option)).append("' ;;\n");
    }
    return out + "            esac ;;\n";
}

}  // namespace planner::cli
