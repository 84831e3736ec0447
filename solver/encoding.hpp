#pragma once
// The matrix under a policy as Z3 constraints: one Bool per feature, the
// hardware class as a Z3 enumeration sort, one constraint per forbidden cell.
// Three solvers share the terms: `solver()` asserts every cell outright (fast
// optimisation), `tracked_solver()` guards every cell by a named literal
// ("cell lora x sd = no") so that unsat cores name cells, and
// `warm_certificate_solver()` adds counters for the maximize certificate.
#include <z3++.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "solver/hardware_sort.hpp"
#include "solver/problem.hpp"
#include "solver/search/unary_counter.hpp"

namespace planner::solver {

// One forbidden cell: a pair of features, or a feature on a hardware class.
struct CellConstraint {
    CellRef::Kind kind = CellRef::Kind::pair;
    int a = -1, b = -1;  // pair: the two features (a later in document order); support: a = feature
    int hardware = -1;   // support only
};

// A model read back: which features are on, which hardware class, the value
// of each declared variable (rules.hpp).
struct Assignment {
    std::vector<char> on;
    int hardware = -1;
    std::vector<long long> values;
};

// A constraint from the rules files, tracked beside the cells so that unsat
// cores name it: a rule (error or override), or a --set value.
struct RuleConstraint {
    enum class Kind { rule, setting };
    Kind kind = Kind::rule;
    size_t index = 0;  // into problem().rules().rules, or the variable
};

enum class SolverRole { plain, tracked, certificate };

class Encoding;
// Gives the Z3 encoding, creating the context on first use: check never
// calls it, enumerate only for an infeasible must set, maximize only to
// certify the search's optimum or to explain an infeasible request (making
// the encoding of a 1,000-feature matrix takes longer than a short limit).
using EncodingSource = std::function<Encoding&()>;

class Encoding {
public:
    // `hardware` is the sort of problem.hardware() (HardwareSorts::sort_for).
    Encoding(z3::context& context, Problem problem, const HardwareSort& hardware);

    const Problem& problem() const { return problem_; }
    z3::context& context() { return context_; }

    const z3::expr& feature(size_t f) const { return features_[f]; }
    // A declared variable as a bounded Z3 integer (an enumeration by the index of its value).
    const z3::expr& variable(size_t v) const { return variables_[v]; }
    z3::expr term(const Term& term) const;
    z3::expr on_hardware(size_t h) const { return hardware_var_ == hardware_values_[h]; }

    z3::solver& solver() { return solver_; }
    z3::solver& tracked_solver();
    // The named literal of cells()[cell] in tracked_solver(), its implication
    // added on first use. A conflict only ever involves cells among the
    // features its requirements turn on (any other feature can stay off), so
    // only those are tracked: all of a 1,000-feature dense matrix took 0.7 s.
    // Call it before a Query opens its scope on tracked_solver().
    const z3::expr& track(size_t cell);
    const std::vector<CellConstraint>& cells() const { return cells_; }
    // The rules and --set values with their named literals in tracked_solver(),
    // made with it: every one can take part in a conflict, whatever the request.
    const std::vector<RuleConstraint>& rule_constraints() const { return rule_constraints_; }
    const std::vector<z3::expr>& rule_tracks();
    // The power-set map of MARCO (solver/search/marco_subsets.hpp), kept between requests
    // because a new solver costs more than the exploration of a small request.
    z3::solver& map_solver();

    // Uncertain cells a plan relies on (allowed by the policy), as Bool terms.
    z3::expr_vector risk_terms(std::optional<size_t> only_hardware);

    // The cells again, plus counters over all features and over the risk
    // terms of each hardware class, for the certificate's weight and risk
    // bounds (solver/search/certified_maximum.cpp). Counters cost their making, so each call
    // counts one certificate, and the solver is made (once) at the
    // `certificates_before_counters`-th: null before, and null past
    // `max_counted_terms` features (a counter grows with the square of its
    // terms). solver(SolverRole::certificate) is this solver once made.
    static constexpr unsigned certificates_before_counters = 4;
    static constexpr size_t max_counted_terms = 64;
    z3::solver* warm_certificate_solver();
    // Counters of the certificate solver, made on first use: call them before a
    // Query opens its scope there. Null past max_counted_terms terms.
    const UnaryCounter* feature_counter();
    const UnaryCounter* risk_counter(size_t hardware);

    Assignment read(const z3::model& model) const;

    z3::solver& solver(SolverRole role);
    // The timeout currently set on a solver, so it is only updated on change.
    unsigned& timeout_setting(SolverRole role) { return timeouts_[static_cast<size_t>(role)]; }

private:
    void tune(z3::solver& solver);
    // No Query has a scope open on `solver`: what is added now stays.
    bool at_base_level(const z3::solver& solver) const;
    z3::expr constraint_of(const CellConstraint& cell) const;
    z3::expr constraint_of(const RuleConstraint& rule) const;
    z3::expr all_of(const std::vector<Term>& terms) const;
    // Bounds of the variables, then (unless tracked) the rules and settings.
    void add_rules(z3::solver& solver, bool untracked_rules) const;
    std::string name_of(const CellConstraint& cell) const;

    z3::context& context_;
    Problem problem_;
    std::vector<z3::expr> hardware_values_;
    z3::sort hardware_sort_;
    std::vector<z3::expr> features_;
    z3::expr hardware_var_;
    std::vector<CellConstraint> cells_;
    std::vector<z3::expr> variables_;
    std::vector<RuleConstraint> rule_constraints_;
    std::vector<z3::expr> rule_tracks_;
    z3::solver solver_;
    std::optional<z3::solver> tracked_solver_;
    std::optional<z3::solver> map_solver_;
    std::optional<z3::solver> certificate_solver_;
    std::vector<std::optional<z3::expr>> tracks_;  // per cell, once tracked
    unsigned timeouts_[3] = {0, 0, 0};
    unsigned certificates_ = 0;
    std::optional<UnaryCounter> feature_counter_;
    std::map<size_t, UnaryCounter> risk_counters_;
};

}  // namespace planner::solver
