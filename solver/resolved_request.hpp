#pragma once
// A Request checked against the matrix and turned into indices. Every way a
// request can be contradictory is refused here, with the flag in the message.
#include <string>
#include <vector>

#include <planner/engine.hpp>

#include "solver/problem.hpp"

namespace planner::solver {

struct ResolvedRequest {
    int hardware = -1;
    std::vector<int> must;    // request order, no duplicates
    std::vector<int> never;   // request order, no duplicates
    std::vector<int> prefer;  // request order
    std::vector<long long> weight;  // per feature, default 1
    // Per feature: --have as vLLM runs it, the overrides of the rules applied
    // (with the variables at their defaults and --set values); repair counts
    // its changes from here.
    std::vector<char> have;
    std::string override_note;  // what the overrides changed in --have, "" when nothing
    std::vector<char> keep;   // per feature
    std::vector<char> is_must, is_never;  // per feature
    bool allow_hardware_change = false;
    long long hardware_cost = 1;
};

// Weights and the hardware cost are capped so that sums over hundreds of
// features stay inside the solver's 32-bit pseudo-Boolean coefficients.
inline constexpr long long max_weight = 1'000'000;

// Throws UsageError naming the flag (--hw, --must, --never, --prefer, --weight,
// --have, --keep, --hw-cost).
ResolvedRequest resolve_request(const Problem& problem, const Request& request);

}  // namespace planner::solver
