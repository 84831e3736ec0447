#include <planner/hardware.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include <planner/catalog.hpp>
#include <planner/error.hpp>

#include "model/adapters/tool_run.hpp"
#include "model/io/strings.hpp"

namespace planner {

namespace {

using Clock = std::chrono::steady_clock;

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
    if (const CatalogEntry* entry = Catalog::builtin().find_hardware(name)) return entry;
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
                         ") is not in the hardware catalog (" + Catalog::builtin().hardware_suggestion(gpu.name) +
                         "); pass --hw with the class to plan for");
    gpu.hardware = entry->id;
    return gpu;
}

// One way of asking a tool: its arguments and the parser for what it prints.
struct Query {
    std::vector<std::string> args;
    std::vector<DetectedGpu> (*parse)(std::string_view);
};

// A tool's stderr on one line, short, without control characters: it goes
// into an error message on a terminal.
std::string stderr_excerpt(std::string_view text) {
    constexpr size_t longest = 400;
    std::string out;
    bool space = false;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += byte < 0x20 || byte == 0x7f ? '?' : c;
        if (out.size() >= longest) return out + "...";
    }
    return out.empty() ? "(nothing)" : out;
}

std::string ran(const ToolRun& run) {
    std::string quoted = "`";
    quoted += run.command;
    quoted += '`';
    return quoted;
}

[[noreturn]] void tool_failed(const std::string& tool, const std::vector<ToolRun>& runs) {
    std::string message = tool + " is on PATH but did not answer:";
    for (const ToolRun& run : runs)
        message.append(" ").append(ran(run)).append(" ").append(run.failure()).append(", stderr: ")
            .append(stderr_excerpt(run.err)).append(";");
    throw UsageError(message + " pass --hw with the class to plan for (planner hardware lists them)");
}

// Output with no GPU in it is "no GPU" only when it holds nothing else
// either: an empty listing, or rocm-smi's banner lines alone.
bool is_empty_listing(std::string_view output) {
    for (const std::string& raw : lines_of(output)) {
        const std::string line(trim(raw));
        if (!line.empty() && line.front() != '=') return false;
    }
    return true;
}

// The first query the tool answers decides. A tool that is on PATH but fails
// every query, hangs or prints what is not a GPU listing is an error: planning
// for the CPU of a GPU machine would be a silent wrong answer.
void probe(const std::string& tool, const std::vector<Query>& queries, std::chrono::milliseconds limit,
           Clock::time_point deadline, std::vector<DetectedGpu>& gpus, std::vector<std::string>& notes) {
    const std::string program = find_on_path(tool);
    if (program.empty()) {
        notes.push_back(tool + " is not on PATH");
        return;
    }
    std::vector<ToolRun> failed;
    for (const Query& query : queries) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        ToolRun run = run_tool(program, query.args, std::max(left, std::chrono::milliseconds(0)));
        run.time_limit = limit;  // the whole probe's, which is what the user can change
        if (!run.succeeded()) {
            failed.push_back(std::move(run));
            // A hang would hang again; only a refusal (old drivers lack the
            // compute_cap field) is worth the next query.
            if (failed.back().started && !failed.back().timed_out && !failed.back().too_long &&
                failed.back().signal == 0)
                continue;
            tool_failed(tool, failed);
        }
        std::vector<DetectedGpu> found;
        try {
            found = query.parse(run.out);
        } catch (const std::runtime_error& e) {
            throw UsageError(tool + ": " + ran(run) + " printed what is not a GPU listing (" + e.what() +
                             "); pass --hw with the class to plan for (planner hardware lists them)");
        }
        if (found.empty() && !is_empty_listing(run.out))
            throw UsageError(tool + ": " + ran(run) + " printed no GPU, only: " + stderr_excerpt(run.out) +
                             "; pass --hw with the class to plan for (planner hardware lists them)");
        if (!failed.empty())
            notes.push_back(ran(failed.front()) + " " + failed.front().failure() + "; classes taken from " +
                            ran(run));
        if (found.empty()) notes.push_back(ran(run) + " listed no GPU");
        gpus.insert(gpus.end(), found.begin(), found.end());
        return;
    }
    tool_failed(tool, failed);
}

}  // namespace

std::vector<DetectedGpu> parse_nvidia_smi(std::string_view output) {
    std::vector<DetectedGpu> gpus;
    const std::vector<std::string> lines = lines_of(output);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string line(trim(lines[n]));
        if (line.empty()) continue;
        const std::string where = "nvidia-smi output line " + std::to_string(n + 1);
        const size_t comma = line.rfind(',');
        if (comma == std::string::npos)
            throw InputError(where + ": expected 'name, compute_cap', got '" + line + "'");
        gpus.push_back(classified_nvidia_gpu(std::string(trim(std::string_view(line).substr(0, comma))),
                                             std::string(trim(std::string_view(line).substr(comma + 1))), where));
    }
    return gpus;
}

std::vector<DetectedGpu> parse_nvidia_smi_names(std::string_view output) {
    std::vector<DetectedGpu> gpus;
    const std::vector<std::string> lines = lines_of(output);
    for (size_t n = 0; n < lines.size(); ++n) {
        const std::string line(trim(lines[n]));
        if (line.empty()) continue;
        gpus.push_back(classified_nvidia_gpu(line, "", "nvidia-smi output line " + std::to_string(n + 1)));
    }
    return gpus;
}

std::vector<DetectedGpu> parse_rocm_smi(std::string_view output) {
    // GPU index -> (field -> value), in index order.
    std::map<int, std::map<std::string, std::string>> cards;
    for (const std::string& raw : lines_of(output)) {
        const std::string line(trim(raw));
        if (line.rfind("GPU[", 0) != 0) continue;
        const size_t close = line.find(']');
        if (close == std::string::npos || close == 4 ||
            !all_digits(std::string_view(line).substr(4, close - 4)))
            continue;
        const int index = std::stoi(line.substr(4, close - 4));
        std::map<std::string, std::string>& fields = cards[index];
        // "GPU[0]   : Card series:   AMD Instinct MI300X OAM"
        const std::string rest(trim(std::string_view(line).substr(close + 1)));
        if (rest.empty() || rest[0] != ':') continue;
        const std::string body(trim(std::string_view(rest).substr(1)));
        const size_t colon = body.find(':');
        if (colon == std::string::npos) continue;
        fields[std::string(trim(std::string_view(body).substr(0, colon)))] =
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

HardwareDetection detect_hardware(std::chrono::milliseconds time_limit) {
    const Clock::time_point deadline = Clock::now() + time_limit;
    std::vector<DetectedGpu> gpus;
    std::vector<std::string> notes;
    // Drivers older than the compute_cap query field answer only the name query.
    probe("nvidia-smi",
          {{{"--query-gpu=name,compute_cap", "--format=csv,noheader"}, parse_nvidia_smi},
           {{"--query-gpu=name", "--format=csv,noheader"}, parse_nvidia_smi_names}},
          time_limit, deadline, gpus, notes);
    probe("rocm-smi", {{{"--showproductname"}, parse_rocm_smi}}, time_limit, deadline, gpus, notes);
    return decide_hardware(std::move(gpus), std::move(notes));
}

}  // namespace planner
