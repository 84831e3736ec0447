#pragma once
// The matrices shipped in data/ (compiled in) and the way commands pick one:
// `--matrix ID|FILE`, default the newest.
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

struct ShippedMatrix {
    std::string id;
    std::string source;
    size_t features = 0;
    size_t hardware = 0;
    // The states of vLLM's page it stands for, oldest first; empty for a
    // document shipped on its own (vllm-0.6 and the translated copies).
    std::vector<PageState> states;
    // A document shipped on its own: the upstream state nearest by content,
    // and how many differences (cells, links, features, ...) `diff` finds.
    std::string translates;
    size_t differences = 0;
};

// The states of vLLM's page oldest first, then the documents shipped on
// their own, oldest first; the last one is the default.
std::vector<ShippedMatrix> shipped_matrices();

// A release the shipped data establishes and the page state it shipped.
struct ShippedRelease {
    std::string tag;     // "v0.6.4"
    std::string state;   // "vllm-docs-2024-11-07"
    std::string source;  // what establishes it
};

// Oldest first.
std::vector<ShippedRelease> shipped_releases();

// "" -> the newest shipped matrix; a shipped id, a page state's id
// (vllm-docs-2024-11-20), a release (vllm-0.6.4: the state it shipped), a
// release line (vllm-0.7: its newest release's), a date (2025-07-30: the
// newest state on or before it); otherwise a file path (a
// planner-matrix JSON, or any document `import` reads, imported on the fly).
// A name with a '/' is always a file. A shipped id that is also the name of an
// existing file is refused (UsageError naming both), so that neither is picked
// in silence. Throws UsageError for an unknown id (listing the known ones) and
// InputError for a file that cannot be read.
Matrix load_matrix(std::string_view id_or_file = "");

// The same; a document imported on the fly adds the importer's notes (mojibake
// repaired, pairs left blank, undefined link references, ...) to
// `import_notes`, and names itself in them and in its errors as `planner
// import` does (by its file name), so that both commands say the same words.
// A row or column label the catalog lacks becomes a new id (said in a note),
// or, with `strict_labels`, an InputError naming file:line; under
// `strict_labels` a planner-matrix/1 file with an id the catalog lacks is an
// InputError naming the field.
Matrix load_matrix(std::string_view id_or_file, std::vector<std::string>& import_notes, bool strict_labels = false);

// The shipped matrix `id` (one of shipped_matrices()), never a file: for the
// planner's own loops over what it ships.
const Matrix& shipped_matrix(std::string_view id);

// Ids of the shipped matrices that have a column for `hardware` (for the error
// "tpu has no column in vllm-0.6; matrices that have it: ..."): the documents
// shipped on their own, then the newest state of vLLM's page that has one.
std::vector<std::string> matrices_with_hardware(std::string_view hardware);
// The same for a feature's row.
std::vector<std::string> matrices_with_feature(std::string_view feature);

}  // namespace planner
