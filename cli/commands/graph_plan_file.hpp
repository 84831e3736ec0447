#pragma once
// A plan as `planner maximize --json` printed it (planner-result/1), read
// back for `planner graph --plan`.
#include <string>
#include <vector>

namespace planner::cli {

struct PlanFile {
    std::string matrix;    // the id the plan was made with
    std::string hardware;  // canonical id
    std::vector<std::string> features;
};

// "-" reads stdin. Throws InputError naming the file for anything that is not
// a planner-result/1 document with a plan (status ok or timeout).
PlanFile read_plan_file(const std::string& path);

}  // namespace planner::cli
