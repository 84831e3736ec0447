#pragma once
// The lexicographic maximum of one maximize request on one hardware class:
// must/never hard, then prefer in order, total weight, fewest risks, and the
// tie-break (membership bit vector in document order, greatest first). Each
// optimum is fixed as a hard constraint before the next criterion is solved;
// no z3::optimize (see PITFALLS.md).
#include <vector>

#include "solver/deadline.hpp"
#include "solver/encoding.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

struct MaximumOutcome {
    enum class Kind { optimal, infeasible, timed_out } kind = Kind::infeasible;
    bool has_plan = false;  // timed_out: whether a valid plan was found before the limit
    Assignment plan;
    std::string message;    // timed_out: what Z3 said
};

// The encoding is asked for only when the search's candidate is to be
// certified or the search could not settle the request.
MaximumOutcome find_maximum(const Problem& problem, const EncodingSource& encoding,
                            const ResolvedRequest& request, const std::vector<int>& must, size_t hardware,
                            const Deadline& deadline);

}  // namespace planner::solver
