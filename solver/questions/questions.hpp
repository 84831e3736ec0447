#pragma once
// One function per engine command; engine.cpp validates the request, finds
// the cached encoding and turns internal failures into Result{error}.

#include <planner/engine.hpp>

#include "solver/deadline.hpp"
#include "solver/encoding.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

struct CommandInput {
    const Matrix& matrix;
    const Request& request;
    const Problem& problem;
    const ResolvedRequest& resolved;
    Deadline::Clock::time_point started;  // when the engine was asked: the limit counts from here
};

Result run_maximize(const CommandInput& input, const EncodingSource& encoding);
Result run_repair(const CommandInput& input, Encoding& encoding);
Result run_check(const CommandInput& input);
Result run_explain(const CommandInput& input, Encoding& encoding);
Result run_enumerate(const CommandInput& input, const EncodingSource& encoding);

// Conflicts of the must set (and the hardware) of a request, shared by
// maximize, explain and enumerate.
std::vector<Conflict> must_conflicts(const CommandInput& input, Encoding& encoding, const Deadline& deadline);

}  // namespace planner::solver
