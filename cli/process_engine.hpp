#pragma once
// The one Engine a planner process asks, made on first use and never torn
// down. Tearing down a Z3 context that has certified a maximum costs about
// 130 million instructions in Z3 4.8.12 (over half of a cold `planner
// maximize`), and the process ends right after: the operating system takes
// the memory back for free. Reachable through a static, so LeakSanitizer
// does not count it as a leak.
#include <planner/engine.hpp>

namespace planner::cli {

inline Engine& process_engine() {
    static Engine* const engine = new Engine();
    return *engine;
}

}  // namespace planner::cli
