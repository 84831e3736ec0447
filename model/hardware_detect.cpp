#include "model/hardware_detect.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "model/catalog.hpp"
#include "model/error.hpp"

namespace planner {

namespace {

std::string trim(std::string_view text) {
    size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(std::string(text.substr(start, end - start)));
        start = end + 1;
    }
    return lines;
}

// "NVIDIA A100-SXM4-80GB" -> NVIDIA, A100, SXM4, 80GB.
std::vector<std::string> name_words(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += c;
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Longest run of adjacent words first, so "RTX A6000" beats "A6000". A lone
// number is never a product name ("80" would read as compute capability 8.0).
const CatalogEntry* class_from_name(std::string_view name) {
    const std::vector<std::string> words = name_words(name);
    for (size_t width = std::min<size_t>(3, words.size()); width >= 1; --width) {
        for (size_t first = 0; first + width <= words.size(); ++first) {
            if (width == 1 && all_digits(words[first])) continue;
            std::string phrase;
            for (size_t i = first; i < first + width; ++i) {
                if (i > first) phrase += ' ';
                phrase += words[i];
            }
            if (const CatalogEntry* entry = Catalog::builtin().find_hardware(phrase)) return entry;
        }
    }
    return nullptr;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += ", ";
        out += item;
    }
    return out;
}

// The absolute path of `tool` on PATH, or "" when it is not there.
std::string find_on_path(const std::string& tool) {
    const char* path = std::getenv("PATH");
    if (!path) return "";
    std::string_view dirs(path);
    size_t start = 0;
    while (start <= dirs.size()) {
        size_t end = dirs.find(':', start);
        if (end == std::string_view::npos) end = dirs.size();
        // An empty PATH entry means the current directory.
        std::string candidate(end > start ? dirs.substr(start, end - start) : std::string_view("."));
        candidate += '/';
        candidate += tool;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return "";
}

std::string single_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// Runs `program args`; false when it cannot start or exits non-zero.
bool run_tool(const std::string& program, const std::string& args, std::string& output) {
    const std::string command = single_quoted(program) + " " + args + " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return false;
    char buffer[4096];
    size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
    const int status = ::pclose(pipe);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Name first, compute capability second; neither known is a usage error,
// since planning for a guessed class would be a silent guess.
DetectedGpu classified_nvidia_gpu(std::string name, std::string compute_capability,
                                  const std::string& where) {
    if (name.empty()) throw InputError(where + ": the GPU has no name");
    DetectedGpu gpu;
    gpu.tool = "nvidia-smi";
    gpu.name = std::move(name);
    gpu.compute_capability = std::move(compute_capability);
    const CatalogEntry* entry = class_from_name(gpu.name);
    if (!entry && !gpu.compute_capability.empty())
        entry = Catalog::builtin().find_hardware(gpu.compute_capability);
    if (!entry)
        throw UsageError("GPU '" + gpu.name + "' (compute capability " +
                         (gpu.compute_capability.empty() ? "unknown" : gpu.compute_capability) +
                         ") is not in the hardware catalog; nearest known names: " +
                         join(Catalog::builtin().nearest_hardware(gpu.name)) +
                         "; pass --hw with the class to plan for");
    gpu.hardware = entry->id;
    return gpu;
}

// One way of asking a tool: its arguments and the parser for what it prints.
struct Query {
    const char* args;
    std::vector<DetectedGpu> (*parse)(std::string_view);
};

// The first query the tool answers decides; a missing tool or one that
// answers none finds nothing, with a note saying so.
void probe(const std::string& tool, const std::vector<Query>& queries,
           std::vector<DetectedGpu>& gpus, std::vector<std::string>& notes) {
    const std::string program = find_on_path(tool);
    if (program.empty()) {
        notes.push_back(tool + " is not on PATH");
        return;
    }
    for (size_t i = 0; i < queries.size(); ++i) {
        std::string output;
        if (!run_tool(program, queries[i].args, output)) continue;
        if (i > 0)
            notes.push_back(tool + " " + queries[0].args + " failed; classes taken from " + tool +
                            " " + queries[i].args);
        std::vector<DetectedGpu> found = queries[i].parse(output);
        gpus.insert(gpus.end(), found.begin(), found.end());
        return;
    }
    notes.push_back(tool + " failed; no GPU taken from it");
}

}  // namespace

std::vector<DetectedGpu> parse_nvidia_smi(std::string_view output) {
    std::vector<DetectedGpu> gpus;
    const std::vector<std::string> lines = lines_of(output);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string line = trim(lines[n]);
        if (line.empty()) continue;
        const std::string where = "nvidia-smi output line " + std::to_string(n + 1);
        const size_t comma = line.rfind(',');
        if (comma == std::string::npos)
            throw InputError(where + ": expected 'name, compute_cap', got '" + line + "'");
        gpus.push_back(classified_nvidia_gpu(trim(std::string_view(line).substr(0, comma)),
                                             trim(std::string_view(line).substr(comma + 1)), where));
    }
    return gpus;
}

std::vector<DetectedGpu> parse_nvidia_smi_names(std::string_view output) {
    std::vector<DetectedGpu> gpus;
    const std::vector<std::string> lines = lines_of(output);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string line = trim(lines[n]);
        if (line.empty()) continue;
        gpus.push_back(classified_nvidia_gpu(line, "", "nvidia-smi output line " + std::to_string(n + 1)));
    }
    return gpus;
}

std::vector<DetectedGpu> parse_rocm_smi(std::string_view output) {
    // GPU index -> (field -> value), in index order.
    std::map<int, std::map<std::string, std::string>> cards;
    for (const std::string& raw : lines_of(output)) {
        const std::string line = trim(raw);
        if (line.rfind("GPU[", 0) != 0) continue;
        const size_t close = line.find(']');
        if (close == std::string::npos || close == 4 ||
            !all_digits(std::string_view(line).substr(4, close - 4)))
            continue;
        const int index = std::stoi(line.substr(4, close - 4));
        std::map<std::string, std::string>& fields = cards[index];
        // "GPU[0]   : Card series:   AMD Instinct MI300X OAM"
        const std::string rest = trim(std::string_view(line).substr(close + 1));
        if (rest.empty() || rest[0] != ':') continue;
        const std::string body = trim(std::string_view(rest).substr(1));
        const size_t colon = body.find(':');
        if (colon == std::string::npos) continue;
        fields[trim(std::string_view(body).substr(0, colon))] =
            trim(std::string_view(body).substr(colon + 1));
    }
    std::vector<DetectedGpu> gpus;
    for (const auto& [index, fields] : cards) {
        DetectedGpu gpu;
        gpu.tool = "rocm-smi";
        gpu.hardware = "amd";
        for (const char* key : {"Card series", "Card SKU", "Card model"}) {
            auto found = fields.find(key);
            if (found != fields.end() && !found->second.empty()) {
                gpu.name = found->second;
                break;
            }
        }
        if (gpu.name.empty()) gpu.name = "AMD GPU " + std::to_string(index);
        gpus.push_back(std::move(gpu));
    }
    return gpus;
}

HardwareDetection decide_hardware(std::vector<DetectedGpu> gpus, std::vector<std::string> notes) {
    HardwareDetection detection;
    detection.gpus = std::move(gpus);
    detection.notes = std::move(notes);
    // Class -> distinct GPU names, classes in order of first appearance.
    std::vector<std::pair<std::string, std::vector<std::string>>> classes;
    for (const DetectedGpu& gpu : detection.gpus) {
        auto entry = std::find_if(classes.begin(), classes.end(),
                                  [&](const auto& c) { return c.first == gpu.hardware; });
        if (entry == classes.end()) {
            classes.push_back({gpu.hardware, {}});
            entry = classes.end() - 1;
        }
        if (std::find(entry->second.begin(), entry->second.end(), gpu.name) == entry->second.end())
            entry->second.push_back(gpu.name);
    }
    if (classes.empty()) {
        detection.hardware = "cpu";
        detection.notes.push_back("no GPU found by nvidia-smi or rocm-smi; planning for cpu");
        return detection;
    }
    if (classes.size() > 1) {
        std::string listing;
        for (const auto& [hardware, names] : classes) {
            if (!listing.empty()) listing += "; ";
            listing += hardware + " (" + join(names) + ")";
        }
        throw UsageError("this machine has GPUs of several hardware classes: " + listing +
                         "; pass --hw with the one to plan for");
    }
    detection.hardware = classes.front().first;
    detection.notes.push_back("detected " + std::to_string(detection.gpus.size()) + " GPU" +
                              (detection.gpus.size() == 1 ? "" : "s") + " (" +
                              join(classes.front().second) + "): " + detection.hardware);
    return detection;
}

HardwareDetection detect_hardware() {
    std::vector<DetectedGpu> gpus;
    std::vector<std::string> notes;
    // Drivers older than the compute_cap query field answer only the name query.
    probe("nvidia-smi",
          {{"--query-gpu=name,compute_cap --format=csv,noheader", parse_nvidia_smi},
           {"--query-gpu=name --format=csv,noheader", parse_nvidia_smi_names}},
          gpus, notes);
    probe("rocm-smi", {{"--showproductname", parse_rocm_smi}}, gpus, notes);
    return decide_hardware(std::move(gpus), std::move(notes));
}

}  // namespace planner
