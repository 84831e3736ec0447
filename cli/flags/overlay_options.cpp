#include "cli/flags/overlay_options.hpp"

#include <iostream>

#include <planner/catalog.hpp>
#include <planner/overlay.hpp>

#include "cli/flags/options.hpp"

namespace planner::cli {

bool has_overlay(const OverlayFlags& flags) { return !flags.assume.empty() || !flags.files.empty(); }

Matrix apply_overlay_flags(const OverlayFlags& flags, const Matrix& matrix, MissingCell missing) {
    if (!has_overlay(flags)) return matrix;
    std::vector<CellAssumption> assumptions;
    for (const std::string& file : flags.files) {
        auto cells = read_overlay_file(file, Catalog::builtin(), &matrix);
        assumptions.insert(assumptions.end(), cells.begin(), cells.end());
    }
    for (const std::string& item : split_names("--assume", flags.assume))
        assumptions.push_back(parse_assumption(item, Catalog::builtin(), &matrix));
    OverlaidMatrix overlaid = apply_overlay(matrix, assumptions, missing);
    for (const std::string& note : overlaid.notes) std::cerr << "planner: note: " << note << "\n";
    return std::move(overlaid.matrix);
}

}  // namespace planner::cli
