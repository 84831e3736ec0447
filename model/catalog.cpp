#include "model/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "model/embedded_data.hpp"
#include "model/error.hpp"

namespace planner {

std::string normalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ' || c == '.' || c == '\t') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

namespace {

std::vector<CatalogEntry> parse_entries(const nlohmann::json& list, std::string_view origin,
                                        const char* key) {
    if (!list.is_array())
        throw InputError(std::string(origin) + ": \"" + key + "\" must be an array");
    std::vector<CatalogEntry> entries;
    for (const auto& item : list) {
        CatalogEntry entry;
        try {
            entry.id = item.at("id").get<std::string>();
            entry.name = item.at("name").get<std::string>();
            entry.description = item.at("description").get<std::string>();
            entry.labels = item.at("labels").get<std::vector<std::string>>();
            entry.aliases = item.at("aliases").get<std::vector<std::string>>();
        } catch (const nlohmann::json::exception& e) {
            throw InputError(std::string(origin) + ": entry " + std::to_string(entries.size()) +
                             " of \"" + key + "\": " + e.what());
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

// "8.0", "cc80", "compute80", "sm_80" all name compute capability 8.0 -> "sm80".
std::string compute_capability_form(const std::string& normalized) {
    std::string digits = normalized;
    for (std::string_view prefix : {"compute", "cc", "sm"})
        if (digits.rfind(prefix, 0) == 0) {
            digits = digits.substr(prefix.size());
            break;
        }
    if (digits.size() == 2 && std::isdigit(static_cast<unsigned char>(digits[0])) &&
        std::isdigit(static_cast<unsigned char>(digits[1])))
        return "sm" + digits;
    return normalized;
}

const CatalogEntry* find_in(const std::vector<CatalogEntry>& entries, std::string_view name,
                            bool hardware) {
    std::string key = normalize_name(name);
    if (hardware) key = compute_capability_form(key);
    if (key.empty()) return nullptr;
    for (const CatalogEntry& entry : entries) {
        if (normalize_name(entry.id) == key || normalize_name(entry.name) == key) return &entry;
        for (const auto& label : entry.labels)
            if (normalize_name(label) == key) return &entry;
        for (const auto& alias : entry.aliases)
            if (normalize_name(alias) == key) return &entry;
    }
    return nullptr;
}

std::vector<std::string> nearest_in(const std::vector<CatalogEntry>& entries, std::string_view name,
                                    size_t count) {
    const std::string key = normalize_name(name);
    std::vector<std::pair<size_t, std::string>> scored;
    std::set<std::string> seen;
    auto consider = [&](const std::string& candidate) {
        if (!seen.insert(candidate).second) return;
        scored.emplace_back(edit_distance(key, normalize_name(candidate)), candidate);
    };
    for (const CatalogEntry& entry : entries) {
        consider(entry.id);
        for (const auto& alias : entry.aliases) consider(alias);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && out.size() < count; ++i) out.push_back(scored[i].second);
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

}  // namespace

Catalog Catalog::parse(std::string_view json_text, std::string_view origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(std::string(origin) + ": " + e.what());
    }
    if (!doc.is_object() || doc.value("schema", "") != "planner-catalog/1")
        throw InputError(std::string(origin) + ": not a planner-catalog/1 document");
    Catalog catalog;
    catalog.features_ = parse_entries(doc["features"], origin, "features");
    catalog.hardware_ = parse_entries(doc["hardware"], origin, "hardware");
    return catalog;
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog = [] {
        const EmbeddedFile* file = find_embedded_file("catalog.json");
        if (!file) throw InputError("catalog.json was not compiled into this planner");
        return parse(file->content, "data/catalog.json");
    }();
    return catalog;
}

const CatalogEntry* Catalog::find_feature(std::string_view name) const {
    return find_in(features_, name, false);
}
const CatalogEntry* Catalog::find_hardware(std::string_view name) const {
    return find_in(hardware_, name, true);
}

std::vector<std::string> Catalog::nearest_features(std::string_view name, size_t count) const {
    return nearest_in(features_, name, count);
}
std::vector<std::string> Catalog::nearest_hardware(std::string_view name, size_t count) const {
    return nearest_in(hardware_, name, count);
}

std::string Catalog::resolve_feature(std::string_view name) const {
    if (const CatalogEntry* entry = find_feature(name)) return entry->id;
    throw UsageError("unknown feature '" + std::string(name) +
                     "'; nearest known: " + join(nearest_features(name)) +
                     " (planner features lists them all)");
}

std::string Catalog::resolve_hardware(std::string_view name) const {
    if (const CatalogEntry* entry = find_hardware(name)) return entry->id;
    throw UsageError("unknown hardware '" + std::string(name) +
                     "'; nearest known: " + join(nearest_hardware(name)) +
                     " (planner hardware lists them all)");
}

}  // namespace planner
