#include "cli/render/assumed.hpp"

#include <algorithm>

#include "cli/render/text.hpp"
#include "model/facts/assumed_cells.hpp"

namespace planner::cli {

namespace {

bool overlaid(const Matrix& matrix) {
    return std::any_of(matrix.pairs.begin(), matrix.pairs.end(), [](const PairCell& c) { return c.overridden; }) ||
           std::any_of(matrix.support.begin(), matrix.support.end(),
                       [](const SupportCell& c) { return c.overridden.has_value(); });
}

bool listed(const std::vector<CellRef>& cells, const CellRef& cell) {
    return std::find(cells.begin(), cells.end(), cell) != cells.end();
}

}  // namespace

std::vector<CellRef> unlisted_assumptions(const Report& report) {
    const Result& result = report.result;
    std::string hardware = result.plan.hardware.empty() ? report.request.hardware : result.plan.hardware;
    if (hardware.empty() || !report.matrix->has_hardware(hardware)) return {};
    std::vector<CellRef> out;
    for (CellRef& cell : assumed_cells(*report.matrix, hardware, result.plan.features))
        if (!listed(result.plan.risks, cell) && !listed(result.violations, cell)) out.push_back(std::move(cell));
    return out;
}

std::string assumed_block(const Report& report, const Style& style) {
    std::vector<CellRef> cells = unlisted_assumptions(report);
    if (cells.empty()) return "";
    std::string out = style.warn("assumed");
    out.append(" (").append(std::to_string(cells.size())).append(", overridden cells this plan relies on):\n");
    for (const CellRef& cell : cells) out += cell_line(cell, *report.matrix, style, "  ");
    return out;
}

void add_assumed_json(ordered_json& document, const Report& report) {
    if (!overlaid(*report.matrix)) return;
    document["assumed"] = cells_json(unlisted_assumptions(report), *report.matrix);
}

}  // namespace planner::cli
