#include "model/check.hpp"

#include <algorithm>

#include "model/error.hpp"

namespace planner {

CellRef cell_ref(const PairCell& cell) {
    return {CellRef::Kind::pair, cell.a, cell.b, cell.value, cell.links, cell.marks, cell.overridden};
}

CellRef cell_ref(const SupportCell& cell) {
    return {CellRef::Kind::support, cell.feature, cell.hardware, cell.value, cell.links, cell.marks,
            cell.overridden};
}

CellRef pair_ref(const Matrix& matrix, std::string_view x, std::string_view y) {
    if (const PairCell* cell = matrix.pair(x, y)) return cell_ref(*cell);
    // Unstated: name it as the document would, row = the later feature.
    bool x_first = matrix.feature_index(x) < matrix.feature_index(y);
    return {CellRef::Kind::pair, std::string(x_first ? y : x), std::string(x_first ? x : y),
            CellValue::blank, {}, {}};
}

CellRef support_ref(const Matrix& matrix, std::string_view feature, std::string_view hardware) {
    if (const SupportCell* cell = matrix.support_cell(feature, hardware)) return cell_ref(*cell);
    return {CellRef::Kind::support, std::string(feature), std::string(hardware), CellValue::blank, {}, {}};
}

CheckResult check_configuration(const Matrix& matrix, std::string_view hardware,
                                const std::vector<std::string>& features, const Policy& policy) {
    if (!matrix.has_hardware(hardware))
        throw UsageError("hardware '" + std::string(hardware) + "' has no column in matrix " + matrix.id);
    std::vector<int> enabled;
    for (const auto& feature : features) {
        int index = matrix.feature_index(feature);
        if (index < 0)
            throw UsageError("feature '" + feature + "' is not in matrix " + matrix.id);
        enabled.push_back(index);
    }
    std::sort(enabled.begin(), enabled.end());
    enabled.erase(std::unique(enabled.begin(), enabled.end()), enabled.end());

    CheckResult result;
    auto judge = [&](CellRef ref) {
        if (policy.forbids(ref.value)) {
            result.valid = false;
            result.violations.push_back(std::move(ref));
        } else if (is_uncertain(ref.value)) {
            result.risks.push_back(std::move(ref));
        }
    };
    for (int f : enabled) judge(support_ref(matrix, matrix.features[f], hardware));
    // Row-major over the lower triangle: the row is the later feature.
    for (size_t i = 0; i < enabled.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            judge(pair_ref(matrix, matrix.features[enabled[i]], matrix.features[enabled[j]]));
    return result;
}

}  // namespace planner
