// enumerate: every inclusion-maximal valid set containing the must features.
// Such a set is the must set plus a maximal clique of the "may be used
// together" graph over the candidates (features allowed on the hardware and
// with every must feature), so Bron-Kerbosch lists them all.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/bron_kerbosch_all_cliques.hpp>

#include <algorithm>

#include "solver/query.hpp"
#include "solver/questions/questions.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/verified_plan.hpp"

namespace planner::solver {

namespace {

using CompatibilityGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

struct CliqueCollector {
    const std::vector<int>* candidates;
    std::vector<std::vector<int>>* cliques;
    const Deadline* deadline;

    template <typename Clique, typename Graph>
    void clique(const Clique& clique, const Graph&) const {
        deadline->check();
        std::vector<int> features;
        for (auto vertex : clique) features.push_back((*candidates)[vertex]);
        cliques->push_back(std::move(features));
    }
};

// In the order of enumerate_criteria: larger sets first, then the tie-break.
// The sets are distinct, so no two have the same values.
void sort_by_table(const Problem& problem, const Criteria& order, std::vector<Assignment>& sets) {
    std::vector<std::pair<std::vector<long long>, Assignment>> ranked;
    for (Assignment& set : sets) {
        std::vector<long long> value = criteria_value(problem, order, set);
        ranked.emplace_back(std::move(value), std::move(set));
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    sets.clear();
    for (auto& item : ranked) sets.push_back(std::move(item.second));
}

// With rules the compatibility graph says too little (an implication, a
// variable), so Z3 lists the maximal sets: each found set is grown greedily in
// document order (a superset of a set that no earlier maximal set contains
// meets the same blocks, so the grown set is maximal among all valid sets),
// then every subset of it is blocked.
Result enumerate_with_rules(const CommandInput& input, Encoding& encoding, const Deadline& deadline) {
    const Problem& problem = input.problem;
    const ResolvedRequest& r = input.resolved;
    const size_t n = problem.feature_count(), hardware = static_cast<size_t>(r.hardware);
    Result result;
    result.plan.hardware = input.request.hardware;
    std::vector<Assignment> found;
    try {
        Query query(encoding, deadline);
        query.require_hardware(hardware);
        for (int f : r.must) query.require_feature(f, true);
        for (int f : r.never) query.require_feature(f, false);
        if (!query.check()) {
            result.status = Status::infeasible;
            result.conflicts = must_conflicts(input, encoding, deadline);
            return result;
        }
        std::vector<int> order(n);
        for (size_t f = 0; f < n; ++f) order[f] = static_cast<int>(f);
        result.status = Status::ok;
        do {
            Assignment grown;
            {
                Query grow(encoding, deadline);
                grow.check();
                grow.fix_features_greedily(order);
                grow.fix_variables();
                grown = grow.best();
            }
            z3::expr outside = encoding.context().bool_val(false);
            for (size_t f = 0; f < n; ++f)
                if (!grown.on[f]) outside = outside || encoding.feature(f);
            query.require(outside);
            found.push_back(std::move(grown));
        } while (query.check());
    } catch (const TimedOut& timeout) {
        if (result.status == Status::infeasible) {
            result.proven_optimal = false;
            result.message = std::string("time limit reached before every conflict was listed (") +
                             timeout.what() + ")";
            return result;
        }
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = timeout.what();
    }
    sort_by_table(problem, enumerate_criteria(problem, r), found);
    if (input.request.limit > 0 && found.size() > input.request.limit) found.resize(input.request.limit);
    for (const Assignment& plan : found)
        result.plans.push_back(verified_plan(input.matrix, problem, plan, hardware, {&r.must, &r.never}));
    return result;
}

}  // namespace

Result run_enumerate(const CommandInput& input, const EncodingSource& encoding) {
    const Problem& problem = input.problem;
    const ResolvedRequest& r = input.resolved;
    const size_t n = problem.feature_count(), hardware = static_cast<size_t>(r.hardware);
    Deadline deadline(input.request.timeout_ms, input.started);
    if (problem.has_rules()) return enumerate_with_rules(input, encoding(), deadline);
    Result result;
    result.plan.hardware = input.request.hardware;

    bool must_valid = true;
    for (size_t i = 0; i < r.must.size() && must_valid; ++i) {
        if (problem.support_forbidden(r.must[i], hardware)) must_valid = false;
        for (size_t j = 0; j < i; ++j)
            if (problem.pair_forbidden(r.must[i], r.must[j])) must_valid = false;
    }
    if (!must_valid) {
        result.status = Status::infeasible;
        try {
            result.conflicts = must_conflicts(input, encoding(), deadline);
        } catch (const TimedOut& timeout) {
            result.proven_optimal = false;
            result.message = std::string("time limit reached before every conflict was listed (") +
                             timeout.what() + ")";
        }
        return result;
    }

    std::vector<int> candidates;
    for (size_t f = 0; f < n; ++f) {
        if (r.is_must[f] || r.is_never[f] || problem.support_forbidden(f, hardware)) continue;
        bool fits = std::none_of(r.must.begin(), r.must.end(), [&](int g) { return problem.pair_forbidden(f, g); });
        if (fits) candidates.push_back(static_cast<int>(f));
    }
    CompatibilityGraph graph(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (!problem.pair_forbidden(candidates[i], candidates[j])) boost::add_edge(i, j, graph);

    std::vector<std::vector<int>> cliques;
    result.status = Status::ok;
    try {
        if (candidates.empty()) cliques.push_back({});  // the must set alone is the only maximal set
        else boost::bron_kerbosch_all_cliques(graph, CliqueCollector{&candidates, &cliques, &deadline}, 1);
    } catch (const TimedOut& timeout) {
        result.status = Status::timeout;
        result.proven_optimal = false;
        result.message = timeout.what();
    }

    std::vector<std::vector<char>> sets;
    for (const auto& clique : cliques) {
        std::vector<char> on = r.is_must;
        for (int f : clique) on[f] = 1;
        sets.push_back(std::move(on));
    }
    std::vector<Assignment> found;
    for (auto& on : sets) found.push_back({std::move(on), r.hardware, {}});
    sort_by_table(problem, enumerate_criteria(problem, r), found);
    if (input.request.limit > 0 && found.size() > input.request.limit) found.resize(input.request.limit);
    for (const Assignment& plan : found)
        result.plans.push_back(verified_plan(input.matrix, problem, plan.on, hardware, {&r.must, &r.never}));
    return result;
}

}  // namespace planner::solver
