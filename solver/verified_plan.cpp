#include "solver/verified_plan.hpp"

namespace planner::solver {

namespace {

std::string describe(const CellRef& cell) {
    std::string joiner = cell.kind == CellRef::Kind::pair ? " x " : " on ";
    return cell.row + joiner + cell.column + " = " + std::string(to_string(cell.value));
}

}  // namespace

Plan verified_plan(const Matrix& matrix, const Problem& problem, const std::vector<char>& on, size_t hardware,
                   const PlanRules& rules) {
    Plan plan;
    plan.hardware = problem.hardware()[hardware];
    for (size_t f = 0; f < on.size(); ++f)
        if (on[f]) plan.features.push_back(problem.features()[f]);

    const std::string prefix = "internal error: plan failed re-check: ";
    CheckResult check = check_configuration(matrix, plan.hardware, plan.features, problem.policy());
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
