#pragma once
// The conflict graph of a matrix on one hardware class, as Graphviz DOT text
// (`planner graph`): what the tables say, drawn so a reader sees at a glance
// which features cannot go together.
//
//   node    one per feature, in document order. Unsupported on the hardware
//           ("no"): grey and dashed; partial or unknown there: dashed; the
//           second label line gives the cell value ("no on cpu").
//   edge    one per pair cell that is not yes or blank:
//             no                 solid, red
//             partial / unknown  dashed, labelled with the value and footnote marks
//           Tooltips carry the footnote texts and links; the first link is the
//           edge's URL, so it is clickable in SVG.
//   overlay a cell an overlay changed says "assumed" with the published value;
//           one assumed to work (yes/blank) stays as a dotted grey edge, so the
//           picture shows the assumption instead of hiding it.
//   plan    the features of a plan are filled.
// The text depends only on the matrix, the hardware and the plan: same input,
// same bytes (fixed order, ids are the canonical feature ids, labels escaped).
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

struct GraphOptions {
    std::vector<std::string> plan;  // canonical feature ids to highlight; empty: none
};

// Throws UsageError when the matrix has no column for `hardware` or a plan
// feature is not in the matrix.
std::string conflict_graph_dot(const Matrix& matrix, std::string_view hardware,
                               const GraphOptions& options = {});

}  // namespace planner
