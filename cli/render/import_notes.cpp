#include "cli/render/import_notes.hpp"

#include <iostream>

#include <planner/library.hpp>

namespace planner::cli {

void print_import_notes(const std::vector<std::string>& notes) {
    for (const std::string& note : notes) std::cerr << "planner: " << note << "\n";
}

Matrix load_matrix_saying_notes(std::string_view id_or_file, bool strict_labels) {
    std::vector<std::string> notes;
    Matrix matrix = load_matrix(id_or_file, notes, strict_labels);
    print_import_notes(notes);
    return matrix;
}

NotedMatrix load_matrix_with_notes(std::string_view id_or_file, bool strict_labels) {
    NotedMatrix loaded;
    loaded.matrix = load_matrix(id_or_file, loaded.notes, strict_labels);
    return loaded;
}

}  // namespace planner::cli
