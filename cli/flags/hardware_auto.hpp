#pragma once
// `--hw auto`: the hardware class of this machine, from nvidia-smi, rocm-smi
// or, when neither is on PATH (or they list no GPU), the CPU.
#include <string>
#include <string_view>

namespace planner::cli {

// `raw` itself unless it is "auto" (any case); then the detected class. The
// detection runs once per process (a batch stream may say "auto" on every
// line) and its notes go to stderr once; a failed detection is remembered
// too, so a hung tool costs one time limit, not one per line. It waits at
// most hardware_probe_time_limit, or `timeout_ms` when that is smaller and
// not 0. UsageError when the machine has GPUs of several classes or a tool
// fails (see detect_hardware). The notes name `flag`, the flag that said
// "auto" first (--hw or --hw-as).
std::string hardware_argument(std::string_view flag, std::string_view raw, unsigned timeout_ms = 0);

}  // namespace planner::cli
