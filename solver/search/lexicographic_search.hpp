#pragma once
// The lexicographic maximum of a maximize request found by an exact
// branch and bound over the compatibility graph, without Z3. It only proposes
// a candidate: find_maximum (solver/search/certified_maximum.cpp) has Z3 certify it.
#include <optional>
#include <vector>

#include "solver/deadline.hpp"
#include "solver/problem.hpp"
#include "solver/search/criteria.hpp"

namespace planner::solver {

struct LexicographicCandidate {
    enum class Kind { found, infeasible, timed_out } kind = Kind::infeasible;
    std::vector<char> on;  // found, and timed_out when some valid plan was reached
    bool has_plan = false;
    long long weight = 0;  // total weight of `on`
    long long risks = 0;   // uncertain cells `on` relies on
};

// The rows of maximize_criteria (solver/search/criteria.hpp) the search
// knows, read back from the table: the hardware class, must/never hard;
// prefer in order; total weight; fewest risks; membership bit vector in
// document order, greatest first.
struct SearchRows {
    size_t hardware = 0;
    std::vector<int> must, never, prefer;
    std::vector<long long> weight;  // per feature
};
// Nothing when the table has a row the search does not know or rows in
// another order: find_maximum then solves the rows one by one in Z3.
std::optional<SearchRows> search_rows(const Criteria& criteria, size_t feature_count);

// Honours the deadline; on time-out returns the best plan reached.
LexicographicCandidate search_lexicographic_maximum(const Problem& problem, const SearchRows& rows,
                                                    const Deadline& deadline);

}  // namespace planner::solver
