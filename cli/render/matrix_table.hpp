#pragma once
// The two tables of a matrix for a terminal: symbols aligned in columns
// (✅❌🟠❔ are two columns wide), links and footnotes as a numbered legend
// under each table so the cells stay narrow.
#include <string>

#include <planner/matrix.hpp>

#include "cli/render/style.hpp"

namespace planner::cli {

// `hardware` empty: every column; otherwise only that hardware class.
std::string render_matrix_tables(const Matrix& matrix, const std::string& hardware, const Style& style);

}  // namespace planner::cli
