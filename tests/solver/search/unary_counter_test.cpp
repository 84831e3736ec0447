// The counter literals the maximize certificate relies on, against counting:
// for every assignment of up to six terms, at_least(k) and at_most(k) hold
// exactly when the count says so (both directions, since the certificate uses
// them positively and negated).
#include <doctest/doctest.h>

#include <string>

#include "solver/search/unary_counter.hpp"

using planner::solver::UnaryCounter;

namespace {

// A new vector each time: copies of a z3::expr_vector share their storage.
bool satisfiable(z3::solver& solver, const z3::expr_vector& fixed, const z3::expr& extra) {
    z3::expr_vector assumptions(solver.ctx());
    for (const z3::expr& literal : fixed) assumptions.push_back(literal);
    assumptions.push_back(extra);
    return solver.check(assumptions) == z3::sat;
}

}  // namespace

TEST_CASE("a unary counter's literals are exactly the counts of its terms") {
    for (unsigned n = 0; n <= 6; ++n) {
        z3::context context;
        z3::solver solver(context);
        z3::expr_vector terms(context);
        for (unsigned i = 0; i < n; ++i) terms.push_back(context.bool_const(std::string("t").append(std::to_string(i)).c_str()));
        UnaryCounter counter(context, solver, terms, "count");
        CHECK(counter.size() == n);
        for (unsigned bits = 0; bits < (1u << n); ++bits) {
            z3::expr_vector fixed(context);
            long long count = 0;
            for (unsigned i = 0; i < n; ++i) {
                const bool on = (bits >> i) & 1u;
                fixed.push_back(on ? terms[i] : !terms[i]);
                count += on;
            }
            for (long long k = -1; k <= static_cast<long long>(n) + 1; ++k) {
                CHECK_MESSAGE(satisfiable(solver, fixed, counter.at_least(k)) == (count >= k), "n ", n, " bits ", bits,
                              " k ", k);
                CHECK_MESSAGE(satisfiable(solver, fixed, counter.at_most(k)) == (count <= k), "n ", n, " bits ", bits,
                              " k ", k);
            }
        }
    }
}

TEST_CASE("terms that are formulas are counted as formulas") {
    z3::context context;
    z3::solver solver(context);
    z3::expr a = context.bool_const("a"), b = context.bool_const("b"), c = context.bool_const("c");
    z3::expr_vector terms(context);
    terms.push_back(a && b);  // a risky pair
    terms.push_back(c);       // a risky feature on the hardware
    UnaryCounter counter(context, solver, terms, "risks");
    z3::expr_vector one_risk(context);
    one_risk.push_back(a);
    one_risk.push_back(!b);
    one_risk.push_back(c);
    CHECK_FALSE(satisfiable(solver, one_risk, counter.at_least(2)));  // a && b is false
    CHECK(satisfiable(solver, one_risk, counter.at_most(1)));
    CHECK(satisfiable(solver, one_risk, counter.at_least(1)));
}
