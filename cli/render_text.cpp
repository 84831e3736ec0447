#include "cli/render_text.hpp"

#include "cli/command_line.hpp"
#include "cli/render_assumed.hpp"
#include "cli/render_derivation.hpp"

namespace planner::cli {

namespace {

std::string count(size_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string heading(const Report& report, const Style& style) {
    std::string hardware = report.result.plan.hardware.empty() ? report.request.hardware
                                                               : report.result.plan.hardware;
    return style.bold(report.command) + " on " + style.bold(hardware) + " " +
           style.dim("(matrix " + report.matrix->id + ")");
}

std::string cells_block(const std::vector<CellRef>& cells, const Matrix& matrix, const Style& style,
                        std::string_view indent) {
    std::string out;
    for (const CellRef& cell : cells) out += cell_line(cell, matrix, style, indent);
    return out;
}

std::string features_line(std::string_view label, const std::vector<std::string>& features) {
    std::string prefix = std::string(label) + " (" + std::to_string(features.size()) + "): ";
    if (features.empty()) return prefix + "none\n";
    return wrap_words(prefix, features, " ", std::string(prefix.size(), ' '));
}

std::string risks_block(const std::vector<CellRef>& risks, const Matrix& matrix, const Style& style) {
    if (risks.empty()) return "risks: none\n";
    return style.warn("risks") + " (" + std::to_string(risks.size()) +
           ", uncertain cells this plan relies on):\n" + cells_block(risks, matrix, style, "  ");
}

// The features a left-off feature would clash with, from its pair cells.
std::vector<std::string> partners(const OffReason& off) {
    std::vector<std::string> out;
    for (const CellRef& cell : off.cells)
        if (cell.kind == CellRef::Kind::pair) out.push_back(cell.row == off.feature ? cell.column : cell.row);
    return out;
}

std::string off_block(const Report& report, const Style& style) {
    const auto& off = report.result.off;
    if (off.empty()) return "";
    size_t width = 0;
    for (const OffReason& reason : off) width = std::max(width, reason.feature.size());
    const std::string indent(width + 4, ' ');
    std::string out = "off (" + std::to_string(off.size()) + "):\n";
    for (const OffReason& reason : off) {
        std::string prefix = "  " + pad_right(reason.feature, width) + "  ";
        if (reason.reason == "never") {
            out += prefix + "you asked for it off (--never)\n";
        } else if (reason.reason == "conflict") {
            // Name every partner; cite only the cells that carry evidence,
            // the rest are plain "no" cells that the list already names.
            out += wrap_words(prefix + "does not work with ", partners(reason), ", ", indent);
            for (const CellRef& cell : reason.cells)
                if (has_evidence(cell)) out += cell_line(cell, *report.matrix, style, indent);
        } else if (reason.reason == "trade-off") {
            out += prefix + (reason.cells.empty() ? "would fit, but adds nothing to the criteria\n"
                                                  : "would fit, but only by relying on uncertain cells:\n");
            out += cells_block(reason.cells, *report.matrix, style, indent);
        } else {
            std::string hardware = report.result.plan.hardware.empty() ? report.request.hardware
                                                                       : report.result.plan.hardware;
            std::string what = reason.reason == "unsupported"           ? "not supported on " + hardware + ":"
                               : reason.reason == "forbidden-uncertain" ? "its cell is uncertain and the policy forbids it:"
                                                                        : reason.reason;
            if (reason.cells.size() == 1) {  // the one hardware cell fits on the same line
                out += prefix + what + " " + cell_line(reason.cells.front(), *report.matrix, style, indent).substr(indent.size());
            } else {
                out += prefix + what + "\n" + cells_block(reason.cells, *report.matrix, style, indent);
            }
        }
    }
    return out;
}

std::string criteria_block(const Report& report) {
    std::string out = "criteria, most important first:\n";
    for (size_t i = 0; i < report.result.criteria.size(); ++i)
        out += "  " + std::to_string(i + 1) + ". " + report.result.criteria[i] + "\n";
    return out;
}

std::string alternatives_block(const Report& report, const Style& style) {
    const auto& alternatives = report.result.alternatives;
    if (alternatives.empty()) return "No nearby feasible request found.\n";
    std::string out = style.bold("Nearest feasible requests") + " (smallest change first):\n";
    for (size_t i = 0; i < alternatives.size(); ++i) {
        const Alternative& alternative = alternatives[i];
        std::string change;
        for (const auto& id : alternative.dropped) change += (change.empty() ? "drop " : ", drop ") + id;
        std::string hardware = alternative.plan.hardware.empty() ? alternative.hardware : alternative.plan.hardware;
        if (!hardware.empty() && hardware != report.request.hardware)
            change += (change.empty() ? "" : ", ") + std::string("switch to ") + hardware;
        std::string number = std::to_string(i + 1) + ". ";
        std::string indent(2 + number.size(), ' ');
        out += "  " + number + style.bold(change) + ": " + count(alternative.plan.features.size(), "feature") +
               ", " + count(alternative.plan.risks.size(), "risk") + "\n";
        out += indent + "$ " + alternative_command_line(report.request, alternative, report.matrix_arg) + "\n";
        out += wrap_words(indent + "on: ", alternative.plan.features, " ", indent + "    ");
        std::vector<std::string> risks;
        for (const CellRef& cell : alternative.plan.risks) risks.push_back(cell_citation(cell));
        if (risks.empty())
            out += indent + "risks: none\n";
        else
            out += wrap_words(indent + "risks: ", risks, "; ", indent + "       ");
    }
    return out;
}

std::string conflicts_block(const Report& report, const Style& style) {
    const auto& conflicts = report.result.conflicts;
    std::string out;
    for (size_t i = 0; i < conflicts.size(); ++i) {
        if (conflicts.size() > 1)
            out += "conflict " + std::to_string(i + 1) + " of " + std::to_string(conflicts.size()) + ":\n";
        out += render_derivation(conflicts[i], *report.matrix, report.request, style, "  ");
    }
    return out;
}

std::string timeout_note(const Report& report, const Style& style) {
    if (report.result.status != Status::timeout) return "";
    return style.warn("timeout") + ": " +
           (report.result.message.empty() ? "the solver gave up" : report.result.message) +
           "; what follows is the best found so far, not proven optimal\n";
}

std::string maximize_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::infeasible) {
        out += ": " + style.bad("infeasible") + "\n";
        if (report.explain_order) out += criteria_block(report);
        out += "\nWhy no plan exists:\n";
        out += conflicts_block(report, style) + "\n" + alternatives_block(report, style);
        return out;
    }
    out += "\n";
    out += timeout_note(report, style);
    if (report.explain_order) out += criteria_block(report);
    if (result.status == Status::timeout && result.plan.hardware.empty())
        return out + "no plan found before the time limit\n";
    out += features_line(style.good("on"), result.plan.features);
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += assumed_block(report, style);
    out += off_block(report, style);
    return out;
}

std::string check_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style) + ": ";
    out += result.status == Status::ok ? style.good("valid") : style.bad("invalid");
    out += "\n";
    out += features_line("features", report.request.have);
    if (!result.violations.empty())
        out += style.bad("violated") + " (" + std::to_string(result.violations.size()) + "):\n" +
               cells_block(result.violations, *report.matrix, style, "  ");
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += assumed_block(report, style);
    return out;
}

std::string change_text(const Change& change) {
    switch (change.kind) {
        case Change::Kind::add: return "+" + change.feature;
        case Change::Kind::remove: return "-" + change.feature;
        case Change::Kind::hardware: return "hw: " + change.from + " -> " + change.to;
    }
    return "";
}

std::string repair_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::infeasible) {
        out += ": " + style.bad("infeasible") + " (no change within the allowed ones makes it valid)\n";
        return out + conflicts_block(report, style);
    }
    out += "\n";
    out += timeout_note(report, style);
    if (result.status == Status::timeout && result.plan.hardware.empty())
        return out + "no valid configuration found before the time limit\n";
    if (result.changes.empty()) {
        out += style.good("already valid") + ": no changes\n";
    } else {
        std::vector<std::string> changes;
        for (const Change& change : result.changes) changes.push_back(change_text(change));
        out += wrap_words("changes (" + std::to_string(changes.size()) + "): ", changes, ", ", "  ");
    }
    out += features_line(style.good("on"), result.plan.features);
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += assumed_block(report, style);
    return out;
}

std::string explain_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::ok && result.conflicts.empty())
        return out + ": " + style.good("feasible") + ", nothing in the request conflicts\n";
    out += ": ";
    out += (result.status == Status::timeout ? style.warn("timeout") : style.bad("infeasible")) + ", " +
           count(result.conflicts.size(), "minimal conflict set") + "\n";
    out += timeout_note(report, style);
    return out + conflicts_block(report, style);
}

std::string enumerate_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::infeasible) {
        out += ": " + style.bad("infeasible") + ", no valid feature set honours the request\n";
        return out + conflicts_block(report, style);
    }
    out += ": " + count(result.plans.size(), "maximal feature set") + "\n";
    out += timeout_note(report, style);
    const size_t number_width = std::to_string(result.plans.size()).size() + 1;
    for (size_t i = 0; i < result.plans.size(); ++i) {
        const Plan& plan = result.plans[i];
        std::string prefix = pad_left(std::to_string(i + 1) + ".", number_width) + " ";
        std::string summary = "(";
        summary += count(plan.features.size(), "feature") + ", " + count(plan.risks.size(), "risk") + ")";
        summary = style.dim(summary);
        std::vector<std::string> items = plan.features;
        items.push_back(summary);
        out += wrap_words(prefix, items, " ", std::string(prefix.size(), ' '));
    }
    return out;
}

}  // namespace

std::string render_report_text(const Report& report, const Style& style) {
    if (report.command == "maximize") return maximize_text(report, style);
    if (report.command == "check") return check_text(report, style);
    if (report.command == "repair") return repair_text(report, style);
    if (report.command == "explain") return explain_text(report, style);
    if (report.command == "enumerate") return enumerate_text(report, style);
    return heading(report, style) + "\n";
}

}  // namespace planner::cli
