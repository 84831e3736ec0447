#pragma once
// Files of the source tree for tests; PLANNER_SOURCE_ROOT is set by meson test.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace planner::test {

inline std::string source_root() {
    const char* root = std::getenv("PLANNER_SOURCE_ROOT");
    return root ? root : ".";
}

inline std::string read_source_file(const std::string& relative) {
    std::ifstream in(source_root() + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("test file missing: " + relative);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace planner::test
