#include "solver/problem.hpp"

#include <algorithm>

namespace planner::solver {

Problem::Problem(const Matrix& matrix, const Policy& policy, RuleSet rules)
    : features_(matrix.features), hardware_(matrix.hardware), policy_(policy), rules_(std::move(rules)) {
    const size_t n = features_.size(), m = hardware_.size();
    for (size_t i = 0; i < n; ++i) feature_slot_.emplace(features_[i], static_cast<int>(i));
    for (size_t h = 0; h < m; ++h) hardware_slot_.emplace(hardware_[h], static_cast<int>(h));
    pair_values_.assign(n * n, CellValue::blank);
    support_values_.assign(n * m, CellValue::blank);
    // Walk the cell lists once instead of looking every cell up by name: the
    // lookups by name are linear and N = 400 matrices must stay fast. A later
    // duplicate wins, as in Matrix::reindex.
    for (const PairCell& cell : matrix.pairs) {
        int a = feature_index(cell.a), b = feature_index(cell.b);
        if (a < 0 || b < 0 || a == b) continue;
        pair_values_[a * n + b] = pair_values_[b * n + a] = cell.value;
    }
    for (const SupportCell& cell : matrix.support) {
        int f = feature_index(cell.feature), h = hardware_index(cell.hardware);
        if (f < 0 || h < 0) continue;
        support_values_[f * m + h] = cell.value;
    }
}

int Problem::feature_index(const std::string& id) const {
    auto it = feature_slot_.find(id);
    return it == feature_slot_.end() ? -1 : it->second;
}

int Problem::hardware_index(const std::string& id) const {
    auto it = hardware_slot_.find(id);
    return it == hardware_slot_.end() ? -1 : it->second;
}

bool Problem::same_constraints(const Problem& other) const {
    return policy_.forbid_partial == other.policy_.forbid_partial &&
           policy_.forbid_unknown == other.policy_.forbid_unknown && features_ == other.features_ &&
           hardware_ == other.hardware_ && pair_values_ == other.pair_values_ &&
           support_values_ == other.support_values_ && rules_ == other.rules_;
}

bool Problem::pair_liftable(size_t a, size_t b) const {
    const int later = static_cast<int>(std::max(a, b)), earlier = static_cast<int>(std::min(a, b));
    for (const ResolvedRule& rule : rules_.rules)
        if (rule.rule.kind == RuleKind::permit && rule.cell_kind == CellRef::Kind::pair && rule.a == later &&
            rule.b == earlier)
            return true;
    return false;
}

bool Problem::support_liftable(size_t f, size_t h) const {
    for (const ResolvedRule& rule : rules_.rules)
        if (rule.rule.kind == RuleKind::permit && rule.cell_kind == CellRef::Kind::support &&
            rule.a == static_cast<int>(f) && rule.hardware == static_cast<int>(h))
            return true;
    return false;
}

}  // namespace planner::solver
