#pragma once
// Read a compatibility-matrix document (GitHub Markdown pipe tables,
// reStructuredText list-table, MyST list-table; UTF-8 or Mac Roman mojibake)
// into a Matrix. The two tables are found by their content, not their position.
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

struct ImportOptions {
    std::string id;  // matrix id to record; empty: derived from the document
    // A row or column label the catalog lacks is an error instead of a new id
    // (`--strict-labels`).
    bool strict_labels = false;
};

struct ImportResult {
    Matrix matrix;
    std::vector<std::string> notes;  // for stderr: "repaired Mac Roman mojibake", ...
};

// `file_name` is used in messages (file:line) and recorded as the source.
// Throws InputError naming file:line for anything it cannot read as it stands.
ImportResult import_document(std::string_view bytes, std::string_view file_name,
                             const ImportOptions& options = {});

}  // namespace planner
