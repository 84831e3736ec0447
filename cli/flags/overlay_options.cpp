#include "cli/flags/overlay_options.hpp"

#include <iostream>

#include <planner/catalog.hpp>
#include <planner/overlay.hpp>

#include "cli/flags/options.hpp"

namespace planner::cli {

void add_overlay_options(CLI::App& command, OverlayFlags& flags) {
    command.add_option("--assume", flags.assume,
                       "treat a published cell as VALUE for this deployment: FEATURE:FEATURE=VALUE or "
                       "FEATURE@HARDWARE=VALUE (comma list, repeatable)")
        ->type_name("CELL=V,..")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("--overlay", flags.files,
                       "a planner-overlay/1 JSON file of assumed cells with reasons (repeatable)")
        ->type_name("FILE")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

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
