#pragma once
// Canonical feature and hardware ids with every name a user or a matrix
// document may use for them. The facts come from data/catalog.json.
#include <string>
#include <string_view>
#include <vector>

namespace planner {

struct CatalogEntry {
    std::string id;           // canonical, lower case: "cp", "ampere"
    std::string name;         // human name: "chunked prefill"
    std::string description;  // one line
    std::vector<std::string> labels;   // as the matrix documents print them: "CP", "prmpt adptr"
    std::vector<std::string> aliases;  // long names, products, compute capabilities
};

class Catalog {
public:
    // The catalog compiled in from data/catalog.json.
    static const Catalog& builtin();
    // Parse a catalog document; throws InputError naming `origin` on bad input.
    static Catalog parse(std::string_view json_text, std::string_view origin);

    const std::vector<CatalogEntry>& features() const { return features_; }
    const std::vector<CatalogEntry>& hardware() const { return hardware_; }

    // Any spelling (id, label, alias; case, '-', '_', ' ' and '.' ignored;
    // "8.0", "sm_80" and "cc80" for compute capabilities). nullptr if unknown.
    const CatalogEntry* find_feature(std::string_view name) const;
    const CatalogEntry* find_hardware(std::string_view name) const;

    // Known names closest to `name` by edit distance, best first, for "did you mean".
    std::vector<std::string> nearest_features(std::string_view name, size_t count = 3) const;
    std::vector<std::string> nearest_hardware(std::string_view name, size_t count = 3) const;

    // Canonical id for user input; throws UsageError listing the nearest names.
    std::string resolve_feature(std::string_view name) const;
    std::string resolve_hardware(std::string_view name) const;

private:
    std::vector<CatalogEntry> features_, hardware_;
};

// Lower case without '-', '_', ' ', '.': the form in which names are compared.
std::string normalize_name(std::string_view name);

size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace planner
