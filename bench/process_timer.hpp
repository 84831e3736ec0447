#pragma once
// Wall time and peak memory of child processes, for cold-start figures.
#include <string>
#include <vector>

namespace planner::bench {

struct ProcessRun {
    double milliseconds = 0;
    long peak_rss_kib = 0;
    int exit_code = -1;
};

// Runs argv[0] with stdout and stderr sent to /dev/null, and stdin read from
// `stdin_path` (default /dev/null).
ProcessRun run_process(const std::vector<std::string>& argv, const std::string& stdin_path = "/dev/null");

// Median wall time of `runs` runs (one warm-up run first, not counted).
double median_milliseconds(const std::vector<std::string>& argv, int runs, int* exit_code = nullptr);

}  // namespace planner::bench
