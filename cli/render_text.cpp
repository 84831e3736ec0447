#include "cli/render_text.hpp"

#include "cli/command_line.hpp"
#include "cli/render_derivation.hpp"

namespace planner::cli {

namespace {

std::string words(const std::vector<std::string>& items) {
    if (items.empty()) return "(none)";
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
    return out;
}

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
    for (const CellRef& cell : cells) {
        out += std::string(indent) + cell_citation(cell) + "\n";
        std::string evidence = cell_evidence(cell, matrix, std::string(indent) + "  ");
        out += style.dim(evidence);
    }
    return out;
}

std::string risks_block(const std::vector<CellRef>& risks, const Matrix& matrix, const Style& style) {
    if (risks.empty()) return "risks: none\n";
    return style.warn("risks") + " (" + std::to_string(risks.size()) + ", uncertain cells this plan relies on):\n" +
           cells_block(risks, matrix, style, "  ");
}

// The other feature of a pair cell that mentions `feature`.
std::string partner(const CellRef& cell, const std::string& feature) {
    return cell.row == feature ? cell.column : cell.row;
}

std::string off_reason_text(const OffReason& off) {
    std::vector<std::string> partners;
    for (const CellRef& cell : off.cells)
        if (cell.kind == CellRef::Kind::pair) partners.push_back(partner(cell, off.feature));
    if (off.reason == "never") return "you asked for it off (--never)";
    if (off.reason == "unsupported") return "not supported on this hardware";
    if (off.reason == "conflict") return "does not work with " + words(partners);
    if (off.reason == "forbidden-uncertain") return "its cell is uncertain and the policy forbids it";
    if (off.reason == "trade-off")
        return "conflicts with " + words(partners) + ", which together are worth more";
    return off.reason;
}

std::string off_block(const Report& report, const Style& style) {
    const auto& off = report.result.off;
    if (off.empty()) return "";
    size_t width = 0;
    for (const OffReason& reason : off) width = std::max(width, reason.feature.size());
    std::string out = "off (" + std::to_string(off.size()) + "):\n";
    for (const OffReason& reason : off) {
        out += "  " + pad_right(reason.feature, width) + "  " + off_reason_text(reason) + "\n";
        std::string indent(width + 4, ' ');
        out += cells_block(reason.cells, *report.matrix, style, indent);
    }
    return out;
}

std::string criteria_block(const Report& report) {
    std::string out = "criteria, most important first:\n";
    for (size_t i = 0; i < report.result.criteria.size(); ++i)
        out += "  " + std::to_string(i + 1) + ". " + report.result.criteria[i] + "\n";
    return out;
}

std::string plan_summary(const Plan& plan) {
    std::string risks;
    for (const CellRef& cell : plan.risks) risks += (risks.empty() ? "" : "; ") + cell_citation(cell);
    return "on: " + words(plan.features) + "\n" + "risks: " + (risks.empty() ? "none" : risks) + "\n";
}

std::string alternatives_block(const Report& report, const Style& style) {
    const auto& alternatives = report.result.alternatives;
    if (alternatives.empty()) return "no nearby feasible request found\n";
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
        std::string summary = plan_summary(alternative.plan);
        for (size_t start = 0; start < summary.size();) {
            size_t end = summary.find('\n', start);
            out += indent + summary.substr(start, end - start) + "\n";
            start = end + 1;
        }
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
           "; the best plan found so far follows, not proven optimal\n";
}

std::string maximize_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::infeasible) {
        out += ": " + style.bad("infeasible") + "\n";
        out += report.explain_order ? criteria_block(report) : "";
        out += "\nWhy no plan exists:\n";
        out += conflicts_block(report, style) + "\n" + alternatives_block(report, style);
        return out;
    }
    out += "\n";
    out += timeout_note(report, style);
    if (report.explain_order) out += criteria_block(report);
    out += style.good("on") + " (" + std::to_string(result.plan.features.size()) + "): " +
           words(result.plan.features) + "\n";
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += off_block(report, style);
    return out;
}

std::string check_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style) + ": ";
    out += result.status == Status::ok ? style.good("valid") : style.bad("invalid");
    out += "\nfeatures: ";
    out += words(report.request.have) + "\n";
    if (!result.violations.empty())
        out += style.bad("violated") + " (" + std::to_string(result.violations.size()) + "):\n" +
               cells_block(result.violations, *report.matrix, style, "  ");
    out += risks_block(result.plan.risks, *report.matrix, style);
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
        return out + ": " + style.bad("infeasible") + " (no change within the allowed ones makes it valid)\n" +
               conflicts_block(report, style);
    }
    out += "\n";
    out += timeout_note(report, style);
    if (result.changes.empty()) {
        out += style.good("already valid") + ": no changes\n";
    } else {
        out += "changes (" + std::to_string(result.changes.size()) + "):";
        for (const Change& change : result.changes) {
            out += " ";
            out += change_text(change);
        }
        out += "\n";
    }
    out += style.good("on") + " (" + std::to_string(result.plan.features.size()) + "): " +
           words(result.plan.features) + "\n";
    out += risks_block(result.plan.risks, *report.matrix, style);
    return out;
}

std::string explain_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::ok && result.conflicts.empty())
        return out + ": " + style.good("feasible") + ", nothing in the request conflicts\n";
    out += ": " + (result.status == Status::timeout ? style.warn("timeout") : style.bad("infeasible")) +
           ", " + count(result.conflicts.size(), "minimal conflict set") + "\n";
    if (result.status == Status::timeout) out += timeout_note(report, style);
    return out + conflicts_block(report, style);
}

std::string enumerate_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::infeasible)
        return out + ": " + style.bad("infeasible") + ", no valid feature set honours the request\n" +
               conflicts_block(report, style);
    out += ": " + count(result.plans.size(), "maximal feature set") + "\n" + timeout_note(report, style);
    for (size_t i = 0; i < result.plans.size(); ++i) {
        const Plan& plan = result.plans[i];
        std::string number = std::to_string(i + 1) + ".";
        out += pad_left(number, std::to_string(result.plans.size()).size() + 1) + " " + words(plan.features) +
               style.dim("  (" + count(plan.features.size(), "feature") + ", " + count(plan.risks.size(), "risk") + ")") +
               "\n";
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
