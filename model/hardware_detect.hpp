#pragma once
// `--hw auto`: which hardware class is this machine? The parsers are pure (they
// take the tools' output as text) so tests can feed them anything; the probe
// runs nvidia-smi and rocm-smi from PATH.
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

// Run nvidia-smi and rocm-smi found on PATH (a missing tool or one that fails
// finds nothing; nvidia-smi is asked for names alone when the compute
// capability query fails) and decide.
HardwareDetection detect_hardware();

}  // namespace planner
