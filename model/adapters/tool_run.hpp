#pragma once
// Running an outside tool (nvidia-smi, rocm-smi) that may fail, print
// anything or never return: its output is bounded in size, its run in time,
// and a tool still running at the limit is killed and reaped.
#include <chrono>
#include <string>
#include <vector>

namespace planner {

struct ToolRun {
    std::string command;  // as run, for messages: "/usr/bin/nvidia-smi --query-gpu=..."
    std::string out, err;
    std::chrono::milliseconds time_limit{0};
    bool started = false;    // false: it could not be started (err says why)
    bool timed_out = false;  // killed at the time limit
    bool too_long = false;   // killed for printing more than the output limit
    int exit_code = -1;      // when it exited by itself
    int signal = 0;          // when a signal ended it (and it was not a time-out kill)

    bool succeeded() const { return started && !timed_out && !too_long && signal == 0 && exit_code == 0; }
    // "exited with status 9", "was killed after 5000 ms", ...; "" when it succeeded.
    std::string failure() const;
};

// Output beyond this (per stream) is not what a GPU listing looks like.
inline constexpr size_t tool_output_limit = 1 << 20;

// Runs `program` with `args` (no shell), stdin from /dev/null, both streams
// captured. The child gets its own process group, so a tool that forks a
// helper is killed with it.
ToolRun run_tool(const std::string& program, const std::vector<std::string>& args,
                 std::chrono::milliseconds time_limit);

}  // namespace planner
