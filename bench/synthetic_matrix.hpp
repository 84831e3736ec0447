#pragma once
// Random matrices for the benchmark, in two shapes: "realistic" (like vLLM's:
// each feature conflicts with a few others, a few uncertain cells) and "dense"
// (a fixed share of "no" pairs, where exact answers get hard for any method).
#include <cstdint>

#include <planner/matrix.hpp>

namespace planner::bench {

// Features are named f000, f001, ...; hardware classes come from the catalog.
Matrix realistic_matrix(int features, uint32_t seed);
Matrix dense_matrix(int features, double no_share, uint32_t seed);

}  // namespace planner::bench
