#include "solver/maximum.hpp"

#include "solver/query.hpp"

namespace planner::solver {

MaximumOutcome find_maximum(Encoding& encoding, const ResolvedRequest& request, const std::vector<int>& must,
                            size_t hardware, const Deadline& deadline) {
    const Problem& problem = encoding.problem();
    const size_t n = problem.feature_count();
    MaximumOutcome out;
    Query query(encoding, deadline);
    try {
        query.require_hardware(hardware);
        for (int f : must) query.require_feature(f, true);
        for (int f : request.never) query.require_feature(f, false);
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
        query.minimize(risks, std::vector<int>(risks.size(), 1), [&](const Assignment& a) {
            long long count = 0;
            for (size_t f = 0; f < n; ++f) {
                if (!a.on[f]) continue;
                if (problem.support_risky(f, hardware)) ++count;
                for (size_t g = 0; g < f; ++g)
                    if (a.on[g] && problem.pair_risky(f, g)) ++count;
            }
            return count;
        });

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

}  // namespace planner::solver
