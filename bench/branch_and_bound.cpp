#include "branch_and_bound.hpp"

#include <bit>
#include <cstdint>
#include <vector>

namespace planner::bench {

namespace {

using Bits = std::vector<uint64_t>;

int count(const Bits& b) {
    int n = 0;
    for (uint64_t w : b) n += std::popcount(w);
    return n;
}

struct Search {
    std::vector<Bits> neighbours;
    int words = 0;
    int best = 0;
    long long nodes = 0;
    bool cut = false;
    std::chrono::steady_clock::time_point deadline;

    // Greedy colouring of the candidates gives, for each vertex in order, an
    // upper bound on the clique that can still be built from it.
    void colour(const Bits& candidates, std::vector<int>& order, std::vector<int>& bound) const {
        Bits left = candidates;
        int colour_count = 0;
        while (count(left) > 0) {
            ++colour_count;
            Bits q = left;
            for (int w = 0; w < words; ++w)
                while (q[w]) {
                    int v = w * 64 + std::countr_zero(q[w]);
                    q[w] &= q[w] - 1;
                    left[v / 64] &= ~(uint64_t{1} << (v % 64));
                    for (int k = 0; k < words; ++k) q[k] &= ~neighbours[v][k];
                    order.push_back(v);
                    bound.push_back(colour_count);
                }
        }
    }

    void expand(int size, Bits candidates) {
        if (cut) return;
        if ((++nodes & 1023) == 0 && std::chrono::steady_clock::now() > deadline) {
            cut = true;
            return;
        }
        std::vector<int> order, bound;
        colour(candidates, order, bound);
        for (int i = static_cast<int>(order.size()) - 1; i >= 0; --i) {
            if (size + bound[i] <= best) return;
            int v = order[i];
            Bits next(words);
            for (int k = 0; k < words; ++k) next[k] = candidates[k] & neighbours[v][k];
            if (count(next) == 0) {
                if (size + 1 > best) best = size + 1;
            } else {
                expand(size + 1, next);
            }
            candidates[v / 64] &= ~(uint64_t{1} << (v % 64));
        }
    }
};

}  // namespace

BranchAndBoundResult largest_valid_set(const Matrix& matrix, std::string_view hardware,
                                       std::chrono::milliseconds limit) {
    const int n = static_cast<int>(matrix.features.size());
    Search s;
    s.words = (n + 63) / 64;
    s.neighbours.assign(n, Bits(s.words));
    s.deadline = std::chrono::steady_clock::now() + limit;
    Bits candidates(s.words);
    std::vector<bool> usable(n);
    for (int i = 0; i < n; ++i) {
        usable[i] = matrix.support_value(matrix.features[i], hardware) != CellValue::no;
        if (usable[i]) candidates[i / 64] |= uint64_t{1} << (i % 64);
    }
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < i; ++j)
            if (usable[i] && usable[j] &&
                matrix.pair_value(matrix.features[i], matrix.features[j]) != CellValue::no) {
                s.neighbours[i][j / 64] |= uint64_t{1} << (j % 64);
                s.neighbours[j][i / 64] |= uint64_t{1} << (i % 64);
            }
    s.expand(0, candidates);
    return {s.best, !s.cut, s.nodes};
}

}  // namespace planner::bench
