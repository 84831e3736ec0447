#pragma once
// An independent planner for small matrices: it enumerates every subset of
// features and applies the documented semantics literally. It shares no code
// with solver/ and reads cell values straight from the Matrix, so agreeing
// with it is evidence, not a tautology. Up to 20 features.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <planner/engine.hpp>
#include <planner/matrix.hpp>

namespace brute {

using Set = std::uint32_t;  // bit i = the i-th feature of the matrix

struct BestPlan {
    bool feasible = false;
    Set set = 0;
    int hardware = -1;
    std::vector<long long> criteria;  // the value of each criterion, in order (as numbers)
};

struct AlternativeAnswer {
    std::vector<std::string> dropped;
    std::string hardware;
    BestPlan plan;
};

struct MaximizeAnswer {
    BestPlan best;
    std::vector<std::vector<std::string>> conflicts;  // requirement names of each minimal conflict set
    std::vector<AlternativeAnswer> alternatives;
    // Off reasons, for a feasible request: feature -> reason word
    std::vector<std::pair<std::string, std::string>> off;
};

struct RepairAnswer {
    BestPlan best;  // criteria: cost, changes, risks
    std::vector<std::vector<std::string>> conflicts;
};

struct CheckAnswer {
    bool valid = true;
    std::vector<std::string> violations;  // "row|column|value" in check order
    std::vector<std::string> risks;
};

class Planner {
public:
    Planner(const planner::Matrix& matrix, const planner::Policy& policy);

    MaximizeAnswer maximize(const planner::Request& request) const;
    RepairAnswer repair(const planner::Request& request) const;
    CheckAnswer check(const std::string& hardware, const std::vector<std::string>& features) const;
    // Every maximal valid set, in the documented order; nullopt when the must set is infeasible.
    std::optional<std::vector<Set>> enumerate(const planner::Request& request) const;
    std::vector<std::vector<std::string>> explain(const planner::Request& request) const;

    // Do these cells alone (all other cells allowed) rule out the requirement
    // set, and does every one of them matter? Requirement names as the engine prints them.
    bool cells_explain(const std::vector<planner::Requirement>& requirements,
                       const std::vector<planner::CellRef>& cells) const;

    // The criteria vector of maximize for any set: [prefer bits..., weight, -risks].
    std::vector<long long> score(const planner::Request& request, const std::vector<std::string>& features,
                                 const std::string& hardware) const;
    // The criteria vector of repair: [cost, changes, risks].
    std::vector<long long> repair_score(const planner::Request& request, const std::vector<std::string>& features,
                                        const std::string& hardware) const;

    Set set_of(const std::vector<std::string>& features) const;
    std::vector<std::string> names_of(Set set) const;
    int feature(const std::string& id) const;
    int hardware(const std::string& id) const;
    size_t feature_count() const { return features_.size(); }

private:
    bool forbidden(planner::CellValue value) const;
    bool uncertain_allowed(planner::CellValue value) const;
    bool valid(Set set, int hardware) const { return valid_[hardware][set]; }
    int risks(Set set, int hardware) const { return risks_[hardware][set]; }
    bool greater_bits(Set x, Set y) const;  // x before y in the tie-break order
    BestPlan best_maximize(const planner::Request& request, Set must, int hardware) const;
    std::vector<long long> maximize_criteria(const std::vector<int>& prefer, const std::vector<long long>& weight,
                                             Set set, int hardware) const;
    std::vector<long long> weights(const planner::Request& request) const;
    std::vector<int> prefer(const planner::Request& request) const;
    std::vector<std::vector<std::string>> minimal_conflicts(const std::vector<std::string>& names,
                                                            const std::vector<Set>& forced,
                                                            int fixed_hardware_item, int hardware) const;

    std::vector<std::string> features_, hardware_;
    planner::Policy policy_;
    std::vector<planner::CellValue> pair_;     // n*n
    std::vector<planner::CellValue> support_;  // n*m
    // Per hardware, per subset: valid or not, and how many risks it relies on.
    std::vector<std::vector<char>> valid_;
    std::vector<std::vector<short>> risks_;
};

}  // namespace brute
