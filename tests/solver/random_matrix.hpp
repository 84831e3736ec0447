#pragma once
// Random matrices and requests for the differential test: catalog ids, every
// cell value, unstated cells, links and marks, and requests that are
// consistent (the engine would refuse contradictory ones as bad usage).
#include <random>

#include <planner/engine.hpp>
#include <planner/matrix.hpp>

namespace randomized {

planner::Matrix random_matrix(std::mt19937_64& rng, size_t min_features, size_t max_features);
planner::Request random_request(std::mt19937_64& rng, const planner::Matrix& matrix);

}  // namespace randomized
