#pragma once
// Every plan leaves the engine through here: it is checked again by the
// Z3-free code of model/facts/configuration_check.cpp, and its risks come
// from that check. A plan that fails is a bug in the engine, reported as
// such, never printed.
#include <stdexcept>
#include <vector>

#include <planner/engine.hpp>

#include "solver/encoding.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

struct RecheckFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct PlanRules {
    const std::vector<int>* must = nullptr;   // must be on
    const std::vector<int>* never = nullptr;  // must be off
    // repair: features whose state must equal `have`
    const std::vector<char>* keep = nullptr;
    const std::vector<char>* have = nullptr;
};

// Throws RecheckFailed("internal error: plan failed re-check: ..."). With
// rules, the plan must keep every error rule and already hold every
// override's consequence (vLLM would change it otherwise); its variables take
// `plan.values` (the defaults and --set values when the search left them out).
Plan verified_plan(const Matrix& matrix, const Problem& problem, const Assignment& plan, size_t hardware,
                   const PlanRules& rules);
Plan verified_plan(const Matrix& matrix, const Problem& problem, const std::vector<char>& on, size_t hardware,
                   const PlanRules& rules);

}  // namespace planner::solver
