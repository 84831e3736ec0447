#pragma once
// The benchmark's baseline: an exact bitset branch-and-bound for the largest
// valid feature set on one hardware class (maximum clique of the "may be used
// together" graph, greedy-colouring bound). It answers only the size, which is
// what the engine's total-weight criterion must match with unit weights.
#include <chrono>
#include <optional>
#include <string_view>

#include <planner/matrix.hpp>

namespace planner::bench {

struct BranchAndBoundResult {
    int best_size = 0;
    bool proven = true;  // false when the deadline cut the search
    long long nodes = 0;
};

BranchAndBoundResult largest_valid_set(const Matrix& matrix, std::string_view hardware,
                                       std::chrono::milliseconds limit);

}  // namespace planner::bench
