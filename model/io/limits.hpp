#pragma once
// The caps on what the planner reads. Inputs come from the web, from hand
// edits and from scripts; without a cap a wrong file (a log, a disk image, a
// generated table) would exhaust memory before any message could name it.
// Each cap sits far above anything vLLM has published and turns into an
// InputError that names the file and the cap.
#include <cstddef>
#include <string>

namespace planner::limits {

// A compatibility-matrix document (`import`, `--matrix DOC`). The published
// ones are about 20 kB; a 14 MB mojibake copy still imports in well under a second.
inline constexpr size_t kMaxDocumentBytes = 16u << 20;

// A canonical planner-matrix/1 JSON file. The shipped ones are about 40 kB.
inline constexpr size_t kMaxMatrixJsonBytes = 16u << 20;

// A planner-overlay/1 file: a handful of corrected cells.
inline constexpr size_t kMaxOverlayBytes = 4u << 20;

// A planner-rules/1 file: tens of rules, each with a quote of its source.
inline constexpr size_t kMaxRulesBytes = 4u << 20;

// Features of one matrix (vLLM has published 17) and hardware classes (9).
// 512 leaves room for generated and benchmark matrices (400 features) and
// for other tables joined to vLLM's. Feature x Feature cells grow with the
// square of the first: 512 features are 130816 pairs, about 10 MB of cells
// and a few MB of JSON, still under the file caps above. The solver's bit
// sets and counters are sized by the matrix, not by this cap.
inline constexpr size_t kMaxFeatures = 512;
inline constexpr size_t kMaxHardware = 64;

// A matrix id (import --id) and an id a matrix gives a feature or hardware
// class the catalog lacks: a name typed on command lines and printed in every
// answer that cites it; the catalog's longest is 15.
inline constexpr size_t kMaxIdBytes = 64;

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

}  // namespace planner::limits
