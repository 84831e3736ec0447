#include "solver/search/verified_plan.hpp"

namespace planner::solver {

namespace {

std::string describe(const CellRef& cell) {
    std::string joiner = cell.kind == CellRef::Kind::pair ? " x " : " on ";
    return cell.row + joiner + cell.column + " = " + std::string(to_string(cell.value));
}

}  // namespace

Plan verified_plan(const Matrix& matrix, const Problem& problem, const std::vector<char>& on, size_t hardware,
                   const PlanRules& rules) {
    return verified_plan(matrix, problem, Assignment{on, static_cast<int>(hardware), {}}, hardware, rules);
}

Plan verified_plan(const Matrix& matrix, const Problem& problem, const Assignment& assignment, size_t hardware,
                   const PlanRules& rules) {
    const std::vector<char>& on = assignment.on;
    Plan plan;
    plan.hardware = problem.hardware()[hardware];
    for (size_t f = 0; f < on.size(); ++f)
        if (on[f]) plan.features.push_back(problem.features()[f]);

    const std::string prefix = "internal error: plan failed re-check: ";
    const RuleSet& set = problem.rules();
    const std::vector<long long> values =
        assignment.values.size() == set.variables.size() ? assignment.values : default_values(set);
    RuleCheck checked = judge_with_rules(matrix, set, plan.hardware, plan.features, values, problem.policy());
    CheckResult& check = checked.cells;
    for (size_t v = 0; v < set.variables.size(); ++v) {
        if (set.fixed[v] && values[v] != *set.fixed[v])
            throw RecheckFailed(prefix + "variable " + set.variables[v].name + " differs from its --set value");
        if (values[v] < set.variables[v].min || values[v] > set.variables[v].max)
            throw RecheckFailed(prefix + "variable " + set.variables[v].name + " is out of its range");
        plan.values.push_back({set.variables[v].name, set.variables[v].spell(values[v]),
                               values[v] == set.variables[v].default_value, set.fixed[v].has_value()});
    }
    if (!checked.broken.empty()) throw RecheckFailed(prefix + "it breaks rule " + checked.broken.front().id);
    if (!checked.overridden.empty())
        throw RecheckFailed(prefix + "vLLM would change it (override " + checked.overridden.front().id + ")");
    plan.permits = std::move(checked.permits);
    plan.overrides = std::move(checked.overrides);
    if (!check.valid) {
        std::string cells;
        for (const CellRef& cell : check.violations) cells += (cells.empty() ? "" : ", ") + describe(cell);
        throw RecheckFailed(prefix + "it breaks " + cells);
    }
    if (rules.must)
        for (int f : *rules.must)
            if (!on[f]) throw RecheckFailed(prefix + "must feature " + problem.features()[f] + " is off");
    if (rules.never)
        for (int f : *rules.never)
            if (on[f]) throw RecheckFailed(prefix + "never feature " + problem.features()[f] + " is on");
    if (rules.keep && rules.have)
        for (size_t f = 0; f < on.size(); ++f)
            if ((*rules.keep)[f] && on[f] != (*rules.have)[f])
                throw RecheckFailed(prefix + "kept feature " + problem.features()[f] + " changed");
    plan.risks = std::move(check.risks);
    return plan;
}

}  // namespace planner::solver
