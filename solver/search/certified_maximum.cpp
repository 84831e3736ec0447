// Why a C++ search proposes and Z3 certifies. Measured on the shipped
// 16-feature matrix (Z3 4.8.12): every check plus model costs 60-150 us, and
// solving the criteria one by one in Z3 (greedy prefer, a weight
// minimisation under pseudo-Boolean bounds, the risk minimisation, a greedy
// tie-break over every feature) made about 10 checks, 1.1 ms a query; on
// realistic sparse matrices the tie-break under the fixed weight bound took
// 8 s at N = 60 and did not finish at N = 400. An exact branch and bound
// over bitsets of the compatibility graph (solver/search/lexicographic_search.hpp)
// finds the same optimum in microseconds, so Z3 stays the solver of record
// with one check: "some valid plan is lexicographically better than the
// candidate" must be unsat, stated from the rows of maximize_criteria
// (solver/search/criteria.hpp). Were it sat (a bug in the search), the rows
// are solved one by one in Z3 as before and Z3's answer is kept. The
// certificate's weight and risk bounds were pseudo-Boolean constraints, about
// 200 of its 300 us in a batch stream; an encoding asked often enough now
// states them through counters defined once (solver/search/unary_counter.hpp).
#include "solver/search/certified_maximum.hpp"

#include <algorithm>

#include "solver/query.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/lexicographic_search.hpp"
#include "solver/search/verified_plan.hpp"

namespace planner::solver {

namespace {

// Each row solved in Z3 in turn, its optimum fixed before the next.
MaximumOutcome solve_in_steps(Encoding& encoding, const Criteria& criteria, const Deadline& deadline) {
    MaximumOutcome out;
    Query query(encoding, deadline);
    try {
        bool checked = false;
        for (const Criterion& row : criteria) {
            if (row.kind != Criterion::Kind::hard && !checked) {
                if (!query.check()) return out;
                checked = true;
            }
            solve_criterion(query, row);
        }
        if (!checked && !query.check()) return out;
        out.kind = MaximumOutcome::Kind::optimal;
        out.has_plan = true;
        out.plan = query.best();
    } catch (const TimedOut& timeout) {
        out.kind = MaximumOutcome::Kind::timed_out;
        out.message = timeout.what();
        out.has_plan = query.has_model();
        if (out.has_plan) out.plan = query.best();
    }
    return out;
}

void require_hard(Query& query, const Criteria& criteria) {
    for (const Criterion& row : criteria)
        if (row.kind == Criterion::Kind::hard) solve_criterion(query, row);
}

bool unit_weights(const ResolvedRequest& request) {
    return std::all_of(request.weight.begin(), request.weight.end(), [](long long w) { return w == 1; });
}

// A sum row that counts the features left off, each weighing 1: what the
// encoding's feature counter counts the other way round.
bool counts_features_off(const Criterion& row, size_t feature_count) {
    if (row.kind != Criterion::Kind::smallest_sum || row.literals.size() != feature_count) return false;
    for (size_t i = 0; i < row.literals.size(); ++i) {
        const CriterionLiteral& literal = row.literals[i];
        if (literal.of != CriterionLiteral::Of::feature || literal.index != i || literal.holds || row.weights[i] != 1)
            return false;
    }
    return true;
}

// Where the certificate is asked and how it states its bounds on the sums
// and the risks: counter literals in the encoding's certificate solver
// (defined once, so a query adds only a small Boolean formula), or
// pseudo-Boolean constraints in the plain solver (no counters to make: the
// cheaper choice for an encoding asked only a few times).
struct CertificateBounds {
    SolverRole role = SolverRole::plain;
    const UnaryCounter* features = nullptr;  // with unit weights: the number of features on
    const UnaryCounter* risks = nullptr;
};

// Called before the certificate's Query opens its scope: counters are made at
// the solver's base level.
CertificateBounds certificate_bounds(Encoding& encoding, const ResolvedRequest& request, size_t hardware) {
    CertificateBounds bounds;
    if (!encoding.warm_certificate_solver()) return bounds;
    bounds.role = SolverRole::certificate;
    if (unit_weights(request)) bounds.features = encoding.feature_counter();
    bounds.risks = encoding.risk_counter(hardware);
    return bounds;
}

// "Strictly better than the candidate on some row and equal on every
// earlier one", built from the last row to the first.
z3::expr better_than(Encoding& encoding, const Criteria& criteria, const Assignment& candidate,
                     const CertificateBounds& bounds) {
    const Problem& problem = encoding.problem();
    const size_t n = problem.feature_count();
    const CriterionVariables variables = CriterionVariables::of(encoding);
    z3::expr better = encoding.context().bool_val(false);
    for (size_t r = criteria.size(); r-- > 0;) {
        const Criterion& row = criteria[r];
        if (row.kind == Criterion::Kind::hard) continue;  // required outright
        // Only a table search_rows reads back has a candidate to certify.
        if (row.kind == Criterion::Kind::variables_at_defaults)
            throw RecheckFailed("internal error: a certificate over declared variables");
        const z3::expr_vector terms = criterion_terms(row, variables);
        if (row.kind == Criterion::Kind::in_order) {
            for (unsigned i = terms.size(); i-- > 0;)
                better = row.literals[i].in(candidate) ? (terms[i] && better) : (terms[i] || better);
            continue;
        }
        if (terms.empty()) continue;  // every plan has the value 0
        // "At most" where "equal" is meant: with the strict case beside it the
        // two read the same, and one-sided bounds are cheaper for Z3.
        std::vector<int> weights =
            row.kind == Criterion::Kind::smallest_sum ? row.weights : std::vector<int>(terms.size(), 1);
        auto at_most = [&](long long k) {
            if (row.kind == Criterion::Kind::fewest_risks && bounds.risks) return bounds.risks->at_most(k);
            if (bounds.features && counts_features_off(row, n))
                return bounds.features->at_least(static_cast<long long>(n) - k);
            return z3::pble(terms, weights.data(), static_cast<int>(k));
        };
        const long long value = criterion_value(problem, row, candidate).front();
        better = value > 0 ? (at_most(value - 1) || (at_most(value) && better)) : (at_most(value) && better);
    }
    return better;
}

}  // namespace

MaximumOutcome find_maximum(const Problem& problem, const EncodingSource& encoding_source,
                            const ResolvedRequest& request, const std::vector<int>& must, size_t hardware,
                            const Deadline& deadline) {
    MaximumOutcome out;
    const Criteria criteria = maximize_criteria(problem, request, must, hardware);
    // The branch and bound knows cells only: rules over variables and
    // implications are Z3's alone, criterion by criterion.
    if (problem.has_rules()) return solve_in_steps(encoding_source(), criteria, deadline);
    // So is a table the search cannot read back (a row it does not know).
    const std::optional<SearchRows> rows = search_rows(criteria, problem.feature_count());
    LexicographicCandidate candidate;
    if (rows) candidate = search_lexicographic_maximum(problem, *rows, deadline);
    if (candidate.has_plan) {
        out.plan.on = candidate.on;
        out.plan.hardware = static_cast<int>(hardware);
    }
    if (candidate.kind == LexicographicCandidate::Kind::timed_out) {
        out.kind = MaximumOutcome::Kind::timed_out;
        out.message = "time limit reached";
        out.has_plan = candidate.has_plan;
        return out;
    }
    Encoding& encoding = encoding_source();
    // A solver's first scope takes in every cell (about 0.2 s at 1,000 dense
    // features) and no time limit reaches it: past the limit, stop here.
    if (deadline.expired()) {
        out.kind = MaximumOutcome::Kind::timed_out;
        out.message = "time limit reached";
        out.has_plan = candidate.has_plan;
        return out;
    }
    if (candidate.kind == LexicographicCandidate::Kind::found) {
        const CertificateBounds bounds = certificate_bounds(encoding, request, hardware);
        Query query(encoding, deadline, bounds.role);
        try {
            require_hard(query, criteria);
            query.require(better_than(encoding, criteria, out.plan, bounds));
            if (!query.check()) {
                out.kind = MaximumOutcome::Kind::optimal;
                out.has_plan = true;
                return out;
            }
        } catch (const TimedOut& timeout) {
            out.kind = MaximumOutcome::Kind::timed_out;
            out.message = timeout.what();
            out.has_plan = true;
            return out;
        }
    }
    // Infeasible by the search (Z3 proves it), a table the search cannot
    // read, or a candidate Z3 could beat.
    return solve_in_steps(encoding, criteria, deadline);
}

}  // namespace planner::solver
