#pragma once
// The benchmark's "worst-case parse" section: each parser's worst-case input
// (tests/hardening/worst_case_inputs.hpp) at its size cap, with its time.
namespace planner::bench {

// `quick`: inputs at 1/16 of the caps.
void worst_case_parse(bool quick);

}  // namespace planner::bench
