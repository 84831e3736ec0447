#pragma once
// --assume and --overlay: the user's corrections of published cells, applied
// to the chosen matrix before any question is asked (include/planner/overlay.hpp).
#include <string>
#include <vector>

#include <planner/matrix.hpp>
#include <planner/overlay.hpp>

namespace planner::cli {

struct OverlayFlags {
    std::vector<std::string> assume;  // as typed; each a comma list of items
    std::vector<std::string> files;   // planner-overlay/1 documents
};

bool has_overlay(const OverlayFlags& flags);

// The matrix with every assumption applied, files first, then --assume in the
// order given. Notes (an assumption that changes nothing) go to stderr. A bad
// item or file throws UsageError / InputError naming it (exit 2).
Matrix apply_overlay_flags(const OverlayFlags& flags, const Matrix& matrix,
                           MissingCell missing = MissingCell::error);

}  // namespace planner::cli
