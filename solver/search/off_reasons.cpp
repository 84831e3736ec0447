#include "solver/search/off_reasons.hpp"

#include <algorithm>
#include <tuple>

namespace planner::solver {

namespace {

// The order in which the criteria protect the features of the plan: --must
// (in its order), then --prefer (in its order), then greater weight, then
// matrix order (the tie-break keeps earlier features). A feature left off for
// clashing with several names the one that decided it first.
std::vector<int> partners_by_priority(const ResolvedRequest& request, std::vector<int> partners) {
    auto rank = [&](int g) {
        auto in = [&](const std::vector<int>& list) {
            auto it = std::find(list.begin(), list.end(), g);
            return it == list.end() ? list.size() : static_cast<size_t>(it - list.begin());
        };
        return std::make_tuple(in(request.must), in(request.prefer), -request.weight[g], g);
    };
    std::stable_sort(partners.begin(), partners.end(), [&](int x, int y) { return rank(x) < rank(y); });
    return partners;
}

// The plan with `f` on, checked with the rules: the cells it would break
// (those a permit lifts do not count), else the rules.
bool rule_reason(const Matrix& matrix, const Problem& problem, const ResolvedRequest& request,
                 const std::vector<char>& on, size_t hardware, const std::vector<long long>& values, size_t f,
                 OffReason& reason) {
    std::vector<std::string> features;
    for (size_t g = 0; g < on.size(); ++g)
        if (on[g] || g == f) features.push_back(problem.features()[g]);
    const RuleSet& set = problem.rules();
    // A rule that forbids `f` outright (vLLM removed it) is the reason, whatever
    // cells turning it on would also break.
    for (const ResolvedRule& rule : set.rules)
        if (rule.rule.kind == RuleKind::error && rule.conditions.empty() && rule.forbid.size() == 1 &&
            rule.forbid[0].subject == Term::Subject::feature && rule.forbid[0].op == Literal::Op::on &&
            rule.forbid[0].index == static_cast<int>(f)) {
            reason.reason = "rule";
            reason.rules = {rule_ref(rule.rule)};
            return true;
        }
    RuleCheck check = judge_with_rules(matrix, set, problem.hardware()[hardware], features,
                                        values.size() == set.variables.size() ? values : default_values(set),
                                        problem.policy());
    std::vector<int> clashing;
    for (const CellRef& cell : check.cells.violations) {
        if (cell.kind == CellRef::Kind::support && cell.row == problem.features()[f]) {
            reason.reason = "unsupported";
            reason.cells = {cell};
            return true;
        }
        if (cell.kind == CellRef::Kind::pair && (cell.row == problem.features()[f] || cell.column == problem.features()[f]))
            clashing.push_back(problem.feature_index(cell.row == problem.features()[f] ? cell.column : cell.row));
    }
    for (int g : partners_by_priority(request, clashing))
        reason.cells.push_back(pair_ref(matrix, problem.features()[f], problem.features()[g]));
    if (!reason.cells.empty()) {
        reason.reason = "conflict";
        return true;
    }
    reason.rules = std::move(check.broken);
    reason.rules.insert(reason.rules.end(), check.overridden.begin(), check.overridden.end());
    if (reason.rules.empty()) return false;
    reason.reason = "rule";
    return true;
}

}  // namespace

std::vector<OffReason> off_reasons(const Matrix& matrix, const Problem& problem, const ResolvedRequest& request,
                                   const std::vector<char>& on, size_t hardware, const std::vector<long long>& values) {
    const auto& ids = problem.features();
    const std::string& hw = problem.hardware()[hardware];
    std::vector<OffReason> out;
    for (size_t f = 0; f < on.size(); ++f) {
        if (on[f]) continue;
        OffReason reason{ids[f], "", {}, {}};
        if (request.is_never[f]) {
            reason.reason = "never";
        } else if (problem.has_rules() && rule_reason(matrix, problem, request, on, hardware, values, f, reason)) {
            // rule_reason named the cells or rules
        } else if (!problem.has_rules() && problem.support_forbidden(f, hardware)) {
            reason.reason = "unsupported";
            reason.cells.push_back(support_ref(matrix, ids[f], hw));
        } else {
            std::vector<int> clashing;
            if (!problem.has_rules())
                for (size_t g = 0; g < on.size(); ++g)
                    if (on[g] && problem.pair_forbidden(f, g)) clashing.push_back(static_cast<int>(g));
            for (int g : partners_by_priority(request, clashing)) reason.cells.push_back(pair_ref(matrix, ids[f], ids[g]));
            if (!reason.cells.empty()) {
                reason.reason = "conflict";
            } else {
                // It would fit, so turning it on costs a criterion: its weight is
                // zero and the uncertain cells it would bring add risks.
                reason.reason = "trade-off";
                if (problem.support_risky(f, hardware)) reason.cells.push_back(support_ref(matrix, ids[f], hw));
                for (size_t g = 0; g < on.size(); ++g)
                    if (on[g] && problem.pair_risky(f, g)) reason.cells.push_back(pair_ref(matrix, ids[f], ids[g]));
            }
        }
        out.push_back(std::move(reason));
    }
    return out;
}

}  // namespace planner::solver
