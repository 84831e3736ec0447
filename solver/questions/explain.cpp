// explain: every minimal conflict set of the must set and the hardware.
#include "solver/questions/questions.hpp"
#include "solver/search/conflicts.hpp"

namespace planner::solver {

Result run_explain(const CommandInput& input, Encoding& encoding) {
    Deadline deadline(input.request.timeout_ms, input.started);
    Result result;
    result.plan.hardware = input.request.hardware;
    try {
        result.conflicts = must_conflicts(input, encoding, deadline);
        result.status = result.conflicts.empty() ? Status::ok : Status::infeasible;
    } catch (const TimedOut& timeout) {
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = timeout.what();
        result.conflicts.clear();
    }
    return result;
}

}  // namespace planner::solver
