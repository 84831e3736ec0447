#include "cli/render/text.hpp"

#include <algorithm>

#include "cli/render/assumed.hpp"
#include "cli/render/derivation.hpp"
#include "cli/render/rules_text.hpp"
#include "cli/render/suggested_command.hpp"

namespace planner::cli {

namespace {

std::string count(size_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string heading(const Report& report, const Style& style) {
    std::string hardware = report.result.plan.hardware.empty() ? report.request.hardware
                                                               : report.result.plan.hardware;
    return style.bold(std::string(to_string(report.question))) + " on " + style.bold(hardware) + " " +
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
            // The first partner decided it; a --must or --prefer one says so.
            std::vector<std::string> names = partners(reason);
            if (!names.empty()) {
                const auto& must = report.request.must;
                const auto& prefer = report.request.prefer;
                if (std::find(must.begin(), must.end(), names.front()) != must.end()) names.front() += " (--must)";
                else if (std::find(prefer.begin(), prefer.end(), names.front()) != prefer.end())
                    names.front() += " (--prefer)";
            }
            out += wrap_words(prefix + "does not work with ", names, ", ", indent);
            for (const CellRef& cell : reason.cells)
                if (has_evidence(cell)) out += cell_line(cell, *report.matrix, style, indent);
        } else if (reason.reason == "rule") {
            out += prefix + "turning it on breaks a rule with this plan:\n";
            for (const RuleRef& rule : reason.rules) {
                out += indent + rule_citation(rule) + ": " + rule_claim(rule) + "\n";
                out += rule_evidence(rule, style, indent + "  ");
            }
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

// Said every time: a list copied from a running server rarely names what
// vLLM turns on by itself, so the exact form of --have turns it off.
std::string defaults_off_line(const Report& report, const Style& style) {
    if (report.defaults_off.empty()) return "";
    return wrap_words(style.warn("off against vLLM " + report.defaults_release + "'s defaults") + " (" +
                          std::to_string(report.defaults_off.size()) + "): ",
                      report.defaults_off, " ", "  ");
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
        out += indent + "$ " + alternative_command_line(report, alternative) + "\n";
        out += wrap_words(indent + "on: ", alternative.plan.features, " ", indent + "    ");
        std::vector<std::string> risks;
        for (const CellRef& cell : alternative.plan.risks) risks.push_back(cell_citation(cell, *report.matrix));
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
        out += render_derivation(conflicts[i], *report.matrix, report.request, style, "  ", report.hardware_arg);
    }
    return out;
}

// What a cut search found, in the terms of its command: an explain that found
// no conflict set yet says nothing about the request, and says so.
std::string timeout_found(const Report& report) {
    const Result& result = report.result;
    if (report.question == Question::explain)
        return result.conflicts.empty()
                   ? "; no conflict set was found before it, so this answer says nothing about whether the "
                     "request is feasible (a larger --timeout-ms, or 0 for no limit, may tell)"
                   : "; the conflict sets below were found before it, and more may exist";
    if (report.question == Question::enumerate)
        return result.plans.empty() ? "; no maximal set was found before it"
                                    : "; the sets below were found before it, and more may exist";
    return result.has_plan() ? "; what follows is the best found so far, not proven optimal" : "";
}

std::string timeout_note(const Report& report, const Style& style) {
    if (report.result.status != Status::timeout) return "";
    return style.warn("timeout") + ": " +
           (report.result.message.empty() ? "the solver gave up" : report.result.message) + timeout_found(report) +
           "\n";
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
    if (result.status == Status::timeout && !result.has_plan())
        return out + "no plan that honours the whole request was found before the time limit\n";
    out += features_line(style.good("on"), result.plan.features);
    out += defaults_off_line(report, style);
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += plan_rules_block(report, result.plan, style);
    out += assumed_block(report, style);
    out += off_block(report, style);
    return out;
}

std::string check_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style) + ": ";
    out += result.status == Status::ok ? style.good("valid") : style.bad("invalid");
    out += "\n";
    // As typed, unless vLLM's overrides changed the set: then the features
    // vLLM runs, which the answer judged.
    std::vector<std::string> typed = report.request.have, run = result.plan.features;
    std::sort(typed.begin(), typed.end());
    typed.erase(std::unique(typed.begin(), typed.end()), typed.end());
    std::sort(run.begin(), run.end());
    out += features_line("features", typed == run ? report.request.have : result.plan.features);
    out += defaults_off_line(report, style);
    if (!result.violations.empty())
        out += style.bad("violated") + " (" + std::to_string(result.violations.size()) + "):\n" +
               cells_block(result.violations, *report.matrix, style, "  ");
    if (!result.rule_violations.empty()) {
        out += style.bad("rules broken") + " (" + std::to_string(result.rule_violations.size()) + "):\n";
        for (const RuleRef& rule : result.rule_violations) {
            out += "  " + rule_citation(rule) + ": " + rule_claim(rule) + "\n";
            out += rule_evidence(rule, style, "    ");
        }
    }
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += plan_rules_block(report, result.plan, style);
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

std::string changes_words(const std::vector<Change>& changes) {
    std::string out;
    for (const Change& change : changes) out += (out.empty() ? "" : ", ") + change_text(change);
    return out.empty() ? "no changes" : out;
}

// Never hides an equally small repair: the count, then each, the chosen one first.
std::string tied_block(const Report& report) {
    const Result& result = report.result;
    if (result.tied_count < 2) return "";
    std::string out = std::string(result.tied_count_exact ? "" : "at least ") + std::to_string(result.tied_count) +
                      " repairs share the smallest cost; the first by the tie-break (fewest risks, then earlier "
                      "features in matrix order, then the requested hardware) is shown above";
    out += result.tied_repairs.size() < result.tied_count
               ? " (" + std::to_string(result.tied_repairs.size()) + " listed, --limit for more):\n"
               : ":\n";
    const size_t width = std::to_string(result.tied_repairs.size()).size() + 1;
    for (size_t i = 0; i < result.tied_repairs.size(); ++i) {
        const Repair& repair = result.tied_repairs[i];
        std::string prefix(2, ' ');
        prefix.append(pad_left(std::to_string(i + 1) + ".", width)).append(" ");
        prefix.append(changes_words(repair.changes)).append(": ");
        std::vector<std::string> items = repair.plan.features;
        items.push_back(std::string("(").append(count(repair.plan.risks.size(), "risk")).append(")"));
        out += wrap_words(prefix, items, " ", std::string(width + 4, ' '));
    }
    return out;
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
    if (result.status == Status::timeout && !result.has_plan())
        return out + "no valid configuration that honours the whole request was found before the time limit\n";
    if (result.changes.empty()) {
        out += style.good("already valid") + ": no changes\n";
    } else {
        std::vector<std::string> changes;
        for (const Change& change : result.changes) changes.push_back(change_text(change));
        out += wrap_words("changes (" + std::to_string(changes.size()) + "): ", changes, ", ", "  ");
    }
    out += features_line(style.good("on"), result.plan.features);
    out += defaults_off_line(report, style);
    out += risks_block(result.plan.risks, *report.matrix, style);
    out += plan_rules_block(report, result.plan, style);
    out += assumed_block(report, style);
    out += tied_block(report);
    return out;
}

std::string explain_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    std::string out = heading(report, style);
    if (result.status == Status::ok && result.conflicts.empty())
        return out + ": " + style.good("feasible") + ", nothing in the request conflicts\n";
    out += ": ";
    out += (result.status == Status::timeout ? style.warn("timeout") : style.bad("infeasible")) + ", " +
           count(result.conflicts.size(), "minimal conflict set") +
           (result.status == Status::timeout ? " found before the time limit" : "") + "\n";
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
    // A cut enumeration never states a total it did not reach.
    out += ": " + (result.status == Status::timeout ? "at least " : std::string()) +
           count(result.plans.size(), "maximal feature set") +
           (result.status == Status::timeout ? " (found before the time limit)" : "") + "\n";
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
        if (rules_take_part(report)) {
            std::string rules = plan_rules_block(report, plan, style);
            for (size_t start = 0; start < rules.size();) {
                const size_t end = rules.find('\n', start);
                out += std::string(prefix.size(), ' ') + rules.substr(start, end - start + 1);
                start = end + 1;
            }
        }
    }
    return out;
}

}  // namespace

namespace {

std::string body_text(const Report& report, const Style& style) {
    switch (report.question) {
    case Question::maximize: return maximize_text(report, style);
    case Question::check: return check_text(report, style);
    case Question::repair: return repair_text(report, style);
    case Question::explain: return explain_text(report, style);
    case Question::enumerate: return enumerate_text(report, style);
    }
    return heading(report, style) + "\n";
}

}  // namespace

std::string render_report_text(const Report& report, const Style& style) {
    std::string out = body_text(report, style);
    // Right under the heading line: they say what the answer rests on.
    std::string notes;
    for (const std::string& note : report.result.notes) notes += style.warn("note") + ": " + note + "\n";
    const size_t heading_end = out.find('\n');
    out.insert(heading_end == std::string::npos ? out.size() : heading_end + 1, notes);
    return out;
}

}  // namespace planner::cli
