// --any-version against running each version on its own: random matrices,
// 2 to 4 versions per case (some derived from one another, some unrelated),
// each version judged by the brute-force planner and by the Engine alone.
// PLANNER_ANY_VERSION_SEED=<seed> reruns one case; PLANNER_ANY_VERSION_CASES=<n>
// changes how many run.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include <planner/engine.hpp>

#include "brute_force.hpp"
#include "random_matrix.hpp"
#include "solver/questions/any_version.hpp"

using namespace planner;

namespace {

// One engine for every call, as the command line keeps one: later calls reuse
// its context and encodings, and must answer as the first did.
AnyVersionResult across(const std::vector<Matrix>& versions, const Request& request, Question question) {
    static Engine engine;
    return engine.across_versions(versions, request, question);
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A later release of `base`: some cells re-drawn, perhaps a feature or a hardware class gone.
Matrix derived(std::mt19937_64& rng, const Matrix& base) {
    static const CellValue values[] = {CellValue::yes, CellValue::no, CellValue::partial, CellValue::unknown,
                                       CellValue::blank};
    std::uniform_int_distribution<int> value(0, 4);
    std::bernoulli_distribution redraw(0.2), drop(0.3);
    Matrix out = base;
    for (auto& cell : out.pairs)
        if (redraw(rng)) cell.value = values[value(rng)];
    for (auto& cell : out.support)
        if (redraw(rng)) cell.value = values[value(rng)];
    if (out.features.size() > 3 && drop(rng)) {
        std::string gone = out.features[std::uniform_int_distribution<size_t>(0, out.features.size() - 1)(rng)];
        std::erase(out.features, gone);
        std::erase_if(out.pairs, [&](const PairCell& c) { return c.a == gone || c.b == gone; });
        std::erase_if(out.support, [&](const SupportCell& c) { return c.feature == gone; });
        out.diagonal.erase(gone);
    }
    if (out.hardware.size() > 1 && drop(rng)) {
        std::string gone = out.hardware.back();
        out.hardware.pop_back();
        std::erase_if(out.support, [&](const SupportCell& c) { return c.hardware == gone; });
    }
    out.reindex();
    return out;
}

std::vector<Matrix> random_versions(std::mt19937_64& rng) {
    std::vector<Matrix> versions{randomized::random_matrix(rng, 3, 12)};
    size_t count = std::uniform_int_distribution<size_t>(2, 4)(rng);
    while (versions.size() < count) {
        const Matrix& base = versions[std::uniform_int_distribution<size_t>(0, versions.size() - 1)(rng)];
        Matrix next = std::bernoulli_distribution(0.7)(rng) ? derived(rng, base) : randomized::random_matrix(rng, 3, 12);
        versions.push_back(std::move(next));
    }
    for (size_t v = 0; v < versions.size(); ++v) versions[v].id = std::string("v").append(std::to_string(v));
    return versions;
}

Request local_request(const Matrix& matrix, Request request) {
    auto known = [&](std::vector<std::string>& ids) {
        std::erase_if(ids, [&](const std::string& id) { return !matrix.has_feature(id); });
    };
    known(request.must);
    known(request.never);
    known(request.prefer);
    known(request.have);
    known(request.keep);
    std::erase_if(request.weights, [&](const auto& item) { return !matrix.has_feature(item.first); });
    return request;
}

bool lacks_any(const Matrix& matrix, const std::vector<std::string>& ids) {
    return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return !matrix.has_feature(id); });
}

std::vector<std::vector<std::string>> requirement_sets(const std::vector<Conflict>& conflicts) {
    std::vector<std::vector<std::string>> out;
    for (const Conflict& conflict : conflicts)
        if (!conflict.cells.empty()) {
            std::vector<std::string> texts;
            for (const Requirement& requirement : conflict.requirements) texts.push_back(to_string(requirement));
            out.push_back(std::move(texts));
        }
    return out;
}

void run_case(unsigned long long seed) {
    CAPTURE(seed);
    std::mt19937_64 rng(seed);
    const std::vector<Matrix> versions = random_versions(rng);
    const Matrix& chosen = versions[std::uniform_int_distribution<size_t>(0, versions.size() - 1)(rng)];
    Request request = randomized::random_request(rng, chosen);
    request.limit = 0;
    Engine engine;

    AnyVersionResult maximize = across(versions, request, Question::maximize);
    AnyVersionResult check = across(versions, request, Question::check);
    AnyVersionResult explain = across(versions, request, Question::explain);
    AnyVersionResult repair = across(versions, request, Question::repair);
    for (const AnyVersionResult* result : {&maximize, &check, &explain, &repair}) {
        CAPTURE(result->message);
        REQUIRE(result->status != Status::error);
        REQUIRE(result->versions.size() == versions.size());
    }

    std::vector<std::string> allowing;
    for (size_t v = 0; v < versions.size(); ++v) {
        const Matrix& matrix = versions[v];
        CAPTURE(matrix.id);
        const bool has_hardware = matrix.has_hardware(request.hardware);
        const Request local = local_request(matrix, request);
        brute::Planner brute(matrix, request.policy);

        // maximize: allowed iff the version has every name and brute force finds a plan there.
        bool expected = has_hardware && !lacks_any(matrix, request.must);
        brute::MaximizeAnswer best;
        if (expected) {
            best = brute.maximize(local);
            expected = best.best.feasible;
        }
        const VersionAnswer& m = maximize.versions[v];
        CHECK(m.version == matrix.id);
        CHECK(m.allows == expected);
        if (expected) {
            allowing.push_back(matrix.id);
            CHECK(m.result.plan.features == brute.names_of(best.best.set));
            Result alone = engine.maximize(matrix, local);
            CHECK(m.result.plan.features == alone.plan.features);
            CHECK(m.result.plan.risks == alone.plan.risks);
        } else if (has_hardware && !lacks_any(matrix, request.must)) {
            CHECK(requirement_sets(m.result.conflicts) == brute.explain(local));
        }

        // check: the configuration --have, all of whose features the version must have.
        bool valid = has_hardware && !lacks_any(matrix, request.have) && brute.check(request.hardware, local.have).valid;
        CHECK(check.versions[v].allows == valid);

        // explain: no conflict at all.
        bool free = has_hardware && !lacks_any(matrix, request.must) && brute.explain(local).empty();
        CHECK(explain.versions[v].allows == free);

        // repair: some change within --keep works (keeping a feature on needs its row).
        std::vector<std::string> kept_on;
        for (const auto& id : request.keep)
            if (has(request.have, id)) kept_on.push_back(id);
        bool repairable = has_hardware && !lacks_any(matrix, request.must) && !lacks_any(matrix, kept_on) &&
                          brute.repair(local).best.feasible;
        CHECK(repair.versions[v].allows == repairable);
        if (repairable) {
            Result alone = engine.repair(matrix, local);
            CHECK(repair.versions[v].result.changes.size() == alone.changes.size());
        }
    }
    CHECK(maximize.allowing == allowing);
    CHECK((maximize.status == Status::ok) == !allowing.empty());
}

}  // namespace

TEST_CASE("--any-version agrees with each version asked alone") {
    if (const char* one = std::getenv("PLANNER_ANY_VERSION_SEED")) {
        run_case(std::strtoull(one, nullptr, 10));
        return;
    }
    const char* count = std::getenv("PLANNER_ANY_VERSION_CASES");
    const long cases = count ? std::strtol(count, nullptr, 10) : 300;
    for (long i = 0; i < cases; ++i) run_case(7919ull * static_cast<unsigned long long>(i) + 3);
}
