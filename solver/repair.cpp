// repair: the cheapest change to --have (weighted Hamming distance, plus the
// hardware cost when --allow-hw switches the class) that makes it valid.
#include "solver/commands.hpp"
#include "solver/conflicts.hpp"
#include "solver/query.hpp"
#include "solver/verified_plan.hpp"

namespace planner::solver {

namespace {

std::vector<std::string> repair_criteria(const ResolvedRequest& r) {
    std::vector<std::string> out{"must/never/keep (hard)", "smallest change (weighted)", "fewest changes",
                                 "fewest risks", "tie-break: earlier features in matrix order"};
    if (r.allow_hardware_change) out.push_back("hardware: the requested one, then matrix order");
    return out;
}

std::vector<Conflict> repair_conflicts(const CommandInput& input, Encoding& encoding, const Deadline& deadline) {
    const ResolvedRequest& r = input.resolved;
    const auto& ids = input.problem.features();
    std::vector<Requirement> requirements;
    std::vector<z3::expr> hard;
    // Only features forced on can clash; forced-off ones are the hard background.
    for (size_t f = 0; f < ids.size(); ++f) {
        const int on = static_cast<int>(f);
        if (r.is_must[f]) requirements.push_back({"must " + ids[f], encoding.feature(f), on});
        else if (r.keep[f] && r.have[f]) requirements.push_back({"keep " + ids[f], encoding.feature(f), on});
        else if (r.is_never[f] || r.keep[f]) hard.push_back(!encoding.feature(f));
    }
    if (!r.allow_hardware_change)
        requirements.push_back(
            {"hardware " + input.request.hardware, encoding.on_hardware(static_cast<size_t>(r.hardware))});
    return find_conflicts(encoding, input.matrix, requirements, hard, deadline);
}

void describe_changes(const CommandInput& input, const Assignment& plan, Result& result) {
    const ResolvedRequest& r = input.resolved;
    for (size_t f = 0; f < plan.on.size(); ++f)
        if (static_cast<bool>(plan.on[f]) != static_cast<bool>(r.have[f]))
            result.changes.push_back(
                {plan.on[f] ? Change::Kind::add : Change::Kind::remove, input.problem.features()[f], "", ""});
    if (plan.hardware != r.hardware)
        result.changes.push_back(
            {Change::Kind::hardware, "", input.request.hardware, input.problem.hardware()[plan.hardware]});
}

}  // namespace

Result run_repair(const CommandInput& input, Encoding& encoding) {
    const ResolvedRequest& r = input.resolved;
    const Problem& problem = input.problem;
    const size_t n = problem.feature_count();
    Deadline deadline(input.request.timeout_ms, input.started);
    Result result;
    result.criteria = repair_criteria(r);
    result.plan.hardware = input.request.hardware;

    if (deadline.expired()) {  // before the first scope, which no time limit reaches (solver/maximum.cpp)
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = "time limit reached";
        return result;
    }
    Query query(encoding, deadline);
    const PlanRules rules{&r.must, &r.never, &r.keep, &r.have};
    try {
        if (!r.allow_hardware_change) query.require_hardware(static_cast<size_t>(r.hardware));
        for (size_t f = 0; f < n; ++f) {
            if (r.is_must[f]) query.require_feature(f, true);
            else if (r.is_never[f]) query.require_feature(f, false);
            else if (r.keep[f]) query.require_feature(f, r.have[f]);
        }
        if (!query.check()) {
            result.status = Status::infeasible;
            try {
                result.conflicts = repair_conflicts(input, encoding, deadline);
            } catch (const TimedOut& timeout) {
                result.proven_optimal = false;
                result.message = std::string("time limit reached before every conflict was listed (") +
                                 timeout.what() + ")";
            }
            return result;
        }

        // A changed feature is the literal that differs from --have.
        z3::expr_vector changed(encoding.context());
        std::vector<int> cost;
        for (size_t f = 0; f < n; ++f)
            changed.push_back(r.have[f] ? !encoding.feature(f) : encoding.feature(f));
        for (size_t f = 0; f < n; ++f) cost.push_back(static_cast<int>(r.weight[f]));
        if (r.allow_hardware_change) {
            changed.push_back(!encoding.on_hardware(static_cast<size_t>(r.hardware)));
            cost.push_back(static_cast<int>(r.hardware_cost));
        }
        auto distance = [&](const Assignment& a, bool weighted) {
            long long sum = 0;
            for (size_t f = 0; f < n; ++f)
                if (static_cast<bool>(a.on[f]) != static_cast<bool>(r.have[f])) sum += weighted ? r.weight[f] : 1;
            if (a.hardware != r.hardware) sum += weighted ? r.hardware_cost : 1;
            return sum;
        };
        query.minimize(changed, cost, [&](const Assignment& a) { return distance(a, true); });
        query.minimize(changed, std::vector<int>(changed.size(), 1),
                       [&](const Assignment& a) { return distance(a, false); });

        std::optional<size_t> fixed_hardware;
        if (!r.allow_hardware_change) fixed_hardware = static_cast<size_t>(r.hardware);
        z3::expr_vector risks = encoding.risk_terms(fixed_hardware);
        query.minimize(risks, std::vector<int>(risks.size(), 1), [&](const Assignment& a) {
            long long count = 0;
            for (size_t f = 0; f < n; ++f) {
                if (!a.on[f]) continue;
                if (problem.support_risky(f, a.hardware)) ++count;
                for (size_t g = 0; g < f; ++g)
                    if (a.on[g] && problem.pair_risky(f, g)) ++count;
            }
            return count;
        });

        std::vector<int> order(n);
        for (size_t f = 0; f < n; ++f) order[f] = static_cast<int>(f);
        query.fix_features_greedily(order);
        if (r.allow_hardware_change) {
            std::vector<int> hardware_order{r.hardware};
            for (size_t h = 0; h < problem.hardware_count(); ++h)
                if (static_cast<int>(h) != r.hardware) hardware_order.push_back(static_cast<int>(h));
            query.fix_hardware_greedily(hardware_order);
        }
        result.status = Status::ok;
    } catch (const TimedOut& timeout) {
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = timeout.what();
        if (!query.has_model()) return result;
    }
    const Assignment& best = query.best();
    result.plan = verified_plan(input.matrix, problem, best.on, static_cast<size_t>(best.hardware), rules);
    describe_changes(input, best, result);
    return result;
}

}  // namespace planner::solver
