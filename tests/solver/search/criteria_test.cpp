// The criteria tables (solver/search/criteria.hpp) against brute force. For
// each question, on random matrices, the Z3-free values of the table's rows
// for the engine's answer are the lexicographic minimum over every valid
// assignment that meets the hard row; the valid assignments come from the
// brute-force planner, which tries every subset and shares no code with the
// solver. PLANNER_CRITERIA_SEED=<seed> reruns one case.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include <planner/across_versions.hpp>
#include <planner/engine.hpp>

#include "brute_force.hpp"
#include "random_matrix.hpp"
#include "solver/resolved_request.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/lexicographic_search.hpp"

using namespace planner;
using solver::Assignment;
using solver::Criteria;

namespace {

constexpr unsigned long long cases = 150;

size_t index_of(const std::vector<std::string>& ids, const std::string& id) {
    auto it = std::find(ids.begin(), ids.end(), id);
    REQUIRE(it != ids.end());
    return static_cast<size_t>(it - ids.begin());
}

Assignment assignment_of(const solver::Problem& problem, const std::vector<std::string>& features,
                         const std::string& hardware) {
    Assignment a;
    a.on.assign(problem.feature_count(), 0);
    for (const std::string& id : features) a.on[index_of(problem.features(), id)] = 1;
    a.hardware = static_cast<int>(index_of(problem.hardware(), hardware));
    return a;
}

// Every assignment the brute-force planner calls valid, on the given classes.
std::vector<Assignment> valid_assignments(const brute::Planner& brute, const solver::Problem& problem,
                                          const std::vector<std::string>& hardware) {
    std::vector<Assignment> out;
    for (const std::string& h : hardware)
        for (brute::Set set = 0; set < (brute::Set{1} << brute.feature_count()); ++set) {
            const std::vector<std::string> names = brute.names_of(set);
            if (brute.check(h, names).valid) out.push_back(assignment_of(problem, names, h));
        }
    return out;
}

bool meets_hard(const solver::Problem& problem, const Criteria& table, const Assignment& a) {
    for (const solver::Criterion& row : table)
        if (row.kind == solver::Criterion::Kind::hard && solver::criterion_value(problem, row, a).front() != 0)
            return false;
    return true;
}

size_t meeting_hard(const solver::Problem& problem, const Criteria& table, const std::vector<Assignment>& valid) {
    return static_cast<size_t>(std::count_if(valid.begin(), valid.end(),
                                             [&](const Assignment& a) { return meets_hard(problem, table, a); }));
}

// The answer is valid, meets the hard row, and no valid assignment that meets
// it has smaller values.
void require_optimal(const solver::Problem& problem, const Criteria& table, const Assignment& answer,
                     const std::vector<Assignment>& valid) {
    REQUIRE(std::any_of(valid.begin(), valid.end(), [&](const Assignment& a) {
        return a.on == answer.on && a.hardware == answer.hardware;
    }));
    REQUIRE(meets_hard(problem, table, answer));
    const std::vector<long long> best = solver::criteria_value(problem, table, answer);
    for (const Assignment& a : valid)
        if (meets_hard(problem, table, a)) {
            CAPTURE(solver::criteria_value(problem, table, a));
            CHECK(best <= solver::criteria_value(problem, table, a));
        }
}

struct Case {
    Matrix matrix;
    Request request;
};

Case random_case(unsigned long long seed) {
    std::mt19937_64 rng(seed);
    Case out{randomized::random_matrix(rng, 2, 8), {}};
    out.request = randomized::random_request(rng, out.matrix);
    out.request.limit = 0;
    return out;
}

template <class Run>
void for_each_case(unsigned long long salt, Run run) {
    if (const char* one = std::getenv("PLANNER_CRITERIA_SEED")) {
        run(std::strtoull(one, nullptr, 10));
        return;
    }
    for (unsigned long long i = 0; i < cases; ++i) run(salt * 1'000'003 + i);
}

Engine& engine() {
    static Engine shared;
    return shared;
}

}  // namespace

TEST_CASE("maximize: the answer is lexicographically optimal by its criteria table") {
    for_each_case(1, [](unsigned long long seed) {
        CAPTURE(seed);
        const Case c = random_case(seed);
        const solver::Problem problem(c.matrix, c.request.policy);
        const solver::ResolvedRequest r = solver::resolve_request(problem, c.request);
        const Criteria table = solver::maximize_criteria(problem, r, r.must, static_cast<size_t>(r.hardware));
        // The branch and bound reads every maximize table back (else Z3 alone would answer)...
        const std::optional<solver::SearchRows> rows = solver::search_rows(table, problem.feature_count());
        REQUIRE(rows.has_value());
        CHECK(rows->must == r.must);
        CHECK(rows->never == r.never);
        CHECK(rows->prefer == r.prefer);
        for (size_t f = 0; f < problem.feature_count(); ++f) CHECK(rows->weight[f] == std::max(0LL, r.weight[f]));
        // ...and declines a table with a row it does not know.
        Criteria longer = table;
        longer.push_back({solver::Criterion::Kind::smallest_sum, "fewest features", {{}}, {1}, {}});
        CHECK_FALSE(solver::search_rows(longer, problem.feature_count()).has_value());
        const brute::Planner brute(c.matrix, c.request.policy);
        const std::vector<Assignment> valid = valid_assignments(brute, problem, {c.request.hardware});
        const Result result = engine().maximize(c.matrix, c.request);
        REQUIRE(result.criteria == solver::criterion_names(table));
        if (result.status == Status::infeasible) {
            CHECK(meeting_hard(problem, table, valid) == 0);
            return;
        }
        REQUIRE(result.status == Status::ok);
        require_optimal(problem, table, assignment_of(problem, result.plan.features, result.plan.hardware), valid);
    });
}

TEST_CASE("repair: the answer is lexicographically optimal by its criteria table") {
    for_each_case(2, [](unsigned long long seed) {
        CAPTURE(seed);
        const Case c = random_case(seed);
        const solver::Problem problem(c.matrix, c.request.policy);
        const solver::ResolvedRequest r = solver::resolve_request(problem, c.request);
        const Criteria table = solver::repair_criteria(problem, r);
        const brute::Planner brute(c.matrix, c.request.policy);
        const std::vector<Assignment> valid = valid_assignments(brute, problem, c.matrix.hardware);
        const Result result = engine().repair(c.matrix, c.request);
        REQUIRE(result.criteria == solver::criterion_names(table));
        if (result.status == Status::infeasible) {
            CHECK(meeting_hard(problem, table, valid) == 0);
            return;
        }
        REQUIRE(result.status == Status::ok);
        const Assignment answer = assignment_of(problem, result.plan.features, result.plan.hardware);
        require_optimal(problem, table, answer, valid);
        // The tied repairs: the answer first, then in the order of the rows after the cost.
        REQUIRE(!result.tied_repairs.empty());
        std::vector<long long> previous;
        const std::vector<long long> cost = solver::criteria_value(problem, Criteria(table.begin(), table.begin() + solver::repair_cost_rows), answer);
        for (const auto& tied : result.tied_repairs) {
            const Assignment a = assignment_of(problem, tied.plan.features, tied.plan.hardware);
            CHECK(solver::criteria_value(problem, Criteria(table.begin(), table.begin() + solver::repair_cost_rows), a) == cost);
            const std::vector<long long> rest = solver::criteria_value(problem, table, a, solver::repair_cost_rows);
            CHECK(previous < rest);
            previous = rest;
        }
    });
}

TEST_CASE("enumerate: the sets come in the order of its criteria table, the first one optimal") {
    for_each_case(3, [](unsigned long long seed) {
        CAPTURE(seed);
        const Case c = random_case(seed);
        const solver::Problem problem(c.matrix, c.request.policy);
        const solver::ResolvedRequest r = solver::resolve_request(problem, c.request);
        const Criteria table = solver::enumerate_criteria(problem, r);
        const brute::Planner brute(c.matrix, c.request.policy);
        const std::vector<Assignment> valid = valid_assignments(brute, problem, {c.request.hardware});
        const Result result = engine().enumerate(c.matrix, c.request);
        if (result.status == Status::infeasible) {
            CHECK(meeting_hard(problem, table, valid) == 0);
            return;
        }
        REQUIRE(result.status == Status::ok);
        REQUIRE(!result.plans.empty());
        require_optimal(problem, table, assignment_of(problem, result.plans.front().features, c.request.hardware),
                        valid);
        // The table's order is the documented one the brute force sorts by on its own.
        const std::optional<std::vector<brute::Set>> expected = brute.enumerate(c.request);
        REQUIRE(expected.has_value());
        REQUIRE(expected->size() == result.plans.size());
        for (size_t i = 0; i < expected->size(); ++i) CHECK(brute.names_of((*expected)[i]) == result.plans[i].features);
        std::vector<long long> previous;
        for (const Plan& plan : result.plans) {
            const std::vector<long long> value =
                solver::criteria_value(problem, table, assignment_of(problem, plan.features, c.request.hardware));
            CHECK(previous < value);
            previous = value;
        }
    });
}

TEST_CASE("any-version: each allowing version's plan is optimal by that version's maximize table") {
    for_each_case(4, [](unsigned long long seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed);
        std::vector<Matrix> versions{randomized::random_matrix(rng, 2, 8), randomized::random_matrix(rng, 2, 8)};
        versions[0].id = "v0";
        versions[1].id = "v1";
        Request request = randomized::random_request(rng, versions[0]);
        request.limit = 0;
        const AnyVersionResult across = engine().across_versions(versions, request, Question::maximize);
        CAPTURE(across.message);
        REQUIRE(across.status != Status::error);
        for (size_t v = 0; v < versions.size(); ++v) {
            const VersionAnswer& answer = across.versions[v];
            if (!answer.allows) continue;
            const Matrix& matrix = versions[v];
            CAPTURE(matrix.id);
            Request local = request;
            auto known = [&](std::vector<std::string>& ids) {
                std::erase_if(ids, [&](const std::string& id) { return !matrix.has_feature(id); });
            };
            known(local.must);
            known(local.never);
            known(local.prefer);
            known(local.have);
            known(local.keep);
            std::erase_if(local.weights, [&](const auto& item) { return !matrix.has_feature(item.first); });
            const solver::Problem problem(matrix, request.policy);
            const solver::ResolvedRequest r = solver::resolve_request(problem, local);
            const Criteria table = solver::maximize_criteria(problem, r, r.must, static_cast<size_t>(r.hardware));
            const brute::Planner brute(matrix, request.policy);
            require_optimal(problem, table,
                            assignment_of(problem, answer.result.plan.features, answer.result.plan.hardware),
                            valid_assignments(brute, problem, {local.hardware}));
        }
    });
}

TEST_CASE("declared variables are the last row of maximize and repair, valued without Z3") {
    std::mt19937_64 rng(7);
    const Matrix matrix = randomized::random_matrix(rng, 2, 4);
    RuleSet rules;
    Variable pp;
    pp.name = "pipeline_parallel_size";
    pp.type = Variable::Type::integer;
    pp.min = 1;
    pp.max = 8;
    pp.default_value = 2;
    rules.variables.push_back(pp);
    rules.fixed.push_back(std::nullopt);
    const Policy policy;
    const solver::Problem problem(matrix, policy, rules);
    Request request;
    request.hardware = matrix.hardware.front();
    const solver::ResolvedRequest r = solver::resolve_request(problem, request);
    for (const Criteria& table : {solver::maximize_criteria(problem, r, r.must, static_cast<size_t>(r.hardware)),
                                  solver::repair_criteria(problem, r)}) {
        REQUIRE(table.back().kind == solver::Criterion::Kind::variables_at_defaults);
        CHECK(table.back().name == solver::variables_criterion_name);
        Assignment a{std::vector<char>(problem.feature_count(), 0), r.hardware, {2}};
        CHECK(solver::criterion_value(problem, table.back(), a) == std::vector<long long>{0, 0});
        a.values = {1};
        const std::vector<long long> below = solver::criterion_value(problem, table.back(), a);
        a.values = {5};
        const std::vector<long long> above = solver::criterion_value(problem, table.back(), a);
        CHECK(below == std::vector<long long>{1, 1});
        CHECK(below < above);  // off the default, the smaller value first
    }
    // The branch and bound does not read a table with this row.
    CHECK_FALSE(solver::search_rows(solver::maximize_criteria(problem, r, r.must, static_cast<size_t>(r.hardware)),
                                    problem.feature_count())
                    .has_value());
}
