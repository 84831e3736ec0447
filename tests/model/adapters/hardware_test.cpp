#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <planner/error.hpp>
#include <planner/hardware.hpp>

#include "tests/thrown_message.hpp"

using planner::InputError;
using planner::UsageError;

namespace {

using planner::test::message_of;

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

const char* rocm_mi300x = R"(

============================ ROCm System Management Interface ============================
====================================== Product Info ======================================
GPU[0]		: Card series: 		AMD Instinct MI300X OAM
GPU[0]		: Card model: 		0x74a1
GPU[0]		: Card vendor: 		Advanced Micro Devices, Inc. [AMD/ATI]
GPU[0]		: GFX Version: 		gfx942
GPU[1]		: Card series: 		AMD Instinct MI300X OAM
GPU[1]		: Card model: 		0x74a1
==========================================================================================
================================== End of ROCm SMI Log ===================================
)";

// A directory that is the whole PATH while it lives, holding fake tools.
class FakePath {
public:
    FakePath() {
        char pattern[] = "/tmp/planner-fake-path-XXXXXX";
        REQUIRE(::mkdtemp(pattern) != nullptr);
        dir_ = pattern;
        const char* old = std::getenv("PATH");
        saved_ = old ? old : "";
        ::setenv("PATH", dir_.c_str(), 1);
    }
    ~FakePath() {
        ::setenv("PATH", saved_.c_str(), 1);
        std::filesystem::remove_all(dir_);
    }
    // A tool that prints `output` (no external commands: PATH holds only this
    // directory) and exits with `status`.
    void tool(const std::string& name, const std::string& output, int status = 0) {
        const std::string path = dir_ + "/" + name;
        std::ofstream script(path);
        script << "#!/bin/sh\ncat_output() {\nprintf '%s' '";
        for (char c : output) script << (c == '\'' ? std::string("'\\''") : std::string(1, c));
        script << "'\n}\ncat_output\nexit " << status << "\n";
        script.close();
        ::chmod(path.c_str(), 0755);
    }

    // A tool with its own shell body (builtins only).
    void script(const std::string& name, const std::string& body) {
        const std::string path = dir_ + "/" + name;
        std::ofstream file(path);
        file << "#!/bin/sh\n" << body;
        file.close();
        ::chmod(path.c_str(), 0755);
    }

private:
    std::string dir_, saved_;
};

}  // namespace

TEST_CASE("nvidia-smi lines map to classes by product name") {
    auto one = planner::parse_nvidia_smi("NVIDIA A100-SXM4-80GB, 8.0\n");
    REQUIRE(one.size() == 1);
    CHECK(one[0].hardware == "ampere");
    CHECK(one[0].name == "NVIDIA A100-SXM4-80GB");
    CHECK(one[0].compute_capability == "8.0");
    CHECK(one[0].tool == "nvidia-smi");
    CHECK(planner::parse_nvidia_smi("Tesla T4, 7.5")[0].hardware == "turing");
    CHECK(planner::parse_nvidia_smi("Tesla V100-SXM2-16GB, 7.0")[0].hardware == "volta");
    CHECK(planner::parse_nvidia_smi("NVIDIA L40S, 8.9")[0].hardware == "ada");
    // Two adjacent words name the product.
    CHECK(planner::parse_nvidia_smi("NVIDIA GeForce RTX 4090, 8.9")[0].hardware == "ada");
    // The name wins over the compute capability.
    CHECK(planner::parse_nvidia_smi("NVIDIA H100 80GB HBM3, 8.0")[0].hardware == "hopper");
}

TEST_CASE("an unknown product name falls back to its compute capability") {
    CHECK(planner::parse_nvidia_smi("NVIDIA Mystery Card, 8.9")[0].hardware == "ada");
    // A lone number in the name is not read as a compute capability (80 -> 8.0).
    CHECK(planner::parse_nvidia_smi("NVIDIA Mystery 80, 7.5")[0].hardware == "turing");
}

TEST_CASE("a GPU the catalog does not know is an error that says so") {
    const std::string message =
        message_of([] { planner::parse_nvidia_smi("NVIDIA Z900, 13.0\n"); });
    CHECK(has(message, "'NVIDIA Z900' (compute capability 13.0) is not in the hardware catalog (no close match)"));
    CHECK_THROWS_AS(planner::parse_nvidia_smi("NVIDIA Z900, 13.0\n"), UsageError);
}

TEST_CASE("a Blackwell GPU is class blackwell, by name or by compute capability") {
    CHECK(planner::parse_nvidia_smi("NVIDIA B200, 10.0\n")[0].hardware == "blackwell");
    CHECK(planner::parse_nvidia_smi("NVIDIA Mystery Blackwell, 12.0\n")[0].hardware == "blackwell");
}

TEST_CASE("malformed nvidia-smi output names the line") {
    const std::string message =
        message_of([] { planner::parse_nvidia_smi("NVIDIA A100, 8.0\ngarbage\n"); });
    CHECK(has(message, "nvidia-smi output line 2"));
    CHECK_THROWS_AS(planner::parse_nvidia_smi("garbage"), InputError);
    CHECK(planner::parse_nvidia_smi("\n\n").empty());
}

TEST_CASE("rocm-smi product names are AMD GPUs, one per index") {
    auto gpus = planner::parse_rocm_smi(rocm_mi300x);
    REQUIRE(gpus.size() == 2);
    CHECK(gpus[0].hardware == "amd");
    CHECK(gpus[0].name == "AMD Instinct MI300X OAM");
    CHECK(gpus[1].tool == "rocm-smi");
    CHECK(planner::parse_rocm_smi("no GPU here\n").empty());
}

TEST_CASE("probe: one A100 is ampere") {
    FakePath path;
    path.tool("nvidia-smi", "NVIDIA A100-SXM4-80GB, 8.0\n");
    auto detection = planner::detect_hardware();
    CHECK(detection.hardware == "ampere");
    REQUIRE(detection.gpus.size() == 1);
    CHECK(has(detection.notes.back(), "detected 1 GPU (NVIDIA A100-SXM4-80GB): ampere"));
}

TEST_CASE("probe: eight H100 are one hopper class") {
    FakePath path;
    std::string eight;
    for (int i = 0; i < 8; ++i) eight += "NVIDIA H100 80GB HBM3, 9.0\n";
    path.tool("nvidia-smi", eight);
    auto detection = planner::detect_hardware();
    CHECK(detection.hardware == "hopper");
    CHECK(detection.gpus.size() == 8);
    CHECK(has(detection.notes.back(), "detected 8 GPUs (NVIDIA H100 80GB HBM3): hopper"));
}

TEST_CASE("probe: mixed A100 and T4 is an error listing both") {
    FakePath path;
    path.tool("nvidia-smi", "NVIDIA A100-PCIE-40GB, 8.0\nTesla T4, 7.5\n");
    const std::string message = message_of([] { planner::detect_hardware(); });
    CHECK(has(message, "several hardware classes"));
    CHECK(has(message, "ampere (NVIDIA A100-PCIE-40GB)"));
    CHECK(has(message, "turing (Tesla T4)"));
    CHECK_THROWS_AS(planner::detect_hardware(), UsageError);
}

TEST_CASE("probe: an unknown GPU is refused, naming the tool's output") {
    FakePath path;
    path.tool("nvidia-smi", "NVIDIA Z900, 13.0\n");
    const std::string message = message_of([] { planner::detect_hardware(); });
    CHECK(has(message, "not in the hardware catalog"));
}

TEST_CASE("probe: rocm-smi with MI300X is amd") {
    FakePath path;
    path.tool("rocm-smi", rocm_mi300x);
    auto detection = planner::detect_hardware();
    CHECK(detection.hardware == "amd");
    CHECK(detection.gpus.size() == 2);
    CHECK(has(detection.notes.front(), "nvidia-smi is not on PATH"));
}

TEST_CASE("probe: NVIDIA and AMD GPUs together are two classes") {
    FakePath path;
    path.tool("nvidia-smi", "NVIDIA A100-SXM4-80GB, 8.0\n");
    path.tool("rocm-smi", rocm_mi300x);
    const std::string message = message_of([] { planner::detect_hardware(); });
    CHECK(has(message, "ampere (NVIDIA A100-SXM4-80GB); amd (AMD Instinct MI300X OAM)"));
}

TEST_CASE("probe: no tools means cpu, with a note for stderr") {
    FakePath path;
    auto detection = planner::detect_hardware();
    CHECK(detection.hardware == "cpu");
    CHECK(detection.gpus.empty());
    CHECK(has(detection.notes.back(), "no GPU found by nvidia-smi or rocm-smi; planning for cpu"));
}

TEST_CASE("probe: a failing nvidia-smi is an error, never a guess of cpu") {
    FakePath path;
    path.tool("nvidia-smi", "NVIDIA A100-SXM4-80GB, 8.0\n", 9);
    const std::string message = message_of([] { planner::detect_hardware(); });
    CHECK(has(message, "nvidia-smi is on PATH but did not answer"));
    CHECK(has(message, "exited with status 9"));
    CHECK_THROWS_AS(planner::detect_hardware(), UsageError);
}

TEST_CASE("nvidia-smi names alone classify by name, and an empty name is refused") {
    auto gpus = planner::parse_nvidia_smi_names("Tesla V100-SXM2-16GB\nNVIDIA L4\n");
    REQUIRE(gpus.size() == 2);
    CHECK(gpus[0].hardware == "volta");
    CHECK(gpus[0].compute_capability.empty());
    CHECK(gpus[1].hardware == "ada");
    const std::string message = message_of([] { planner::parse_nvidia_smi("NVIDIA A100, 8.0\n, 8.0"); });
    CHECK(has(message, "nvidia-smi output line 2: the GPU has no name"));
}

TEST_CASE("probe: a driver without the compute_cap field is asked for names alone") {
    FakePath path;
    // Old drivers reject the compute_cap field with an error exit.
    path.script("nvidia-smi",
                "case \"$1\" in\n"
                "  *compute_cap*) echo 'Field \"compute_cap\" is not a valid field to query.'; exit 2;;\n"
                "  *) printf 'Tesla T4\\nTesla T4\\n';;\n"
                "esac\n");
    auto detection = planner::detect_hardware();
    CHECK(detection.hardware == "turing");
    CHECK(detection.gpus.size() == 2);
    CHECK(has(detection.notes.front(), "nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader` exited "
                                       "with status 2; classes taken from `"));
}
