// check: the Z3-free fast path; the validity rules live in model/facts/configuration_check.cpp.
#include "solver/questions/questions.hpp"

namespace planner::solver {

Result run_check(const CommandInput& input) {
    Result result;
    result.plan.hardware = input.request.hardware;
    for (size_t f = 0; f < input.problem.feature_count(); ++f)
        if (input.resolved.have[f]) result.plan.features.push_back(input.problem.features()[f]);
    // Variables take their --set values, else their defaults.
    const RuleSet& rules = input.problem.rules();
    const std::vector<long long> values = default_values(rules);
    RuleCheck check = check_with_rules(input.matrix, rules, input.request.hardware, result.plan.features, values,
                                       input.problem.policy());
    // An override is no error: vLLM runs the configuration it changes to, and
    // the answer lists what it changes.
    result.status = check.valid() ? Status::ok : Status::invalid;
    result.violations = std::move(check.cells.violations);
    result.rule_violations = std::move(check.broken);
    result.plan.risks = std::move(check.cells.risks);
    result.plan.permits = std::move(check.permits);
    result.plan.overrides = std::move(check.overrides);
    for (size_t v = 0; v < rules.variables.size(); ++v)
        result.plan.values.push_back({rules.variables[v].name, rules.variables[v].spell(values[v]),
                                      values[v] == rules.variables[v].default_value, rules.fixed[v].has_value()});
    return result;
}

}  // namespace planner::solver
