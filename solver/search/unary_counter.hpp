#pragma once
// "At least k of these terms hold" as one Boolean per k, defined once in a
// solver by a sequential counter (full equivalences, so the same literals
// serve for "at least" and, negated, for "at most"). The maximize certificate
// asks its weight and risk bounds through these literals instead of adding
// pseudo-Boolean constraints to every query: in Z3 4.8.12 those took about
// 200 us of each 17-feature certificate, the literals about nothing.
#include <z3++.h>

#include <string>
#include <vector>

namespace planner::solver {

class UnaryCounter {
public:
    // Asserts the definitions into `solver` at its current scope; `name`
    // prefixes the fresh constants (it must be unique in the context).
    UnaryCounter(z3::context& context, z3::solver& solver, const z3::expr_vector& terms, const std::string& name);

    // True iff at least k terms hold (k = 0: true; k > size: false).
    z3::expr at_least(long long k) const;
    // True iff at most k terms hold.
    z3::expr at_most(long long k) const { return !at_least(k + 1); }

    size_t size() const { return outputs_.size(); }

private:
    z3::context* context_;
    std::vector<z3::expr> outputs_;  // outputs_[k - 1]: at least k
};

}  // namespace planner::solver
