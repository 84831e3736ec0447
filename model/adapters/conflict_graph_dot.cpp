#include "model/adapters/conflict_graph_dot.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include "model/io/strings.hpp"

namespace planner {

namespace {

// A DOT double-quoted string. Backslash starts DOT escapes (\n, \N, \G, ...),
// so a literal one is doubled; a newline becomes DOT's line break.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

using Attributes = std::vector<std::pair<std::string, std::string>>;

std::string attribute_list(const Attributes& attributes) {
    std::string out = " [";
    for (size_t i = 0; i < attributes.size(); ++i)
        out += (i ? ", " : "") + attributes[i].first + "=" + quoted(attributes[i].second);
    return out + "]";
}

// "no", or "assumed yes (published no)" for a cell an overlay changed.
std::string value_text(CellValue value, const std::optional<CellOverride>& overridden) {
    std::string text(to_string(value));
    if (!overridden) return text;
    return "assumed " + text + " (published " + std::string(to_string(overridden->published)) + ")";
}

// Everything a reader may want when hovering: the override, footnotes, links.
std::string evidence(const Matrix& matrix, std::string heading, const std::vector<std::string>& marks,
                     const std::vector<std::string>& links, const std::optional<CellOverride>& overridden) {
    std::string out = std::move(heading);
    if (overridden) {
        out += "\nassumed by " + overridden->origin;
        if (!overridden->reason.empty()) out += ": " + overridden->reason;
        if (!overridden->link.empty()) out += "\n" + overridden->link;
    }
    for (const auto& mark : marks) {
        auto it = matrix.footnotes.find(mark);
        out += "\n" + mark + " " + (it == matrix.footnotes.end() ? std::string("(no footnote text)") : it->second);
    }
    for (const auto& link : links) out += "\n" + link;
    return out;
}

// The override's link backs the value the graph draws, so it wins over the published ones.
std::optional<std::string> first_link(const std::vector<std::string>& links,
                                      const std::optional<CellOverride>& overridden) {
    if (overridden && !overridden->link.empty()) return overridden->link;
    if (!links.empty()) return links.front();
    return std::nullopt;
}

// The catalog's name, else the name the matrix gives an id the catalog lacks.
std::string feature_name(std::string_view id, const Matrix& matrix) {
    const CatalogEntry* entry = Catalog::builtin().find_feature(id);
    if (entry && entry->id == id) return entry->name;
    auto named = matrix.feature_names.find(std::string(id));
    return named == matrix.feature_names.end() ? std::string(id) : named->second;
}

std::string node_line(const Matrix& matrix, const std::string& feature, std::string_view hardware,
                      bool in_plan) {
    const SupportCell* cell = matrix.support_cell(feature, hardware);
    CellValue value = cell ? cell->value : CellValue::blank;
    std::optional<CellOverride> overridden = cell ? cell->overridden : std::nullopt;
    const std::string hw(hardware);

    std::string label = feature;
    if (value == CellValue::no || is_uncertain(value) || overridden)
        label.append("\n").append(value_text(value, overridden)).append(" on ").append(hw);
    Attributes attributes = {{"label", label}};
    std::vector<std::string> style = {"rounded"};
    if (value == CellValue::no || is_uncertain(value)) style.push_back("dashed");
    if (in_plan) style.push_back("filled");
    if (style.size() > 1) attributes.emplace_back("style", join(style, ","));
    if (value == CellValue::no) {
        attributes.emplace_back("color", "grey60");
        attributes.emplace_back("fontcolor", "grey50");
    }
    if (in_plan) attributes.emplace_back("fillcolor", "palegreen");
    std::string heading = feature_name(feature, matrix) + "\n" + hw + ": " + value_text(value, overridden);
    attributes.emplace_back("tooltip", cell ? evidence(matrix, heading, cell->marks, cell->links, overridden)
                                            : heading);
    if (cell)
        if (auto url = first_link(cell->links, overridden)) attributes.emplace_back("URL", *url);
    return "  " + quoted(feature) + attribute_list(attributes) + ";\n";
}

// Empty when the cell draws no edge: it works (yes) or says nothing (blank).
std::string edge_line(const Matrix& matrix, const PairCell& cell) {
    Attributes attributes;
    std::string label;
    if (cell.value == CellValue::no) {
        attributes = {{"color", "red3"}, {"penwidth", "1.5"}};
        if (cell.overridden) label = value_text(cell.value, cell.overridden);
    } else if (is_uncertain(cell.value)) {
        attributes = {{"style", "dashed"},
                      {"color", cell.value == CellValue::partial ? "darkorange" : "royalblue"}};
        label = value_text(cell.value, cell.overridden);
    } else if (cell.overridden) {
        attributes = {{"style", "dotted"}, {"color", "grey60"}, {"fontcolor", "grey50"}};
        label = value_text(cell.value, cell.overridden);
    } else {
        return {};
    }
    if (!cell.marks.empty()) label.append(label.empty() ? "" : " ").append(join(cell.marks, " "));
    if (!label.empty()) attributes.emplace_back("label", label);
    std::string heading = cell.a + " x " + cell.b + ": " + value_text(cell.value, cell.overridden);
    attributes.emplace_back("tooltip", evidence(matrix, heading, cell.marks, cell.links, cell.overridden));
    if (auto url = first_link(cell.links, cell.overridden)) attributes.emplace_back("URL", *url);
    return "  " + quoted(cell.a) + " -- " + quoted(cell.b) + attribute_list(attributes) + ";\n";
}

}  // namespace

std::string conflict_graph_dot(const Matrix& matrix, std::string_view hardware, const GraphOptions& options) {
    if (!matrix.has_hardware(hardware))
        throw UsageError("hardware '" + std::string(hardware) + "' has no column in matrix " + matrix.id);
    for (const auto& feature : options.plan)
        if (!matrix.has_feature(feature))
            throw UsageError("plan feature '" + feature + "' is not in matrix " + matrix.id);

    const std::string hw(hardware);
    std::string out = "graph " + quoted(matrix.id + " on " + hw) + " {\n";
    std::string legend = "conflicts of " + matrix.id + " on " + hw +
                         "\nsolid: no   dashed: partial (orange) or unknown (blue)   grey: not supported on " + hw;
    if (!options.plan.empty()) legend += "   filled: the plan";
    // No layout attribute: dot's layered layout keeps edge labels beside their
    // edges, where circo and neato pile them up in the middle of the picture.
    out += "  graph" +
           attribute_list({{"label", legend}, {"labelloc", "t"}, {"fontname", "Helvetica"}}) +
           ";\n";
    out += "  node" + attribute_list({{"shape", "box"}, {"style", "rounded"}, {"fontname", "Helvetica"}}) + ";\n";
    out += "  edge" + attribute_list({{"fontname", "Helvetica"}, {"fontsize", "10"}}) + ";\n";

    for (const auto& feature : matrix.features) {
        bool in_plan = std::find(options.plan.begin(), options.plan.end(), feature) != options.plan.end();
        out += node_line(matrix, feature, hardware, in_plan);
    }
    // Row-major over the lower triangle, as the document prints it, whatever
    // order the cells are stored in.
    for (size_t i = 0; i < matrix.features.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (const PairCell* cell = matrix.pair(matrix.features[i], matrix.features[j]))
                out += edge_line(matrix, *cell);
    return out + "}\n";
}

}  // namespace planner
