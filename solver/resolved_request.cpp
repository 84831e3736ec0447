#include "solver/resolved_request.hpp"

#include <algorithm>

#include <planner/error.hpp>

namespace planner::solver {

namespace {

// `field`: the Request member the ids come from, for the error.
int feature_of(const Problem& problem, const std::string& id, const char* field) {
    int index = problem.feature_index(id);
    if (index < 0)
        throw RequestError(field, "{" + std::string(field) + "}: feature '" + id + "' is not in the matrix");
    return index;
}

std::vector<int> feature_list(const Problem& problem, const std::vector<std::string>& ids, const char* field,
                              bool duplicates_are_errors) {
    std::vector<int> out;
    for (const std::string& id : ids) {
        int index = feature_of(problem, id, field);
        if (std::find(out.begin(), out.end(), index) != out.end()) {
            if (duplicates_are_errors)
                throw RequestError(field, "{" + std::string(field) + "} lists '" + id +
                                             "' twice; its order would be ambiguous");
            continue;
        }
        out.push_back(index);
    }
    return out;
}

std::vector<char> membership(size_t n, const std::vector<int>& indices) {
    std::vector<char> out(n, 0);
    for (int i : indices) out[i] = 1;
    return out;
}

}  // namespace

ResolvedRequest resolve_request(const Problem& problem, const Request& request) {
    const size_t n = problem.feature_count();
    ResolvedRequest out;
    out.hardware = problem.hardware_index(request.hardware);
    if (out.hardware < 0) 
        throw RequestError("hardware", "{hardware}: hardware '" + request.hardware + "' has no column in the matrix");
    out.must = feature_list(problem, request.must, "must", false);
    out.never = feature_list(problem, request.never, "never", false);
    out.prefer = feature_list(problem, request.prefer, "prefer", true);
    out.is_must = membership(n, out.must);
    out.is_never = membership(n, out.never);
    for (int f : out.must)
        if (out.is_never[f]) throw RequestError("must", "'" + problem.features()[f] + "' is both {must} and {never}");
    for (int f : out.prefer)
        if (out.is_never[f])
            throw RequestError("prefer", "'" + problem.features()[f] + "' is both {prefer} and {never}");

    out.weight.assign(n, 1);
    for (const auto& [id, weight] : request.weights) {
        int f = feature_of(problem, id, "weights");
        if (out.is_never[f])
            throw RequestError("weights", "'" + problem.features()[f] + "' is both {weights} and {never}");
        if (weight < 0)
            throw RequestError("weights", "{weights} " + id + "=" + std::to_string(weight) + ": weights must be >= 0");
        if (weight > max_weight)
            throw RequestError("weights", "{weights} " + id + "=" + std::to_string(weight) +
                                              ": weights must be at most " + std::to_string(max_weight));
        out.weight[f] = weight;
    }

    out.have = membership(n, feature_list(problem, request.have, "have", false));
    out.keep = membership(n, feature_list(problem, request.keep, "keep", false));
    for (size_t f = 0; f < n; ++f) {
        if (!out.keep[f]) continue;
        const std::string& id = problem.features()[f];
        if (out.have[f] && out.is_never[f])
            throw RequestError("keep", "{keep} " + id + " and {never} " + id + " contradict (" + id + " is in {have})");
        if (!out.have[f] && out.is_must[f])
            throw RequestError("keep",
                               "{keep} " + id + " and {must} " + id + " contradict (" + id + " is not in {have})");
    }

    const RuleSet& rules = problem.rules();
    const Configuration given{out.have, out.hardware, default_values(rules)};
    std::vector<size_t> applied;
    const Configuration run = run_configuration(rules, given, &applied);
    out.have = run.on;
    out.override_note = override_note(problem.features(), rules, given, run, applied);

    out.allow_hardware_change = request.allow_hardware_change;
    if (request.hardware_cost < 0) throw RequestError("hardware_cost", "{hardware_cost} must be >= 0");
    if (request.hardware_cost > max_weight)
        throw RequestError("hardware_cost", "{hardware_cost} must be at most " + std::to_string(max_weight));
    out.hardware_cost = request.hardware_cost;
    return out;
}

}  // namespace planner::solver
