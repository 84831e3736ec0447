// repair: the cheapest change to --have (weighted Hamming distance, plus the
// hardware cost when --allow-hw switches the class) that makes it valid.
#include <algorithm>

#include "solver/query.hpp"
#include "solver/questions/questions.hpp"
#include "solver/search/conflicts.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/verified_plan.hpp"

namespace planner::solver {

namespace {

std::vector<Conflict> repair_conflicts(const CommandInput& input, Encoding& encoding, const Deadline& deadline) {
    const ResolvedRequest& r = input.resolved;
    const auto& ids = input.problem.features();
    std::vector<RequirementTerm> requirements;
    std::vector<z3::expr> hard;
    // Only features forced on can clash; forced-off ones are the hard background.
    for (size_t f = 0; f < ids.size(); ++f) {
        const int on = static_cast<int>(f);
        if (r.is_must[f])
            requirements.emplace_back(Requirement::Kind::must, ids[f], encoding.feature(f), on);
        else if (r.keep[f] && r.have[f])
            requirements.emplace_back(Requirement::Kind::keep, ids[f], encoding.feature(f), on);
        else if (r.is_never[f] || r.keep[f]) hard.push_back(!encoding.feature(f));
    }
    if (!r.allow_hardware_change)
        requirements.emplace_back(Requirement::Kind::hardware, input.request.hardware,
                                  encoding.on_hardware(static_cast<size_t>(r.hardware)));
    return find_conflicts(encoding, input.matrix, requirements, hard, deadline);
}

std::vector<Change> changes_of(const CommandInput& input, const Assignment& plan) {
    const ResolvedRequest& r = input.resolved;
    std::vector<Change> out;
    for (size_t f = 0; f < plan.on.size(); ++f)
        if (static_cast<bool>(plan.on[f]) != static_cast<bool>(r.have[f]))
            out.push_back({plan.on[f] ? Change::Kind::add : Change::Kind::remove, input.problem.features()[f], "", ""});
    if (plan.hardware != r.hardware)
        out.push_back({Change::Kind::hardware, "", input.request.hardware, input.problem.hardware()[plan.hardware]});
    return out;
}

// Counting stops here: past it the answer says "at least".
constexpr size_t tied_count_cap = 1000;

// Every assignment the query's scope allows (the cost bounds are in it), up
// to the cap, each blocked once found. Its own scope, so the blocks go away.
std::vector<Assignment> all_in_scope(Encoding& encoding, const Deadline& deadline, bool hardware_varies,
                                     bool& complete) {
    Query query(encoding, deadline);
    std::vector<Assignment> out;
    complete = false;
    while (out.size() < tied_count_cap) {
        if (!query.check()) {
            complete = true;
            break;
        }
        const Assignment& found = query.best();
        z3::expr same = hardware_varies ? encoding.on_hardware(static_cast<size_t>(found.hardware))
                                        : encoding.context().bool_val(true);
        for (size_t f = 0; f < found.on.size(); ++f)
            same = same && (found.on[f] ? encoding.feature(f) : !encoding.feature(f));
        query.require(!same);
        out.push_back(found);
    }
    return out;
}

}  // namespace

Result run_repair(const CommandInput& input, Encoding& encoding) {
    const ResolvedRequest& r = input.resolved;
    const Problem& problem = input.problem;
    Deadline deadline(input.request.timeout_ms, input.started);
    const Criteria criteria = repair_criteria(problem, r);
    Result result;
    result.criteria = criterion_names(criteria);
    result.plan.hardware = input.request.hardware;
    // The cost counts changes from the configuration vLLM runs: what the
    // overrides change costs nothing, the note says it.
    if (!r.override_note.empty()) result.notes.push_back(r.override_note);

    if (deadline.expired()) {  // before the first scope, which no time limit reaches (solver/search/certified_maximum.cpp)
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = "time limit reached";
        result.plan = Plan{};
        return result;
    }
    Query query(encoding, deadline);
    const PlanRules rules{&r.must, &r.never, &r.keep, &r.have};
    std::vector<Assignment> tied;
    bool tied_complete = false;
    try {
        solve_criterion(query, criteria.front());  // the hard row
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

        for (size_t row = 1; row < repair_cost_rows; ++row) solve_criterion(query, criteria[row]);
        // The cost is fixed now: what satisfies it ties with the answer.
        try {
            tied = all_in_scope(encoding, deadline, r.allow_hardware_change, tied_complete);
        } catch (const TimedOut&) {
            tied_complete = false;
        }
        for (size_t row = repair_cost_rows; row < criteria.size(); ++row) solve_criterion(query, criteria[row]);
        result.status = Status::ok;
    } catch (const TimedOut& timeout) {
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = timeout.what();
        if (!query.has_model()) {
            result.plan = Plan{};
            return result;
        }
    }
    const Assignment& best = query.best();
    result.plan = verified_plan(input.matrix, problem, best, static_cast<size_t>(best.hardware), rules);
    result.changes = changes_of(input, best);
    if (result.status != Status::ok) return result;  // a cut search has no smallest cost to tie with

    // The answer first, then the others in the order of the rows after the
    // cost, the ones that chose it.
    std::vector<std::pair<std::vector<long long>, Assignment>> ranked;
    for (Assignment& a : tied) {
        const bool is_best = a.on == best.on && a.hardware == best.hardware;
        std::vector<long long> key{is_best ? 0 : 1};
        for (long long v : criteria_value(problem, criteria, a, repair_cost_rows)) key.push_back(v);
        ranked.emplace_back(std::move(key), std::move(a));
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    tied.clear();
    for (auto& item : ranked) tied.push_back(std::move(item.second));
    if (tied.empty() || tied.front().on != best.on || tied.front().hardware != best.hardware) {
        if (tied_complete) throw RecheckFailed("internal error: the repair chosen is not among the repairs of its cost");
        tied.insert(tied.begin(), best);  // the count stopped before reaching it
    }
    result.tied_count = tied.size();
    result.tied_count_exact = tied_complete;
    const size_t listed = input.request.limit == 0 ? tied.size() : std::min(tied.size(), input.request.limit);
    for (size_t i = 0; i < listed; ++i)
        result.tied_repairs.push_back(
            {changes_of(input, tied[i]),
             verified_plan(input.matrix, problem, tied[i], static_cast<size_t>(tied[i].hardware), rules)});
    return result;
}

}  // namespace planner::solver
