// planner diff A B: what changed between two matrices (include/planner/diff.hpp).
#include <algorithm>
#include <iostream>

#include <planner/diff.hpp>
#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"
#include "cli/render/text.hpp"

namespace planner::cli {

namespace {

struct DiffFlags {
    std::string old_matrix, new_matrix;
    bool json = false;
};

// The two matrices compared, for the labels of their rows and columns: the
// newer one's, else the older one's (a row it removed).
struct Compared {
    const Matrix& old_matrix;
    const Matrix& new_matrix;

    std::string feature(const std::string& id) const {
        return feature_label(id, new_matrix.has_feature(id) ? new_matrix : old_matrix);
    }
    std::string hardware(const std::string& id) const {
        return hardware_label(id, new_matrix.has_hardware(id) ? new_matrix : old_matrix);
    }
    std::string where(const CellChange& change) const {
        if (change.kind == CellChange::Kind::pair) return feature(change.row) + " x " + feature(change.column);
        return feature(change.row) + " on " + hardware(change.column);
    }
};

std::string marks_text(const std::vector<std::string>& marks) {
    std::string out;
    for (const auto& mark : marks) out += mark;
    return out;
}

// Links that only one side has: the evidence a reader follows to see why it changed.
std::string links_lines(const CellChange& change, const Style& style) {
    std::string out;
    auto missing_from = [](const std::string& link, const std::vector<std::string>& links) {
        return std::find(links.begin(), links.end(), link) == links.end();
    };
    for (const auto& link : change.old_links)
        if (missing_from(link, change.new_links)) out += "      " + style.dim("- " + link) + "\n";
    for (const auto& link : change.new_links)
        if (missing_from(link, change.old_links)) out += "      " + style.dim("+ " + link) + "\n";
    return out;
}

std::string cells_text(std::string_view title, const std::vector<CellChange>& changes, const Compared& compared,
                       const Style& style) {
    std::string out = std::string(title) + " (" + std::to_string(changes.size()) + ")";
    if (changes.empty()) return out + ": none\n";
    out += ":\n";
    size_t width = 0;
    for (const auto& change : changes) width = std::max(width, display_width(compared.where(change)));
    for (const auto& change : changes) {
        out += "  " + pad_right(compared.where(change), width) + "  " + cell_value_text(change.old_value) +
               marks_text(change.old_marks) + " -> " + cell_value_text(change.new_value) +
               marks_text(change.new_marks) + "\n";
        out += links_lines(change, style);
    }
    return out;
}

std::string ids_line(std::string_view title, const std::vector<std::string>& ids) {
    std::string prefix = std::string(title) + " (" + std::to_string(ids.size()) + "): ";
    if (ids.empty()) return prefix + "none\n";
    return wrap_words(prefix, ids, " ", "  ");
}

std::string diff_text(const MatrixDiff& diff, const Compared& compared, const Style& style) {
    std::string out = style.bold("diff " + diff.old_id + " -> " + diff.new_id) + "\n";
    if (diff.empty()) return out + "the two matrices state the same cells\n";
    out += ids_line("features added", diff.features_added);
    out += ids_line("features removed", diff.features_removed);
    out += ids_line("hardware added", diff.hardware_added);
    out += ids_line("hardware removed", diff.hardware_removed);
    out += cells_text("cells changed", diff.value_changes, compared, style);
    out += cells_text("evidence changed (same value, other links or marks)", diff.evidence_changes, compared, style);
    if (!diff.diagonal_changes.empty()) {
        // The diagonal constrains nothing; one line per kind of change keeps it out of the way.
        out += "diagonal changed (" + std::to_string(diff.diagonal_changes.size()) + "):\n";
        std::vector<std::pair<std::string, std::vector<std::string>>> groups;
        for (const auto& change : diff.diagonal_changes) {
            std::string kind = cell_value_text(change.old_value) + " -> " + cell_value_text(change.new_value);
            auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == kind; });
            if (group == groups.end()) group = groups.insert(groups.end(), {kind, {}});
            group->second.push_back(change.feature);
        }
        for (const auto& [kind, features] : groups) out += wrap_words("  " + kind + ": ", features, " ", "    ");
    }
    if (!diff.footnote_changes.empty()) {
        out += "footnotes changed (" + std::to_string(diff.footnote_changes.size()) + "):\n";
        for (const auto& change : diff.footnote_changes) {
            out += "  " + change.mark + "\n";
            out += "    was: " + change.old_text.value_or("(none)") + "\n";
            out += "    now: " + change.new_text.value_or("(none)") + "\n";
        }
    }
    return out;
}

ordered_json side_json(CellValue value, const std::vector<std::string>& links,
                       const std::vector<std::string>& marks) {
    ordered_json out;
    out["value"] = to_string(value);
    out["links"] = links;
    out["marks"] = marks;
    return out;
}

ordered_json changes_json(const std::vector<CellChange>& changes) {
    ordered_json out = ordered_json::array();
    for (const auto& change : changes) {
        ordered_json item;
        item["kind"] = change.kind == CellChange::Kind::pair ? "pair" : "support";
        item["row"] = change.row;
        item["column"] = change.column;
        item["old"] = side_json(change.old_value, change.old_links, change.old_marks);
        item["new"] = side_json(change.new_value, change.new_links, change.new_marks);
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json optional_text(const std::optional<std::string>& text) {
    return text ? ordered_json(*text) : ordered_json(nullptr);
}

ordered_json diff_json(const MatrixDiff& diff) {
    ordered_json out = result_head("diff", "ok");
    out["old"] = diff.old_id;
    out["new"] = diff.new_id;
    out["identical"] = diff.empty();
    out["features_added"] = diff.features_added;
    out["features_removed"] = diff.features_removed;
    out["hardware_added"] = diff.hardware_added;
    out["hardware_removed"] = diff.hardware_removed;
    out["cells"] = changes_json(diff.value_changes);
    out["evidence"] = changes_json(diff.evidence_changes);
    ordered_json diagonal = ordered_json::array();
    for (const auto& change : diff.diagonal_changes) {
        ordered_json item;
        item["feature"] = change.feature;
        item["old"] = to_string(change.old_value);
        item["new"] = to_string(change.new_value);
        diagonal.push_back(std::move(item));
    }
    out["diagonal"] = std::move(diagonal);
    ordered_json footnotes = ordered_json::array();
    for (const auto& change : diff.footnote_changes) {
        ordered_json item;
        item["mark"] = change.mark;
        item["old"] = optional_text(change.old_text);
        item["new"] = optional_text(change.new_text);
        footnotes.push_back(std::move(item));
    }
    out["footnotes"] = std::move(footnotes);
    return out;
}

int run_diff(const DiffFlags& flags) {
    const Matrix old_matrix = load_matrix_saying_notes(flags.old_matrix);
    const Matrix new_matrix = load_matrix_saying_notes(flags.new_matrix);
    MatrixDiff diff = diff_matrices(old_matrix, new_matrix);
    if (flags.json)
        std::cout << dump_json(diff_json(diff));
    else
        std::cout << diff_text(diff, Compared{old_matrix, new_matrix}, Style::for_stdout(false));
    return 0;
}

}  // namespace

void add_diff_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<DiffFlags>();
    CLI::App* command = app.add_subcommand(
        "diff", "what changed from matrix A to matrix B: cells, features and hardware classes");
    command->add_option("A", flags->old_matrix, "the old matrix: id (planner matrix list) or file")
        ->required()
        ->type_name("ID|FILE")
        ->check(non_empty_value());
    command->add_option("B", flags->new_matrix, "the new matrix: id or file")
        ->required()
        ->type_name("ID|FILE")
        ->check(non_empty_value());
    add_table_flag(*command, "--json", flags->json);
    command->footer(example_footer({"planner diff vllm-0.6 vllm-0.8-zh", "planner diff vllm-0.6 my-matrix.json --json"}));
    commands.push_back({command, "diff", [flags] { return run_diff(*flags); }});
}

}  // namespace planner::cli
