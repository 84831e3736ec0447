// Why a C++ search proposes and Z3 certifies. Measured on the shipped
// 16-feature matrix (Z3 4.8.12): every check plus model costs 60-150 us, and
// solving the criteria one by one in Z3 (greedy prefer, a weight
// minimisation under pseudo-Boolean bounds, the risk minimisation, a greedy
// tie-break over every feature) made about 10 checks, 1.1 ms a query; on
// realistic sparse matrices the tie-break under the fixed weight bound took
// 8 s at N = 60 and did not finish at N = 400. An exact branch and bound
// over bitsets of the compatibility graph (solver/lexicographic_search.hpp)
// finds the same optimum in microseconds, so Z3 stays the solver of record
// with one check: "some valid plan is lexicographically better than the
// candidate" must be unsat. Were it sat (a bug in the search), the criteria
// are solved one by one in Z3 as before and Z3's answer is kept. The
// certificate's weight and risk bounds were pseudo-Boolean constraints, about
// 200 of its 300 us in a batch stream; an encoding asked often enough now
// states them through counters defined once (solver/unary_counter.hpp).
#include "solver/maximum.hpp"

#include <algorithm>

#include "solver/lexicographic_search.hpp"
#include "solver/query.hpp"

namespace planner::solver {

namespace {

long long risk_count(const Problem& problem, const Assignment& a, size_t hardware) {
    long long count = 0;
    for (size_t f = 0; f < problem.feature_count(); ++f) {
        if (!a.on[f]) continue;
        if (problem.support_risky(f, hardware)) ++count;
        for (size_t g = 0; g < f; ++g)
            if (a.on[g] && problem.pair_risky(f, g)) ++count;
    }
    return count;
}

void require_request(Query& query, const ResolvedRequest& request, const std::vector<int>& must, size_t hardware) {
    query.require_hardware(hardware);
    for (int f : must) query.require_feature(f, true);
    for (int f : request.never) query.require_feature(f, false);
}

// Each criterion solved in Z3 in turn, its optimum fixed before the next.
MaximumOutcome solve_in_steps(Encoding& encoding, const ResolvedRequest& request, const std::vector<int>& must,
                              size_t hardware, const Deadline& deadline) {
    const Problem& problem = encoding.problem();
    const size_t n = problem.feature_count();
    MaximumOutcome out;
    Query query(encoding, deadline);
    try {
        require_request(query, request, must, hardware);
        if (!query.check()) return out;

        query.fix_features_greedily(request.prefer);

        // Maximum weight = minimum weight of the features left off.
        z3::expr_vector off(encoding.context());
        std::vector<int> weights;
        for (size_t f = 0; f < n; ++f)
            if (request.weight[f] > 0) {
                off.push_back(!encoding.feature(f));
                weights.push_back(static_cast<int>(request.weight[f]));
            }
        query.minimize(off, weights, [&](const Assignment& a) {
            long long sum = 0;
            for (size_t f = 0; f < n; ++f)
                if (!a.on[f]) sum += request.weight[f];
            return sum;
        });

        z3::expr_vector risks = encoding.risk_terms(hardware);
        query.minimize(risks, std::vector<int>(risks.size(), 1),
                       [&](const Assignment& a) { return risk_count(problem, a, hardware); });

        std::vector<int> document_order(n);
        for (size_t f = 0; f < n; ++f) document_order[f] = static_cast<int>(f);
        query.fix_features_greedily(document_order);

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

bool unit_weights(const ResolvedRequest& request) {
    return std::all_of(request.weight.begin(), request.weight.end(), [](long long w) { return w == 1; });
}

// Where the certificate is asked and how it states its bounds on the weight
// and the risks: counter literals in the encoding's certificate solver
// (defined once, so a query adds only a small Boolean formula), or
// pseudo-Boolean constraints in the plain solver (no counters to make: the
// cheaper choice for an encoding asked only a few times).
struct CertificateBounds {
    SolverRole role = SolverRole::plain;
    const UnaryCounter* weight = nullptr;  // with unit weights: the number of features on
    const UnaryCounter* risks = nullptr;
};

// Called before the certificate's Query opens its scope: counters are made at
// the solver's base level.
CertificateBounds certificate_bounds(Encoding& encoding, const ResolvedRequest& request, size_t hardware) {
    CertificateBounds bounds;
    if (!encoding.warm_certificate_solver()) return bounds;
    bounds.role = SolverRole::certificate;
    if (unit_weights(request)) bounds.weight = encoding.feature_counter();
    bounds.risks = encoding.risk_counter(hardware);
    return bounds;
}

// "Strictly better than the candidate on some criterion and equal on every
// earlier one", built from the last criterion to the first.
z3::expr better_than(Encoding& encoding, const ResolvedRequest& request, size_t hardware,
                     const LexicographicCandidate& candidate, const CertificateBounds& bounds) {
    const Problem& problem = encoding.problem();
    const size_t n = problem.feature_count();
    z3::context& context = encoding.context();
    z3::expr better = context.bool_val(false);
    auto feature_criterion = [&](size_t f) {
        const z3::expr& x = encoding.feature(f);
        better = candidate.on[f] ? (x && better) : (x || better);
    };
    for (size_t f = n; f-- > 0;) feature_criterion(f);

    // "At most" where "equal" is meant: with the strict case beside it the
    // two read the same, and one-sided bounds are cheaper for Z3.
    if (bounds.risks) {
        better = bounds.risks->at_most(candidate.risks - 1) || (bounds.risks->at_most(candidate.risks) && better);
    } else if (z3::expr_vector risks = encoding.risk_terms(hardware); !risks.empty()) {
        std::vector<int> ones(risks.size(), 1);
        z3::expr no_more = z3::pble(risks, ones.data(), static_cast<int>(candidate.risks));
        better = candidate.risks > 0
                     ? (z3::pble(risks, ones.data(), static_cast<int>(candidate.risks - 1)) || (no_more && better))
                     : (no_more && better);
    }

    if (bounds.weight) {
        better = bounds.weight->at_least(candidate.weight + 1) || (bounds.weight->at_least(candidate.weight) && better);
    } else {
        z3::expr_vector on(context);
        std::vector<int> weights;
        for (size_t f = 0; f < n; ++f)
            if (request.weight[f] > 0) {
                on.push_back(encoding.feature(f));
                weights.push_back(static_cast<int>(request.weight[f]));
            }
        if (!on.empty())
            better = z3::pbge(on, weights.data(), static_cast<int>(candidate.weight + 1)) ||
                     (z3::pbge(on, weights.data(), static_cast<int>(candidate.weight)) && better);
    }

    for (size_t i = request.prefer.size(); i-- > 0;) feature_criterion(static_cast<size_t>(request.prefer[i]));
    return better;
}

}  // namespace

MaximumOutcome find_maximum(const Problem& problem, const EncodingSource& encoding_source,
                            const ResolvedRequest& request, const std::vector<int>& must, size_t hardware,
                            const Deadline& deadline) {
    MaximumOutcome out;
    LexicographicCandidate candidate = search_lexicographic_maximum(problem, request, must, hardware, deadline);
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
            require_request(query, request, must, hardware);
            query.require(better_than(encoding, request, hardware, candidate, bounds));
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
    // Infeasible by the search (Z3 proves it), or a candidate Z3 could beat.
    return solve_in_steps(encoding, request, must, hardware, deadline);
}

}  // namespace planner::solver
