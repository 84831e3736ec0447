#include "model/facts/feature_spelling.hpp"

#include <algorithm>

#include <planner/catalog.hpp>
#include <planner/vllm_args.hpp>

namespace planner {

namespace {

bool is_flag(std::string_view token) { return token.rfind("--", 0) == 0 && token.find('=') == std::string_view::npos; }

bool is_placeholder_value(std::string_view token) { return token.find('<') != std::string_view::npos; }

// "--speculative-config '{...<DRAFT_MODEL>...}'" names sd; "--task embed" is a
// value choice, not the feature's own flag, so it names nothing.
std::optional<std::string> naming_flag(const std::vector<std::string>& tokens, bool off) {
    if (tokens.empty() || !is_flag(tokens.front())) return std::nullopt;
    if (off ? tokens.size() != 1
            : !std::all_of(tokens.begin() + 1, tokens.end(), [](const auto& t) { return is_placeholder_value(t); }))
        return std::nullopt;
    return tokens.front();
}

}  // namespace

namespace {

// The vLLM flag spelled `name`, whatever the catalog says of the name.
std::optional<FeatureSpelling> find_flag(std::string_view name) {
    const std::string key = normalize_name(name);
    if (key.empty()) return std::nullopt;
    for (const VllmSeries& series : VllmArgsMap::builtin().series()) {
        for (const VllmFeatureMapping& mapping : series.features) {
            for (bool off : {false, true}) {
                const auto flag = naming_flag(off ? mapping.off : mapping.on, off);
                if (flag && normalize_name(*flag) == key)
                    return FeatureSpelling{mapping.feature, off, *flag, (off ? mapping.off : mapping.on).size() > 1};
            }
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<FeatureSpelling> find_feature_spelling(std::string_view name) {
    if (const CatalogEntry* entry = Catalog::builtin().find_feature(name)) return FeatureSpelling{entry->id, false, "", false};
    return find_flag(name);
}

bool names_flag_value(std::string_view name) {
    const std::optional<FeatureSpelling> flag = find_flag(name);
    return flag && flag->takes_value;
}

}  // namespace planner
