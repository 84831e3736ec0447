#include "model/facts/own_names.hpp"

#include <algorithm>

#include <planner/catalog.hpp>

namespace planner {

namespace {

using Finder = const CatalogEntry* (Catalog::*)(std::string_view) const;

std::vector<const std::string*> own_ids(const std::vector<std::string>& ids, Finder find) {
    std::vector<const std::string*> out;
    for (const std::string& id : ids)
        if (!(Catalog::builtin().*find)(id)) out.push_back(&id);
    return out;
}

std::string shown_name(const std::map<std::string, std::string>& names, const std::string& id) {
    auto found = names.find(id);
    return found == names.end() ? id : found->second;
}

std::string own_id(const std::vector<std::string>& ids, const std::map<std::string, std::string>& names,
                   Finder find, std::string_view name) {
    const std::string key = normalize_name(name);
    if (key.empty()) return "";
    for (const std::string* id : own_ids(ids, find))
        if (normalize_name(*id) == key || normalize_name(shown_name(names, *id)) == key) return *id;
    return "";
}

// The catalog's rule (catalog.hpp): within max(1, length / 3) edits of the
// normalized name. The matrix's own ids come first: the name was typed for
// this matrix, and the catalog's names stay reachable by `planner features`.
std::vector<std::string> nearest_own(const std::vector<std::string>& ids, Finder find, std::string_view name,
                                     const std::vector<std::string>& from_catalog, size_t count) {
    std::vector<std::string> out;  // own ids, then the catalog's
    const std::string key = normalize_name(name);
    const size_t limit = std::max<size_t>(1, key.size() / 3);
    std::vector<std::pair<size_t, std::string>> scored;
    for (const std::string* id : own_ids(ids, find)) {
        const std::string other = normalize_name(*id);
        const size_t gap = other.size() > key.size() ? other.size() - key.size() : key.size() - other.size();
        if (gap > limit) continue;
        const size_t distance = edit_distance(key, other);
        if (distance <= limit) scored.emplace_back(distance, *id);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [distance, id] : scored) out.push_back(id);
    if (out.empty()) return out;
    for (const std::string& known : from_catalog) out.push_back(known);
    if (out.size() > count) out.resize(count);
    return out;
}

}  // namespace

std::string own_feature_id(const Matrix& matrix, std::string_view name) {
    return own_id(matrix.features, matrix.feature_names, &Catalog::find_feature, name);
}

std::string own_hardware_id(const Matrix& matrix, std::string_view name) {
    return own_id(matrix.hardware, matrix.hardware_names, &Catalog::find_hardware, name);
}

std::vector<std::string> nearest_features_in(const Matrix& matrix, std::string_view name, size_t count) {
    return nearest_own(matrix.features, &Catalog::find_feature, name, Catalog::builtin().nearest_features(name, count),
                       count);
}

std::vector<std::string> nearest_hardware_in(const Matrix& matrix, std::string_view name, size_t count) {
    return nearest_own(matrix.hardware, &Catalog::find_hardware, name,
                       Catalog::builtin().nearest_hardware(name, count), count);
}

}  // namespace planner
