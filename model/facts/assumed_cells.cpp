#include "model/facts/assumed_cells.hpp"

#include <algorithm>

namespace planner {

std::vector<CellRef> assumed_cells(const Matrix& matrix, std::string_view hardware,
                                   const std::vector<std::string>& features) {
    std::vector<int> enabled;
    for (const auto& feature : features)
        if (int index = matrix.feature_index(feature); index >= 0) enabled.push_back(index);
    std::sort(enabled.begin(), enabled.end());
    enabled.erase(std::unique(enabled.begin(), enabled.end()), enabled.end());

    std::vector<CellRef> out;
    for (int f : enabled)
        if (const SupportCell* cell = matrix.support_cell(matrix.features[f], hardware); cell && cell->overridden)
            out.push_back(cell_ref(*cell));
    for (size_t i = 0; i < enabled.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (const PairCell* cell = matrix.pair(matrix.features[enabled[i]], matrix.features[enabled[j]]);
                cell && cell->overridden)
                out.push_back(cell_ref(*cell));
    return out;
}

}  // namespace planner
