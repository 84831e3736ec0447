#pragma once
// The caps on what the planner reads. Inputs come from the web, from hand
// edits and from scripts; without a cap a wrong file (a log, a disk image, a
// generated table) would exhaust memory before any message could name it.
// Each cap sits far above anything vLLM has published and turns into an
// InputError that names the file and the cap.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "model/error.hpp"

namespace planner::limits {

// A compatibility-matrix document (`import`, `--matrix DOC`). The published
// ones are about 20 kB; a 14 MB mojibake copy still imports in well under a second.
inline constexpr size_t kMaxDocumentBytes = 16u << 20;

// A canonical planner-matrix/1 JSON file. The shipped ones are about 40 kB.
inline constexpr size_t kMaxMatrixJsonBytes = 16u << 20;

// A planner-overlay/1 file: a handful of corrected cells.
inline constexpr size_t kMaxOverlayBytes = 4u << 20;

// Features of one matrix (vLLM has published 17) and hardware classes (9).
// Feature x Feature cells grow with the square of the first.
inline constexpr size_t kMaxFeatures = 200;
inline constexpr size_t kMaxHardware = 64;

// One request line of `planner batch`. A request is a few hundred bytes;
// a longer line is answered with an error and the stream goes on.
inline constexpr size_t kMaxBatchLineBytes = 1u << 20;

// Nesting of arrays and objects in a JSON input: a planner-matrix document
// needs 3, an overlay 3. Deeper input is refused before it is built.
inline constexpr size_t kMaxJsonDepth = 64;

// "1.5 MiB" style sizes for messages.
inline std::string describe_bytes(size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

// The whole file, or an InputError naming `path` when it cannot be read or is
// larger than `cap` (checked before reading, so a huge file costs nothing).
// `what` names the kind of file in messages ("matrix file", "overlay file").
inline std::string read_file_within(const std::string& path, size_t cap, const std::string& what) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > cap) {
        std::string message = path;
        message.append(": the ").append(what).append(" is ").append(std::to_string(size));
        message.append(" bytes; at most ").append(describe_bytes(cap)).append(" are accepted");
        throw InputError(message);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open the " + what);
    // Read in chunks and stop past the cap: a pipe, or a file that grew after
    // its size was taken, has no trustworthy size up front.
    std::string content;
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        content.append(chunk, static_cast<size_t>(in.gcount()));
        if (content.size() > cap) {
            std::string message = path;
            message.append(": the ").append(what).append(" is larger than ").append(describe_bytes(cap));
            message.append(", the most that is accepted");
            throw InputError(message);
        }
    }
    if (in.bad()) throw InputError(path + ": cannot read the " + what);
    return content;
}

}  // namespace planner::limits
