// check: the Z3-free fast path; the validity rules live in model/facts/configuration_check.cpp.
#include "solver/questions/questions.hpp"

namespace planner::solver {

Result run_check(const CommandInput& input) {
    Result result;
    result.plan.hardware = input.request.hardware;
    // --have with the variables at their --set values, else their defaults:
    // the configuration as given; check judges what vLLM runs of it, after
    // its overrides, and says what they changed.
    const RuleSet& rules = input.problem.rules();
    RuleCheck check = check_with_rules(input.matrix, rules, input.request.hardware, input.request.have,
                                       default_values(rules), input.problem.policy());
    if (!check.note.empty()) result.notes.push_back(check.note);
    result.plan.features = check.features;
    const std::vector<long long>& values = check.values;
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
