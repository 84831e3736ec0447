#include "cli/render/catalog_gaps.hpp"

#include <map>

#include <planner/catalog.hpp>

namespace planner::cli {

namespace {

template <class InCatalog>
std::vector<CatalogGap> gaps_of(const std::vector<std::string>& ids, const std::map<std::string, std::string>& names,
                                InCatalog in_catalog) {
    std::vector<CatalogGap> gaps;
    for (const std::string& id : ids) {
        if (in_catalog(id)) continue;
        auto name = names.find(id);
        gaps.push_back({id, name == names.end() ? id : name->second});
    }
    return gaps;
}

}  // namespace

std::vector<CatalogGap> features_the_catalog_lacks(const Matrix& matrix) {
    return gaps_of(matrix.features, matrix.feature_names,
                   [](const std::string& id) { return Catalog::builtin().find_feature(id) != nullptr; });
}

std::vector<CatalogGap> hardware_the_catalog_lacks(const Matrix& matrix) {
    return gaps_of(matrix.hardware, matrix.hardware_names,
                   [](const std::string& id) { return Catalog::builtin().find_hardware(id) != nullptr; });
}

void print_catalog_gaps(std::ostream& out, const std::vector<CatalogGap>& gaps, std::string_view one,
                        std::string_view many, const Matrix& matrix, const Style& style) {
    if (gaps.empty()) return;
    out << gaps.size() << " more " << (gaps.size() == 1 ? one : many) << " of matrix " << matrix.id << ", which the catalog lacks:\n";
    for (const CatalogGap& gap : gaps)
        out << "* " << style.bold(gap.id) << (gap.name == gap.id ? "" : "  " + gap.name) << "\n";
}

ordered_json catalog_gap_json(const CatalogGap& gap) {
    ordered_json item;
    item["id"] = gap.id;
    item["name"] = gap.name;
    item["labels"] = std::vector<std::string>{gap.name};
    item["aliases"] = ordered_json::array();
    item["description"] = "";
    item["in_matrix"] = true;
    item["in_catalog"] = false;
    return item;
}

}  // namespace planner::cli
