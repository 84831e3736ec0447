// The engine against the brute-force planner on random matrices. Every
// disagreement prints its seed; PLANNER_DIFF_SEED=<seed> reruns that one
// case, PLANNER_DIFF_CASES=<n> changes how many cases run.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include <planner/engine.hpp>

#include "brute_force.hpp"
#include "random_matrix.hpp"
#include "solver/encoding.hpp"

using namespace planner;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return "{" + out + "}";
}

std::string cell_text(const CellRef& cell) { return cell.row + "|" + cell.column + "|" + std::string(to_string(cell.value)); }

std::vector<std::string> cell_texts(const std::vector<CellRef>& cells) {
    std::vector<std::string> out;
    for (const auto& cell : cells) out.push_back(cell_text(cell));
    return out;
}

std::string join_criteria(const std::vector<long long>& values) {
    std::string out;
    for (long long v : values) {
        if (!out.empty()) out += ",";
        out += std::to_string(v);
    }
    return "[" + out + "]";
}

std::string describe(const Request& r) {
    std::ostringstream out;
    out << "--hw " << r.hardware << " --must " << join(r.must) << " --never " << join(r.never) << " --prefer "
        << join(r.prefer) << " --have " << join(r.have) << " --keep " << join(r.keep) << " weights {";
    for (const auto& [f, w] : r.weights) out << f << "=" << w << " ";
    out << "} partial " << (r.policy.forbid_partial ? "forbidden" : "allowed") << ", unknown "
        << (r.policy.forbid_unknown ? "forbidden" : "allowed") << (r.allow_hardware_change ? " --allow-hw" : "")
        << " --hw-cost " << r.hardware_cost << " --limit " << r.limit;
    return out.str();
}

struct Run {
    std::map<std::string, long> counts;
    std::map<std::string, double> seconds;  // time spent per command (engine and brute force)
    long disagreements = 0;
    unsigned long long seed = 0;
    const Request* request = nullptr;

    // Records one comparison; prints the seed and the case on a mismatch.
    void expect(bool agree, const std::string& kind, const std::string& detail) {
        ++counts[kind];
        if (agree) return;
        ++disagreements;
        std::printf("DISAGREE seed=%llu kind=%s: %s\n  request: %s\n", seed, kind.c_str(), detail.c_str(),
                    describe(*request).c_str());
    }
};

// The request items as the brute force names them: "must lora", "hardware cpu".
std::vector<std::string> texts(const std::vector<Requirement>& requirements) {
    std::vector<std::string> out;
    for (const Requirement& requirement : requirements) out.push_back(to_string(requirement));
    return out;
}

void compare_conflicts(Run& run, const brute::Planner& brute, const std::string& kind,
                       const std::vector<Conflict>& engine, const std::vector<std::vector<std::string>>& expected) {
    std::vector<std::vector<std::string>> got;
    for (const auto& conflict : engine) got.push_back(texts(conflict.requirements));
    std::string got_text, expected_text;
    for (const auto& set : got) got_text += join(set);
    for (const auto& set : expected) expected_text += join(set);
    run.expect(got == expected, kind + " conflict sets", "engine " + got_text + " brute " + expected_text);
    for (const auto& conflict : engine)
        run.expect(brute.cells_explain(conflict.requirements, conflict.cells), kind + " conflict cells",
                   join(texts(conflict.requirements)) + " cells " + join(cell_texts(conflict.cells)));
}

void compare_maximize(Run& run, Engine& engine, const Matrix& matrix, const Request& request,
                      const brute::Planner& brute) {
    Result result = engine.maximize(matrix, request);
    brute::MaximizeAnswer expected = brute.maximize(request);
    bool feasible = result.status == Status::ok;
    run.expect(feasible == expected.best.feasible &&
                   (result.status == Status::ok || result.status == Status::infeasible),
               "maximize feasibility", "engine " + std::string(to_string(result.status)) + " " + result.message);
    if (!expected.best.feasible || !feasible) {
        if (!expected.best.feasible && result.status == Status::infeasible) {
            compare_conflicts(run, brute, "maximize", result.conflicts, expected.conflicts);
            bool same = result.alternatives.size() == expected.alternatives.size();
            for (size_t i = 0; same && i < result.alternatives.size(); ++i) {
                const auto& got = result.alternatives[i];
                const auto& want = expected.alternatives[i];
                same = got.dropped == want.dropped && got.hardware == want.hardware &&
                       got.plan.features == brute.names_of(want.plan.set);
            }
            run.expect(same, "maximize alternatives", std::to_string(result.alternatives.size()) + " vs " +
                                                          std::to_string(expected.alternatives.size()));
        }
        return;
    }
    std::vector<long long> criteria = brute.score(request, result.plan.features, result.plan.hardware);
    run.expect(criteria == expected.best.criteria, "maximize criteria",
               "engine " + join_criteria(criteria) + " brute " + join_criteria(expected.best.criteria));
    run.expect(result.plan.features == brute.names_of(expected.best.set), "maximize set",
               "engine " + join(result.plan.features) + " brute " + join(brute.names_of(expected.best.set)));
    run.expect(cell_texts(result.plan.risks) == brute.check(request.hardware, result.plan.features).risks,
               "maximize risks", join(cell_texts(result.plan.risks)));
    std::vector<std::pair<std::string, std::string>> off;
    for (const auto& reason : result.off) off.emplace_back(reason.feature, reason.reason);
    run.expect(off == expected.off, "maximize off reasons", "");

    // Asked again and again, as a batch stream does: from the encoding's
    // certificates_before_counters-th certificate on, the optimum is certified
    // through counters in another solver, which must not change the answer.
    for (unsigned again = 0; again < solver::Encoding::certificates_before_counters; ++again) {
        Result warm = engine.maximize(matrix, request);
        run.expect(warm.status == Status::ok && warm.proven_optimal &&
                       warm.plan.features == brute.names_of(expected.best.set),
                   "maximize warm set", "engine " + join(warm.plan.features) + " brute " +
                                            join(brute.names_of(expected.best.set)));
    }
}

void compare_repair(Run& run, Engine& engine, const Matrix& matrix, const Request& request,
                    const brute::Planner& brute) {
    Result result = engine.repair(matrix, request);
    brute::RepairAnswer expected = brute.repair(request);
    bool feasible = result.status == Status::ok;
    run.expect(feasible == expected.best.feasible &&
                   (result.status == Status::ok || result.status == Status::infeasible),
               "repair feasibility", "engine " + std::string(to_string(result.status)) + " " + result.message);
    if (!feasible || !expected.best.feasible) {
        if (!expected.best.feasible && result.status == Status::infeasible)
            compare_conflicts(run, brute, "repair", result.conflicts, expected.conflicts);
        return;
    }
    std::vector<long long> criteria = brute.repair_score(request, result.plan.features, result.plan.hardware);
    run.expect(criteria == expected.best.criteria, "repair cost",
               "engine " + join_criteria(criteria) + " brute " + join_criteria(expected.best.criteria));
    std::string expected_hw = matrix.hardware[expected.best.hardware];
    run.expect(result.plan.features == brute.names_of(expected.best.set) && result.plan.hardware == expected_hw,
               "repair set",
               "engine " + join(result.plan.features) + " on " + result.plan.hardware + " brute " +
                   join(brute.names_of(expected.best.set)) + " on " + expected_hw);
    // The changes are exactly the difference between --have and the plan.
    size_t differing = 0;
    for (const auto& f : matrix.features) {
        bool had = brute.set_of(request.have) >> brute.feature(f) & 1u;
        bool has = brute.set_of(result.plan.features) >> brute.feature(f) & 1u;
        differing += had != has;
    }
    if (result.plan.hardware != request.hardware) ++differing;
    run.expect(result.changes.size() == differing, "repair changes", std::to_string(result.changes.size()));
}

void compare_check(Run& run, Engine& engine, const Matrix& matrix, const Request& request,
                   const brute::Planner& brute) {
    Result result = engine.check(matrix, request);
    brute::CheckAnswer expected = brute.check(request.hardware, request.have);
    run.expect((result.status == Status::ok) == expected.valid &&
                   cell_texts(result.violations) == expected.violations &&
                   cell_texts(result.plan.risks) == expected.risks,
               "check", "violations " + join(cell_texts(result.violations)) + " vs " + join(expected.violations));
}

void compare_enumerate(Run& run, Engine& engine, const Matrix& matrix, const Request& request,
                       const brute::Planner& brute) {
    Result result = engine.enumerate(matrix, request);
    auto expected = brute.enumerate(request);
    if (!expected) {
        run.expect(result.status == Status::infeasible, "enumerate family", "engine found the must set feasible");
        return;
    }
    std::vector<std::string> got, want;
    for (const auto& plan : result.plans) got.push_back(join(plan.features));
    for (brute::Set set : *expected) want.push_back(join(brute.names_of(set)));
    run.expect(result.status == Status::ok && got == want, "enumerate family",
               std::to_string(got.size()) + " sets vs " + std::to_string(want.size()));
}

void compare_explain(Run& run, Engine& engine, const Matrix& matrix, const Request& request,
                     const brute::Planner& brute) {
    Result result = engine.explain(matrix, request);
    auto expected = brute.explain(request);
    run.expect((result.status == Status::ok) == expected.empty() &&
                   (result.status == Status::ok || result.status == Status::infeasible),
               "explain status", std::string(to_string(result.status)));
    compare_conflicts(run, brute, "explain", result.conflicts, expected);
}

void run_case(Run& run, Engine& engine, unsigned long long seed) {
    std::mt19937_64 rng(seed);
    Matrix matrix = randomized::random_matrix(rng, 3, 14);
    for (int round = 0; round < 2; ++round) {
        Request request = randomized::random_request(rng, matrix);
        brute::Planner brute(matrix, request.policy);
        run.seed = seed;
        run.request = &request;
        auto timed = [&](const char* name, auto compare) {
            auto start = std::chrono::steady_clock::now();
            compare(run, engine, matrix, request, brute);
            run.seconds[name] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        };
        timed("maximize", compare_maximize);
        timed("repair", compare_repair);
        timed("check", compare_check);
        timed("enumerate", compare_enumerate);
        timed("explain", compare_explain);
    }
}

}  // namespace

int main() {
    Run run;
    Engine engine;
    auto start = std::chrono::steady_clock::now();
    long cases = 0;
    if (const char* one = std::getenv("PLANNER_DIFF_SEED")) {
        run_case(run, engine, std::strtoull(one, nullptr, 10));
        cases = 1;
    } else {
        const char* count = std::getenv("PLANNER_DIFF_CASES");
        cases = count ? std::strtol(count, nullptr, 10) : 2000;
        for (long i = 0; i < cases; ++i) run_case(run, engine, 1000003ull * static_cast<unsigned long long>(i) + 17);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string summary;
    long total = 0;
    for (const auto& [kind, count] : run.counts) {
        summary += (summary.empty() ? "" : ", ") + kind + " " + std::to_string(count);
        total += count;
    }
    std::string times;
    for (const auto& [command, spent] : run.seconds) times += " " + command + " " + std::to_string(spent).substr(0, 5) + " s";
    std::printf("time per command:%s\n", times.c_str());
    std::printf("differential: %ld random matrices, %ld comparisons (%s), %ld disagreements, %.1f s\n", cases,
                total, summary.c_str(), run.disagreements, seconds);
    return run.disagreements == 0 ? 0 : 1;
}
