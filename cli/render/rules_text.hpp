#pragma once
// Rules in text answers: each cited by id, file:line, what it says and its
// source, so that a reader can check it in vLLM's code.
#include <string>
#include <vector>

#include <planner/engine.hpp>

#include "cli/render/report.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

// "rule ID (KIND, FILE:LINE)", with " UNVERIFIED" when the rule has no source.
std::string rule_citation(const RuleRef& rule);
// The source under a citation: the quote, the url, the note; one per line, each
// starting with `indent`.
std::string rule_evidence(const RuleRef& rule, const Style& style, std::string_view indent);
// "vLLM refuses ...", "vLLM changes ...": the rule as a claim.
std::string rule_claim(const RuleRef& rule);

// The declared variables' values, the permits the plan relies on (the
// published table disagrees: cell and rule) and the overrides that apply; ""
// when the request has no rules.
std::string plan_rules_block(const Report& report, const Plan& plan, const Style& style);

}  // namespace planner::cli
