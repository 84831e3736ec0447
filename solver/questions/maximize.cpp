// maximize: the best valid plan, or, when the must set cannot hold, the
// conflicts and the nearest feasible requests with their own plans.
#include <algorithm>

#include "solver/query.hpp"
#include "solver/questions/questions.hpp"
#include "solver/search/certified_maximum.hpp"
#include "solver/search/conflicts.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/marco_subsets.hpp"
#include "solver/search/off_reasons.hpp"
#include "solver/search/verified_plan.hpp"

namespace planner::solver {

namespace {

// Minimal sets of must features to drop on the requested hardware, smallest
// first, then in --must order.
std::vector<std::vector<int>> must_corrections(const CommandInput& input, Encoding& encoding,
                                               const Deadline& deadline) {
    const ResolvedRequest& r = input.resolved;
    Query query(encoding, deadline);
    query.require_hardware(static_cast<size_t>(r.hardware));
    for (int f : r.never) query.require_feature(f, false);
    std::vector<z3::expr> items;
    for (int f : r.must) items.push_back(encoding.feature(f));
    std::vector<std::vector<int>> out;
    for (const auto& correction : explore_subsets(query, items, {}).corrections) {
        std::vector<int> dropped;
        for (size_t i : correction) dropped.push_back(r.must[i]);
        out.push_back(dropped);
    }
    return out;
}

void add_alternatives(const CommandInput& input, Encoding& encoding, const Deadline& deadline, Result& result) {
    const ResolvedRequest& r = input.resolved;
    const auto& ids = input.problem.features();
    auto plan_for = [&](const std::vector<int>& must, size_t hardware) {
        MaximumOutcome outcome =
            find_maximum(input.problem, [&]() -> Encoding& { return encoding; }, r, must, hardware, deadline);
        if (outcome.kind == MaximumOutcome::Kind::timed_out) throw TimedOut(outcome.message);
        if (outcome.kind != MaximumOutcome::Kind::optimal)
            throw RecheckFailed("internal error: a relaxed request thought feasible has no plan");
        return verified_plan(input.matrix, input.problem, outcome.plan, hardware, {&must, &r.never});
    };
    for (const std::vector<int>& dropped : must_corrections(input, encoding, deadline)) {
        std::vector<int> must;
        for (int f : r.must)
            if (std::find(dropped.begin(), dropped.end(), f) == dropped.end()) must.push_back(f);
        Alternative alternative;
        for (int f : dropped) alternative.dropped.push_back(ids[f]);
        alternative.hardware = input.request.hardware;
        alternative.plan = plan_for(must, static_cast<size_t>(r.hardware));
        result.alternatives.push_back(std::move(alternative));
    }
    if (!r.allow_hardware_change) return;
    for (size_t h = 0; h < input.problem.hardware_count(); ++h) {
        if (static_cast<int>(h) == r.hardware) continue;
        Query probe(encoding, deadline);
        probe.require_hardware(h);
        for (int f : r.must) probe.require_feature(f, true);
        for (int f : r.never) probe.require_feature(f, false);
        if (!probe.check()) continue;
        Alternative alternative;
        alternative.hardware = input.problem.hardware()[h];
        alternative.plan = plan_for(r.must, h);
        result.alternatives.push_back(std::move(alternative));
    }
}

}  // namespace

std::vector<Conflict> must_conflicts(const CommandInput& input, Encoding& encoding, const Deadline& deadline) {
    const ResolvedRequest& r = input.resolved;
    std::vector<RequirementTerm> requirements;
    for (int f : r.must)
        requirements.emplace_back(Requirement::Kind::must, input.problem.features()[f], encoding.feature(f), f);
    requirements.emplace_back(Requirement::Kind::hardware, input.request.hardware,
                              encoding.on_hardware(static_cast<size_t>(r.hardware)));
    std::vector<z3::expr> hard;
    for (int f : r.never) hard.push_back(!encoding.feature(f));
    return find_conflicts(encoding, input.matrix, requirements, hard, deadline);
}

Result run_maximize(const CommandInput& input, const EncodingSource& encoding_source) {
    const ResolvedRequest& r = input.resolved;
    const size_t hardware = static_cast<size_t>(r.hardware);
    Deadline deadline(input.request.timeout_ms, input.started);
    Result result;
    result.criteria = criterion_names(maximize_criteria(input.problem, r, r.must, hardware));
    result.plan.hardware = input.request.hardware;

    MaximumOutcome outcome = find_maximum(input.problem, encoding_source, r, r.must, hardware, deadline);
    switch (outcome.kind) {
    case MaximumOutcome::Kind::optimal:
        result.status = Status::ok;
        result.plan = verified_plan(input.matrix, input.problem, outcome.plan, hardware, {&r.must, &r.never});
        result.off = off_reasons(input.matrix, input.problem, r, outcome.plan.on, hardware, outcome.plan.values);
        return result;
    case MaximumOutcome::Kind::timed_out:
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = outcome.message;
        // Only a plan that honours the whole request is shown; none is better
        // than one that silently drops a --must.
        result.plan = Plan{};
        if (outcome.has_plan)
            result.plan = verified_plan(input.matrix, input.problem, outcome.plan, hardware, {&r.must, &r.never});
        return result;
    case MaximumOutcome::Kind::infeasible:
        break;
    }
    // Infeasibility is proven here; a time limit can only cut the evidence short.
    result.status = Status::infeasible;
    Encoding& encoding = encoding_source();
    try {
        result.conflicts = must_conflicts(input, encoding, deadline);
        add_alternatives(input, encoding, deadline, result);
    } catch (const TimedOut& timeout) {
        result.proven_optimal = false;
        result.message = std::string("time limit reached before every conflict and alternative was listed (") +
                         timeout.what() + ")";
    }
    return result;
}

}  // namespace planner::solver
