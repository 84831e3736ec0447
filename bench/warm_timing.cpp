// Warm per-query time of the engine on a matrix shaped like vLLM's (17
// features, about 30 "no" pairs, a few uncertain cells): one Engine, many
// maximize queries. A measuring tool, not a test: `solver_warm_timing [queries]`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <random>
#include <string>

#include <planner/engine.hpp>

#include "random_matrix.hpp"

using namespace planner;

int main(int argc, char** argv) {
    const int queries = argc > 1 ? std::atoi(argv[1]) : 2000;
    std::mt19937_64 rng(7);
    Matrix matrix;
    matrix.id = "shaped";
    matrix.features = {"cp", "apc", "lora", "prompt-adapter", "sd", "cuda-graph", "pooling", "enc-dec", "logprobs",
                       "prompt-logprobs", "async-output", "multi-step", "mm", "best-of", "beam-search",
                       "guided-decoding", "prompt-embeds"};
    matrix.hardware = {"volta", "turing", "ampere", "ada", "hopper", "cpu", "amd"};
    std::uniform_real_distribution<double> u(0, 1);
    for (size_t a = 0; a < matrix.features.size(); ++a)
        for (size_t b = 0; b < a; ++b) {
            double x = u(rng);
            CellValue v = x < 0.22 ? CellValue::no : x < 0.27 ? CellValue::partial : x < 0.30 ? CellValue::unknown : CellValue::yes;
            matrix.pairs.push_back({matrix.features[a], matrix.features[b], v, {}, {}});
        }
    for (const auto& f : matrix.features)
        for (const auto& h : matrix.hardware) {
            double x = u(rng);
            CellValue v = x < 0.1 ? CellValue::no : x < 0.15 ? CellValue::partial : CellValue::yes;
            matrix.support.push_back({f, h, v, {}, {}});
        }
    matrix.reindex();

    Engine engine;
    std::vector<Request> requests;
    for (int i = 0; i < 64; ++i) {
        Request r;
        r.hardware = matrix.hardware[i % matrix.hardware.size()];
        if (i % 3 == 1) r.must = {matrix.features[i % 17]};
        if (i % 4 == 2) r.prefer = {matrix.features[(i * 5) % 17], matrix.features[(i * 5 + 1) % 17]};
        if (i % 5 == 3) r.weights[matrix.features[(i * 3) % 17]] = 3;
        requests.push_back(r);
    }
    engine.maximize(matrix, requests[0]);  // warm up: context and encoding
    int feasible = 0;
    auto start = std::chrono::steady_clock::now();
    for (int q = 0; q < queries; ++q) feasible += engine.maximize(matrix, requests[q % requests.size()]).status == Status::ok;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("warm maximize, 17 features: %.1f us per query (%d queries, %d feasible)\n", seconds / queries * 1e6,
                queries, feasible);

    // Grown to N = 400 with the same shape: each feature conflicts with a few others.
    for (size_t n : {100u, 200u, 400u}) {
        Matrix big;
        big.id = "shaped-" + std::to_string(n);
        big.hardware = {"ampere", "hopper"};
        for (size_t i = 0; i < n; ++i) big.features.push_back("f" + std::to_string(i));
        std::uniform_int_distribution<size_t> other(0, n - 1);
        for (size_t a = 0; a < n; ++a)
            for (int k = 0; k < 2; ++k) {
                size_t b = other(rng);
                if (b == a) continue;
                big.pairs.push_back({big.features[std::max(a, b)], big.features[std::min(a, b)], CellValue::no, {}, {}});
            }
        big.reindex();
        Request r;
        r.hardware = "ampere";
        r.timeout_ms = 10000;
        Engine cold;
        auto t0 = std::chrono::steady_clock::now();
        Result result = cold.maximize(big, r);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::printf("maximize, %zu features, %zu no pairs: %.0f ms, status %s, %zu on\n", n, big.pairs.size(), ms,
                    std::string(to_string(result.status)).c_str(), result.plan.features.size());
    }
    return 0;
}
