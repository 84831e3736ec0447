#pragma once
// `--hw auto`: the hardware class of this machine, from nvidia-smi, rocm-smi
// or, when neither finds a GPU, the CPU.
#include <string>
#include <string_view>

namespace planner::cli {

// `raw` itself unless it is "auto" (any case); then the detected class. The
// detection runs once per process (a batch stream may say "auto" on every
// line) and its notes go to stderr once. UsageError when the machine has
// GPUs of several classes.
std::string hardware_argument(std::string_view raw);

}  // namespace planner::cli
