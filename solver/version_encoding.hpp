#pragma once
// Several matrix versions in one formula: the version is a Z3 enumeration
// beside the hardware enumeration, one Bool per feature of any version, and
// each version's forbidden cells hold only under `version == v`. A feature a
// version lacks is forced off in it, a hardware class it lacks is excluded.
#include <z3++.h>

#include <string>
#include <vector>

#include "solver/problem.hpp"

namespace planner::solver {

class VersionEncoding {
public:
    VersionEncoding(z3::context& context, const std::vector<Problem>& versions);

    size_t version_count() const { return versions_.size(); }
    const Problem& version(size_t v) const { return versions_[v]; }
    // The union of the versions' features and hardware classes, in order of first appearance.
    const std::vector<std::string>& features() const { return features_; }
    const std::vector<std::string>& hardware() const { return hardware_; }
    int feature_index(const std::string& id) const;   // -1 when no version has it
    int hardware_index(const std::string& id) const;  // -1 when no version has it
    // Index in the union of version v's feature f.
    size_t union_feature(size_t v, size_t f) const { return local_to_union_[v][f]; }

    const z3::expr& feature(size_t f) const { return feature_vars_[f]; }
    z3::expr on_hardware(size_t h) const { return hardware_var_ == hardware_values_[h]; }
    z3::expr in_version(size_t v) const { return version_var_ == version_values_[v]; }

    z3::solver& solver() { return solver_; }

    // Version v's uncertain cells allowed by the policy that a plan on
    // hardware h relies on, as Bool terms over the union features.
    z3::expr_vector risk_terms(size_t v, size_t h);

    size_t read_version(const z3::model& model) const;
    std::vector<char> read_features(const z3::model& model) const;  // by union index

private:
    z3::context& context_;
    std::vector<Problem> versions_;
    std::vector<std::string> features_, hardware_;
    std::vector<std::vector<size_t>> local_to_union_;
    std::vector<z3::expr> version_values_, hardware_values_, feature_vars_;
    z3::sort version_sort_, hardware_sort_;
    z3::expr version_var_, hardware_var_;
    z3::solver solver_;
};

}  // namespace planner::solver
