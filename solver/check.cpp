// check: the Z3-free fast path; the validity rules live in model/check.hpp.
#include "solver/commands.hpp"

namespace planner::solver {

Result run_check(const CommandInput& input) {
    Result result;
    result.plan.hardware = input.request.hardware;
    for (size_t f = 0; f < input.problem.feature_count(); ++f)
        if (input.resolved.have[f]) result.plan.features.push_back(input.problem.features()[f]);
    CheckResult check = check_configuration(input.matrix, input.request.hardware, result.plan.features,
                                            input.problem.policy());
    result.status = check.valid ? Status::ok : Status::invalid;
    result.violations = std::move(check.violations);
    result.plan.risks = std::move(check.risks);
    return result;
}

}  // namespace planner::solver
