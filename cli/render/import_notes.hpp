#pragma once
// The importer's notes on stderr, worded the same for `planner import DOC` and
// for every command given `--matrix DOC`: a document read on the fly may have
// been repaired or completed, and the user must hear it either way.
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner::cli {

void print_import_notes(const std::vector<std::string>& notes);

// load_matrix (include/planner/library.hpp), printing the notes of a document it imports.
Matrix load_matrix_saying_notes(std::string_view id_or_file, bool strict_labels = false);

// A matrix and the notes of the document it was imported from: an answer
// rests on those repairs, so the planning commands carry them in their
// "notes" (text and JSON) instead of printing them on stderr.
struct NotedMatrix {
    Matrix matrix;
    std::vector<std::string> notes;
};
NotedMatrix load_matrix_with_notes(std::string_view id_or_file, bool strict_labels = false);

}  // namespace planner::cli
