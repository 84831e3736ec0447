#pragma once
// `--hw auto`: which hardware class is this machine? The parsers are pure (they
// take the tools' output as text) so tests can feed them anything; the probe
// runs nvidia-smi and rocm-smi from PATH.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// One GPU as a tool reported it.
struct DetectedGpu {
    std::string name;                // product name, e.g. "NVIDIA A100-SXM4-80GB"
    std::string compute_capability;  // "8.0"; empty for AMD
    std::string hardware;            // canonical class, e.g. "ampere"
    std::string tool;                // "nvidia-smi" or "rocm-smi"
};

struct HardwareDetection {
    std::string hardware;            // one canonical class; "cpu" when no GPU was found
    std::vector<DetectedGpu> gpus;   // in the tools' order
    std::vector<std::string> notes;  // for stderr: what was found, what was missing
};

// Output of `nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader`,
// one "name, major.minor" line per GPU. A name word (or two or three adjacent
// words, "RTX 4090") that the catalog knows decides the class; otherwise the
// compute capability does. Throws UsageError for a GPU of neither kind (with
// the nearest known names) and InputError for a line that is not two fields.
std::vector<DetectedGpu> parse_nvidia_smi(std::string_view output);

// Output of `nvidia-smi --query-gpu=name --format=csv,noheader`, one name per
// line: what drivers without the compute_cap field answer. Classes by name only.
std::vector<DetectedGpu> parse_nvidia_smi_names(std::string_view output);

// Output of `rocm-smi --showproductname`: one GPU per "GPU[n]" index, named by
// its "Card series" (else "Card model") line; every ROCm GPU is class amd.
std::vector<DetectedGpu> parse_rocm_smi(std::string_view output);

// One class for the GPUs found: none -> "cpu" with a note; several different
// classes -> UsageError listing each class with its GPU names.
HardwareDetection decide_hardware(std::vector<DetectedGpu> gpus, std::vector<std::string> notes);

// How long `--hw auto` waits for nvidia-smi and rocm-smi together, unless
// --timeout-ms asks for less. A healthy tool answers in well under a second;
// a hung driver never does.
inline constexpr std::chrono::milliseconds hardware_probe_time_limit{5000};

// Run nvidia-smi and rocm-smi found on PATH and decide. A tool that is not on
// PATH finds nothing (with a note); one that is there but exits non-zero
// (after nvidia-smi's names-only query for old drivers), is killed at the
// time limit, or prints what is not a GPU listing is a UsageError naming the
// command run and its stderr.
HardwareDetection detect_hardware(std::chrono::milliseconds time_limit = hardware_probe_time_limit);

}  // namespace planner
