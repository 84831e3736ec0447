#include "worst_case_parse.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "tests/hardening/worst_case_inputs.hpp"

namespace planner::bench {

void worst_case_parse(bool quick) {
    std::printf("\n6. Worst-case parse (each input built to defeat its parser, at %s; target < 1 s each)\n",
                quick ? "1/16 of the size cap" : "the size cap");
    std::printf("   %-15s %-52s %10s %9s  %s\n", "parser", "input", "bytes", "time", "outcome");
    double slowest = 0;
    for (const auto& input : planner::test::worst_case_inputs(quick ? 16 : 1)) {
        const auto started = std::chrono::steady_clock::now();
        const char* outcome = "read";
        try {
            input.parse(input.text);
        } catch (const std::runtime_error&) {
            outcome = "refused";
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (ms > slowest) slowest = ms;
        std::printf("   %-15s %-52s %10zu %7.0fms  %s\n", input.parser, input.shape, input.text.size(), ms, outcome);
    }
    std::printf("   slowest: %.0f ms\n", slowest);
}

}  // namespace planner::bench
