#include "model/facts/model_series.hpp"

#include <cctype>

namespace planner {

namespace {

constexpr std::string_view cuda_gpus = "NVIDIA CUDA GPUs list, https://developer.nvidia.com/cuda-gpus";

// More specific rows first: "rtx2000ada" is Ada before it is RTX 20##.
constexpr ModelSeries series_table[] = {
    {"rtx", "####", "ada", "ada", "Ada", cuda_gpus},            // RTX 2000/4000/4500/5000/5880/6000 Ada Generation: 8.9
    {"rtx", "#000", "", "turing", "Turing", cuda_gpus},          // Quadro RTX 3000/4000/5000/6000/8000: 7.5
    {"rtxa", "####", "*", "ampere", "Ampere", cuda_gpus},        // RTX A2000/A4000/A4500/A5000/A6000: 8.6
    {"rtx", "20##", "*", "turing", "Turing", cuda_gpus},         // GeForce RTX 2060-2080 Ti: 7.5
    {"gtx", "16##", "*", "turing", "Turing", cuda_gpus},         // GeForce GTX 1650/1660: 7.5
    {"rtx", "30##", "*", "ampere", "Ampere", cuda_gpus},         // GeForce RTX 3050-3090 Ti: 8.6
    {"rtx", "40##", "*", "ada", "Ada", cuda_gpus},               // GeForce RTX 4060-4090: 8.9
    {"rtx", "50##", "*", "blackwell", "Blackwell", cuda_gpus},   // GeForce RTX 5060-5090: 12.0
    {"gtx", "10##", "*", "", "Pascal", cuda_gpus},               // GeForce GTX 1050-1080 Ti: 6.1
    {"p", "#", "*", "", "Pascal", cuda_gpus},                    // Tesla P4: 6.1
    {"p", "##", "*", "", "Pascal", cuda_gpus},                   // Tesla P40: 6.1
    {"p", "###", "*", "", "Pascal", cuda_gpus},                  // Tesla P100: 6.0
};

bool digits_match(std::string_view pattern, std::string_view digits) {
    if (pattern.size() != digits.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] != '#' && pattern[i] != digits[i]) return false;
    return true;
}

}  // namespace

const ModelSeries* model_series_of(std::string_view normalized) {
    size_t letters = 0;
    while (letters < normalized.size() && std::isalpha(static_cast<unsigned char>(normalized[letters]))) ++letters;
    size_t digits = letters;
    while (digits < normalized.size() && std::isdigit(static_cast<unsigned char>(normalized[digits]))) ++digits;
    const std::string_view head = normalized.substr(0, letters);
    const std::string_view number = normalized.substr(letters, digits - letters);
    const std::string_view rest = normalized.substr(digits);
    for (const ModelSeries& series : series_table)
        if (series.letters == head && digits_match(series.digits, number) &&
            (series.suffix == "*" || series.suffix == rest))
            return &series;
    return nullptr;
}

}  // namespace planner
