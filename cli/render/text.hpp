#pragma once
// The text renderer shared by the planning commands: what a person reads.
// Every "no" comes with the cell that says it, its link and footnote text.
#include <string>

#include <planner/check.hpp>

#include "cli/render/report.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

// "LoRA x SD ❌ no" or "CP on Volta ❌ no": the labels of the document, so
// the cell can be found by eye.
std::string cell_citation(const CellRef& cell, const Matrix& matrix);

// The cell's links and footnote texts, one per line, each prefixed by `indent`.
std::string cell_evidence(const CellRef& cell, const Matrix& matrix, std::string_view indent);

// The citation with its links on one line, footnote texts (and the reason
// for an assumed value) on the lines below.
std::string cell_line(const CellRef& cell, const Matrix& matrix, const Style& style, std::string_view indent);
bool has_evidence(const CellRef& cell);

// `items` after `first_prefix`, separated, wrapped before `width` columns with
// continuation lines starting with `indent`; ends with a newline.
std::string wrap_words(std::string_view first_prefix, const std::vector<std::string>& items,
                       std::string_view separator, std::string_view indent, size_t width = 100);

std::string render_report_text(const Report& report, const Style& style);

}  // namespace planner::cli
