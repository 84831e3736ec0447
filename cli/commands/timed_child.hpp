#pragma once
// A helper program the planner runs (Graphviz's `dot`) may hang, on a broken
// install or a fake on PATH; a planner waiting on it forever is a hang of its
// own. The child gets a time limit and its own process group, and on time-out
// the whole group is killed and reaped.
#include <string>
#include <vector>

namespace planner::cli {

struct ChildOutput {
    std::string out;  // what it wrote on stdout
    int exit_code = -1;  // -1 when it did not exit normally
};

// Runs `argv` (argv[0] looked up on PATH) with stdin from /dev/null and stderr
// dropped; gives up after `timeout_ms` milliseconds (0: no limit). Throws
// InputError naming the command line when it cannot start or runs past the limit.
ChildOutput run_timed_child(const std::vector<std::string>& argv, unsigned timeout_ms);

}  // namespace planner::cli
