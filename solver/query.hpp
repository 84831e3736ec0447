#pragma once
// One request's conversation with a solver of an Encoding: a push/pop scope,
// hard facts added as the search fixes them, checks under a shared deadline,
// and the search steps (lexicographic greedy, minimisation) built on them.
#include <z3++.h>

#include <functional>
#include <optional>
#include <vector>

#include "solver/deadline.hpp"
#include "solver/encoding.hpp"

namespace planner::solver {

class Query {
public:
    // SolverRole::tracked: the solver whose cells are named literals (for
    // cores); the tracks are then assumed in every check.
    // SolverRole::certificate: only once encoding.warm_certificate_solver() made it.
    Query(Encoding& encoding, const Deadline& deadline, SolverRole role = SolverRole::plain);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    Encoding& encoding() { return encoding_; }

    void require(const z3::expr& fact) { solver_.add(fact); }
    // Features fixed on so far; lets feature steps skip checks whose answer
    // the matrix already gives (a forbidden pair with a feature that is on).
    void require_feature(size_t f, bool on);
    void require_hardware(size_t h);

    // Sat or unsat; throws TimedOut when Z3 gives up. On sat the model becomes best().
    bool check(const std::vector<z3::expr>& assumptions = {});
    // Unsat core of the last check, as indices into its assumptions.
    std::vector<size_t> core(const std::vector<z3::expr>& assumptions) const;

    bool has_model() const { return has_model_; }
    const Assignment& best() const { return best_; }

    // For each feature in order: on if some solution keeps everything fixed so
    // far and has it on; then fix it either way (a lexicographic maximum).
    void fix_features_greedily(const std::vector<int>& order);
    // The declared variables in declaration order: each keeps its default
    // when it can, else takes its smallest possible value; then it is fixed.
    void fix_variables();
    // Hardware classes tried in order; the first possible one is fixed.
    void fix_hardware_greedily(const std::vector<int>& order);
    // Minimise the sum of weight[i] * [terms[i]], then fix that optimum.
    // value() computes the sum for a model, so each step jumps to the model's value.
    void minimize(const z3::expr_vector& terms, const std::vector<int>& weights,
                  const std::function<long long(const Assignment&)>& value);

private:
    bool known_impossible(size_t f) const;
    z3::expr next_guard();

    Encoding& encoding_;
    z3::solver& solver_;
    const Deadline& deadline_;
    SolverRole role_;
    bool has_model_ = false;
    Assignment best_;
    std::vector<signed char> fixed_;  // per feature: -1 open, 0 fixed off, 1 fixed on
    std::optional<size_t> fixed_hardware_;
    unsigned level_ = 0;   // the solver's scope depth once this query's scope is open
    unsigned guards_ = 0;  // guards made in this scope
};

}  // namespace planner::solver
