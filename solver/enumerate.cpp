// enumerate: every inclusion-maximal valid set containing the must features.
// Such a set is the must set plus a maximal clique of the "may be used
// together" graph over the candidates (features allowed on the hardware and
// with every must feature), so Bron-Kerbosch lists them all.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/bron_kerbosch_all_cliques.hpp>

#include <algorithm>

#include "solver/commands.hpp"
#include "solver/verified_plan.hpp"

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

// Larger sets first, then the tie-break order (bit vector in document order,
// greatest first).
bool enumerate_order(const std::vector<char>& x, const std::vector<char>& y) {
    long cx = std::count(x.begin(), x.end(), 1), cy = std::count(y.begin(), y.end(), 1);
    if (cx != cy) return cx > cy;
    return x > y;
}

}  // namespace

Result run_enumerate(const CommandInput& input, const EncodingSource& encoding) {
    const Problem& problem = input.problem;
    const ResolvedRequest& r = input.resolved;
    const size_t n = problem.feature_count(), hardware = static_cast<size_t>(r.hardware);
    Deadline deadline(input.request.timeout_ms, input.started);
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
    std::sort(sets.begin(), sets.end(), enumerate_order);
    if (input.request.limit > 0 && sets.size() > input.request.limit) sets.resize(input.request.limit);
    for (const auto& on : sets)
        result.plans.push_back(verified_plan(input.matrix, problem, on, hardware, {&r.must, &r.never}));
    return result;
}

}  // namespace planner::solver
