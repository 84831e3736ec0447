#pragma once
// The matrices shipped in data/ (compiled in) and the way commands pick one:
// `--matrix ID|FILE`, default the newest.
#include <string>
#include <string_view>
#include <vector>

#include "model/matrix.hpp"

namespace planner {

struct ShippedMatrix {
    std::string id;
    std::string source;
    size_t features = 0;
    size_t hardware = 0;
};

// Oldest first; the last one is the default.
std::vector<ShippedMatrix> shipped_matrices();

// "" -> the newest shipped matrix; a shipped id; otherwise a file path (a
// planner-matrix JSON, or any document `import` reads, imported on the fly).
// Throws UsageError for an unknown id (listing the known ones) and InputError
// for a file that cannot be read.
Matrix load_matrix(std::string_view id_or_file = "");

// Ids of the shipped matrices that have a column for `hardware` (for the error
// "tpu has no column in vllm-0.6; matrices that have it: ...").
std::vector<std::string> matrices_with_hardware(std::string_view hardware);

}  // namespace planner
