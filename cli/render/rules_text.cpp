#include "cli/render/rules_text.hpp"

#include "cli/render/text.hpp"

namespace planner::cli {

std::string rule_citation(const RuleRef& rule) {
    std::string out = "rule " + rule.id + " (" + std::string(to_string(rule.kind)) + ", " + rule.file + ":" +
                      std::to_string(rule.line) + ")";
    if (rule.unverified) out += " UNVERIFIED";
    return out;
}

std::string rule_evidence(const RuleRef& rule, const Style& style, std::string_view indent) {
    std::string out;
    const std::string pad(indent);
    if (!rule.source.quote.empty()) out += pad + style.dim("\"" + rule.source.quote + "\"") + "\n";
    if (!rule.source.url.empty()) out += pad + style.dim(rule.source.url) + "\n";
    if (!rule.source.note.empty()) out += pad + style.dim(rule.source.note) + "\n";
    if (rule.unverified) out += pad + style.warn("unverified") + ": no source was found for this rule\n";
    return out;
}

std::string rule_claim(const RuleRef& rule) {
    switch (rule.kind) {
    case RuleKind::error: return "vLLM refuses: " + rule.statement;
    case RuleKind::override_setting: return "vLLM changes the setting: " + rule.statement;
    case RuleKind::permit: return "vLLM supports: " + rule.statement;
    }
    return rule.statement;
}

std::string plan_rules_block(const Report& report, const Plan& plan, const Style& style) {
    if (!rules_take_part(report)) return "";
    std::string out;
    if (!plan.values.empty()) {
        std::vector<std::string> items;
        for (const VariableValue& value : plan.values)
            items.push_back(value.name + "=" + value.value + (value.fixed ? " (--set)" : value.is_default ? "" : " (not the default)"));
        out += wrap_words("variables (" + std::to_string(items.size()) + "): ", items, ", ", "  ");
    }
    if (!plan.permits.empty()) {
        out += style.warn("permits") + " (" + std::to_string(plan.permits.size()) +
               ", the published table disagrees; the plan relies on the rule):\n";
        for (const RuleRef& rule : plan.permits) {
            out += "  " + rule_citation(rule) + " lifts " + (rule.cell ? cell_citation(*rule.cell, *report.matrix) : "a cell") + "\n";
            out += rule_evidence(rule, style, "    ");
        }
    }
    if (!plan.overrides.empty()) {
        out += style.warn("overrides") + " (" + std::to_string(plan.overrides.size()) +
               ", vLLM changes the setting whatever the flags say):\n";
        for (const RuleRef& rule : plan.overrides) {
            out += "  " + rule_citation(rule) + ": " + rule.statement + "\n";
            out += rule_evidence(rule, style, "    ");
        }
    }
    return out;
}

}  // namespace planner::cli
