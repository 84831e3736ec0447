#include "cli/render/derivation.hpp"

#include <vector>

#include "cli/flags/request_fields.hpp"
#include "cli/render/rules_text.hpp"
#include "cli/render/text.hpp"

namespace planner::cli {

namespace {

struct Step {
    std::string claim;  // what holds
    std::string cause;  // why: a flag or a cell
    std::string evidence;
};

// The flag as typed: `--hw b200 (blackwell)`, not a `--hw blackwell` nobody wrote.
std::string hardware_cause(const std::string& hardware, std::string_view typed) {
    if (typed.empty() || typed == hardware) return "--hw " + hardware;
    return "--hw " + std::string(typed) + " (" + hardware + ")";
}

Step requirement_step(const Requirement& requirement, const Request& request, std::string_view hardware_typed) {
    const std::string& what = requirement.id;
    switch (requirement.kind) {
    case Requirement::Kind::must: return {"you require " + what, requirement_flag(requirement), ""};
    case Requirement::Kind::never: return {"you forbid " + what, requirement_flag(requirement), ""};
    case Requirement::Kind::hardware:
        return {"you run on " + what, hardware_cause(what, what == request.hardware ? hardware_typed : ""), ""};
    case Requirement::Kind::keep: return {"you keep " + what + " as it is", requirement_flag(requirement), ""};
    case Requirement::Kind::set: return {"you set " + what, requirement_flag(requirement), ""};
    case Requirement::Kind::have: break;  // only a version lacking a --have feature names it, never in a derivation
    }
    return {to_string(requirement), "request", ""};
}

std::string policy_flag(CellValue value, const Request& request) {
    bool both = request.policy.forbid_partial && request.policy.forbid_unknown;
    if (both) return "--strict";
    return value == CellValue::partial ? "--forbid-partial" : "--forbid-unknown";
}

Step cell_step(const CellRef& cell, const Matrix& matrix, const Request& request) {
    std::string claim;
    if (cell.kind == CellRef::Kind::pair) {
        claim = cell.value == CellValue::no
                    ? cell.row + " and " + cell.column + " do not work together"
                    : cell.row + " with " + cell.column + " is " + std::string(to_string(cell.value)) +
                          ", which " + policy_flag(cell.value, request) + " rules out";
    } else {
        claim = cell.value == CellValue::no
                    ? cell.row + " is not supported on " + cell.column
                    : cell.row + " on " + cell.column + " is " + std::string(to_string(cell.value)) +
                          ", which " + policy_flag(cell.value, request) + " rules out";
    }
    return {claim, cell_citation(cell, matrix), cell_evidence(cell, matrix, "")};
}

}  // namespace

std::string render_derivation(const Conflict& conflict, const Matrix& matrix, const Request& request,
                              const Style& style, std::string_view indent, std::string_view hardware_typed) {
    std::vector<Step> steps;
    for (const Requirement& requirement : conflict.requirements)
        steps.push_back(requirement_step(requirement, request, hardware_typed));
    for (const CellRef& cell : conflict.cells) steps.push_back(cell_step(cell, matrix, request));
    for (const RuleRef& rule : conflict.rules) {
        // Each line of the evidence ends in a newline, as a cell's does.
        steps.push_back({rule_claim(rule), rule_citation(rule), rule_evidence(rule, Style(false), "")});
    }

    size_t claim_width = 0;
    for (const Step& step : steps) claim_width = std::max(claim_width, display_width(step.claim));
    const std::string number_gap(indent.size() + 5, ' ');

    std::string out;
    for (size_t i = 0; i < steps.size(); ++i) {
        std::string number = std::string("(").append(std::to_string(i + 1)).append(")");
        out += std::string(indent) + pad_right(number, 4) + " " + pad_right(steps[i].claim, claim_width) +
               "  " + style.dim("[" + steps[i].cause + "]") + "\n";
        // Links and footnotes under the step they support.
        std::string evidence = steps[i].evidence;
        for (size_t start = 0; start < evidence.size();) {
            size_t end = evidence.find('\n', start);
            out += number_gap + "  " + style.dim(evidence.substr(start, end - start)) + "\n";
            start = end + 1;
        }
    }
    std::string sources = steps.size() == 1 ? "(1)" : "(1)-(" + std::to_string(steps.size()) + ")";
    out += std::string(indent) + pad_right("=>", 4) + " " +
           style.bad(sources + " cannot all hold, so no plan satisfies the request") + "\n";
    return out;
}

}  // namespace planner::cli
