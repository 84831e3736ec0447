#pragma once
// A matrix and a policy seen by index: which cells are forbidden and which are
// risks. Built once per query from the Matrix; the encoding cache compares
// problems by content, so two equal matrices share one Z3 encoding.
#include <string>
#include <unordered_map>
#include <vector>

#include <planner/check.hpp>
#include <planner/matrix.hpp>
#include <planner/rules.hpp>

namespace planner::solver {

class Problem {
public:
    // `rules` resolved against `matrix` (resolve_rules), with the --set values.
    Problem(const Matrix& matrix, const Policy& policy, RuleSet rules = {});

    size_t feature_count() const { return features_.size(); }
    size_t hardware_count() const { return hardware_.size(); }
    const std::vector<std::string>& features() const { return features_; }
    const std::vector<std::string>& hardware() const { return hardware_; }
    const Policy& policy() const { return policy_; }

    int feature_index(const std::string& id) const;   // -1 when absent
    int hardware_index(const std::string& id) const;  // -1 when absent

    CellValue pair_value(size_t a, size_t b) const { return pair_values_[a * features_.size() + b]; }
    CellValue support_value(size_t f, size_t h) const { return support_values_[f * hardware_.size() + h]; }

    bool pair_forbidden(size_t a, size_t b) const { return a != b && policy_.forbids(pair_value(a, b)); }
    bool support_forbidden(size_t f, size_t h) const { return policy_.forbids(support_value(f, h)); }
    bool pair_risky(size_t a, size_t b) const { return a != b && is_risk(pair_value(a, b)); }
    bool support_risky(size_t f, size_t h) const { return is_risk(support_value(f, h)); }

    const RuleSet& rules() const { return rules_; }
    bool has_rules() const { return !rules_.rules.empty() || !rules_.variables.empty(); }
    // Some permit may lift the cell: a forbidden cell is then no proof that
    // its features cannot be on together.
    bool pair_liftable(size_t a, size_t b) const;
    bool support_liftable(size_t f, size_t h) const;

    // Same features, hardware, cell values, policy and rules: the same constraints.
    bool same_constraints(const Problem& other) const;

private:
    bool is_risk(CellValue value) const { return is_uncertain(value) && !policy_.forbids(value); }

    std::vector<std::string> features_, hardware_;
    Policy policy_;
    RuleSet rules_;
    std::vector<CellValue> pair_values_;     // n*n, symmetric; unstated cells are blank
    std::vector<CellValue> support_values_;  // n*m
    std::unordered_map<std::string, int> feature_slot_, hardware_slot_;
};

}  // namespace planner::solver
