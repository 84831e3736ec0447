#pragma once
// The lexicographic maximum of a maximize request found by an exact
// branch and bound over the compatibility graph, without Z3. It only proposes
// a candidate: find_maximum (solver/maximum.cpp) has Z3 certify it.
#include <vector>

#include "solver/deadline.hpp"
#include "solver/problem.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

struct LexicographicCandidate {
    enum class Kind { found, infeasible, timed_out } kind = Kind::infeasible;
    std::vector<char> on;  // found, and timed_out when some valid plan was reached
    bool has_plan = false;
    long long weight = 0;  // total weight of `on`
    long long risks = 0;   // uncertain cells `on` relies on
};

// Same criteria as find_maximum: must/never hard; prefer in order; total
// weight; fewest risks; membership bit vector in document order, greatest
// first. Honours the deadline; on time-out returns the best plan reached.
LexicographicCandidate search_lexicographic_maximum(const Problem& problem, const ResolvedRequest& request,
                                                    const std::vector<int>& must, size_t hardware,
                                                    const Deadline& deadline);

}  // namespace planner::solver
