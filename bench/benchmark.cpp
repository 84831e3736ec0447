// planner's benchmark: every figure beside its baseline, measured in one run.
//   build/bench/planner_bench [--quick]
// 1. cold process time of `planner maximize` and `planner check` against a
//    process that only creates a Z3 context (the floor Z3 imposes);
// 2. warm queries per second through the engine API, and warm any-version
//    queries through one Engine against one Engine (one Z3 context) per query;
// 3. scaling against an exact bitset branch and bound, on realistic and dense
//    random matrices, with time-outs counted;
// 4. peak RSS at N = 400;
// 5. time and memory of refusing a 4 GiB sparse file and /dev/zero;
// 6. worst-case parse: each parser's hostile input at its size cap.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include <planner/across_versions.hpp>
#include <planner/engine.hpp>
#include <planner/library.hpp>

#include "branch_and_bound.hpp"
#include "process_timer.hpp"
#include "synthetic_matrix.hpp"
#include "worst_case_parse.hpp"

using namespace planner;
using namespace planner::bench;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Options {
    std::string planner_exe, floor_exe, self_exe;
    int cold_runs = 21;
    int warm_queries = 1000;
    unsigned limit_ms = 10000;      // per solve on the scaling rows
    unsigned dense_limit_ms = 2000;  // the time limit handed to the engine on dense rows
    bool quick = false;
};

void cold_start(const Options& o) {
    std::printf("1. Cold process (median of %d runs, wall time)\n", o.cold_runs);
    int code = 0;
    double floor_ms = median_milliseconds({o.floor_exe}, o.cold_runs, &code);
    double max_ms = median_milliseconds(
        {o.planner_exe, "maximize", "--hw", "ampere", "--must", "lora"}, o.cold_runs, &code);
    int max_code = code;
    double check_ms = median_milliseconds(
        {o.planner_exe, "check", "--hw", "ampere", "--have", "cp,apc,lora"}, o.cold_runs, &code);
    int check_code = code;
    double true_ms = median_milliseconds({"/bin/true"}, o.cold_runs);
    std::printf("   %-44s %9s %9s\n", "", "measured", "baseline");
    std::printf("   %-44s %7.2fms %9s\n", "/bin/true (process start)", true_ms, "");
    std::printf("   %-44s %7.2fms %9s\n", "Z3 floor: load libz3 + one context", floor_ms, "");
    std::printf("   %-44s %7.2fms %7.2fms  %.2fx of floor (target <= 1.25x), exit %d\n",
                "planner maximize --hw ampere --must lora", max_ms, floor_ms, max_ms / floor_ms,
                max_code);
    std::printf("   %-44s %7.2fms %9s  target < 5 ms, exit %d\n",
                "planner check --hw ampere --have cp,apc,lora", check_ms, "", check_code);
}

void warm_queries(const Options& o) {
    Matrix m = load_matrix("");
    std::mt19937 rng(7);
    std::vector<Request> requests;
    for (int i = 0; i < o.warm_queries; ++i) {
        Request r;
        r.hardware = m.hardware[rng() % m.hardware.size()];
        int musts = static_cast<int>(rng() % 3);
        for (int k = 0; k < musts; ++k) {
            const std::string& f = m.features[rng() % m.features.size()];
            if (std::find(r.must.begin(), r.must.end(), f) == r.must.end()) r.must.push_back(f);
        }
        if (rng() % 2) r.prefer.push_back(m.features[rng() % m.features.size()]);
        r.prefer.erase(std::remove_if(r.prefer.begin(), r.prefer.end(),
                                      [&](const std::string& f) {
                                          return std::find(r.must.begin(), r.must.end(), f) != r.must.end();
                                      }),
                       r.prefer.end());
        r.policy.forbid_partial = r.policy.forbid_unknown = (rng() % 4 == 0);
        requests.push_back(std::move(r));
    }
    Engine engine;
    engine.maximize(m, requests.front());  // the context is created once, outside the timing
    int ok = 0, infeasible = 0;
    auto start = Clock::now();
    for (const Request& r : requests) {
        Result result = engine.maximize(m, r);
        ok += result.status == Status::ok;
        infeasible += result.status == Status::infeasible;
    }
    double total = ms_since(start);
    std::printf("\n2. Warm engine: %d mixed maximize queries on %s (%zu features), one Engine\n",
                o.warm_queries, m.id.c_str(), m.features.size());
    std::printf("   %.1f us/query (target < 200 us), %.0f queries/s; %d ok, %d infeasible\n",
                1000.0 * total / o.warm_queries, o.warm_queries / (total / 1000.0), ok, infeasible);
}

// --any-version through one Engine, which keeps its Z3 context and the
// versions' encodings from query to query, against the baseline each query
// paid before Engine::across_versions: its own context and its own engine.
void warm_any_version(const Options& o) {
    std::vector<Matrix> versions;
    for (const ShippedMatrix& shipped : shipped_matrices()) versions.push_back(load_matrix(shipped.id));
    const std::vector<std::vector<std::string>> must_sets = {{}, {"lora"}, {"lora", "cp"}, {"sd"}, {"lora", "sd"}};
    const std::vector<std::string> hardware = {"ampere", "cpu", "hopper", "amd"};
    std::vector<Request> requests;
    for (const std::string& h : hardware)
        for (const auto& must : must_sets) {
            Request r;
            r.hardware = h;
            r.must = must;
            requests.push_back(std::move(r));
        }
    const int queries = o.quick ? 40 : 200;
    Engine engine;
    engine.across_versions(versions, requests.front());  // the context is created once, outside the timing
    int allowed = 0;
    auto start = Clock::now();
    for (int q = 0; q < queries; ++q)
        allowed += engine.across_versions(versions, requests[q % requests.size()]).status == Status::ok;
    const double warm_ms = ms_since(start) / queries;
    start = Clock::now();
    for (int q = 0; q < queries; ++q) {
        Engine fresh;
        fresh.across_versions(versions, requests[q % requests.size()]);
    }
    const double fresh_ms = ms_since(start) / queries;
    std::printf("\n   --any-version maximize on the %zu shipped versions, %d queries (%zu different, %d allowed)\n",
                versions.size(), queries, requests.size(), allowed);
    std::printf("   %-44s %7.0fus %7.0fus  %.2fx faster than the baseline\n",
                "one Engine (baseline: an Engine per query)", 1000.0 * warm_ms, 1000.0 * fresh_ms,
                fresh_ms / warm_ms);
}

// The same maximize questions through one `planner batch` process and through
// one process per question (the batch issue's baseline). 72 different
// questions (4 classes x 6 must sets x 3 prefer lists) in turn, as an
// autotuner's sweep repeats its grid; each stream is run three times and the
// median kept, since a single run on a shared machine varied by 1.5x.
void batch_throughput(const Options& o) {
    const int requests = o.quick ? 2000 : 10000, single_runs = o.quick ? 20 : 100, stream_runs = 3;
    const char* must[] = {"lora", "cp", "apc", "sd", "mm", "lora,cp"};
    const char* hardware[] = {"ampere", "hopper", "ada", "turing"};
    const char* prefer[] = {"[]", "[\"cp\"]", "[\"apc\", \"lora\"]"};
    std::string path = "/tmp/planner-bench-batch-" + std::to_string(::getpid()) + ".jsonl";
    {
        std::FILE* file = std::fopen(path.c_str(), "w");
        if (!file) return;
        for (int i = 0; i < requests; ++i)
            std::fprintf(file, "{\"id\": %d, \"cmd\": \"maximize\", \"hw\": \"%s\", \"must\": \"%s\", \"prefer\": %s}\n",
                         i, hardware[i % 4], must[i % 6], prefer[(i / 24) % 3]);
        std::fclose(file);
    }
    std::vector<double> stream_ms;
    int batch_exit = 0;
    for (int run = 0; run < stream_runs; ++run) {
        ProcessRun batch = run_process({o.planner_exe, "batch"}, path);
        stream_ms.push_back(batch.milliseconds);
        batch_exit |= batch.exit_code;
    }
    std::sort(stream_ms.begin(), stream_ms.end());
    const double batch_ms = stream_ms[stream_runs / 2];
    std::remove(path.c_str());
    auto start = Clock::now();
    for (int i = 0; i < single_runs; ++i)
        run_process({o.planner_exe, "maximize", "--hw", hardware[i % 4], "--must", must[i % 6], "--json"});
    double single_ms = ms_since(start) / single_runs;
    std::printf("\n2b. Batch: %d maximize requests (72 different ones in turn) through one `planner batch` process,\n"
                "    median of %d streams, process start included\n", requests, stream_runs);
    std::printf("   %.0f requests/s (%.0f us each, exit %d) vs one process per request: %.0f requests/s (%.1f ms each); target >= 5,000/s\n",
                requests / (batch_ms / 1000.0), 1000.0 * batch_ms / requests, batch_exit, 1000.0 / single_ms,
                single_ms);
}

// Every request a different what-if (--assume spelling): batch memory must
// stay flat, whatever the stream's length (README, "batch"). Peak RSS of a
// short stream beside the long one; one request in 100 is a maximize, so the
// solver's caches are in the figure too.
void batch_whatif_memory(const Options& o) {
    const char* features[] = {"cp", "apc", "lora", "prompt-adapter", "sd", "cuda-graph",
                              "mm", "best-of", "async-output", "logprobs", "prompt-logprobs", "beam-search"};
    const char* values[] = {"yes", "no", "partial", "unknown"};
    auto write_stream = [&](const std::string& path, long requests) {
        std::FILE* file = std::fopen(path.c_str(), "w");
        if (!file) return false;
        for (long i = 0; i < requests; ++i) {
            std::string assume;
            for (long rest = i, item = 0; item < 3; ++item, rest /= 528) {
                const long choice = rest % 528, pair = choice / 4, row = pair / 11, column = pair % 11;
                assume += std::string(item ? ", " : "") + "\"" + features[row] + ":" +
                          features[column >= row ? column + 1 : column] + "=" + values[choice % 4] + "\"";
            }
            std::fprintf(file, "{\"id\": %ld, \"cmd\": \"%s\", \"hw\": \"ampere\", \"%s\": [\"cp\"], \"assume\": [%s]}\n", i,
                         i % 100 ? "check" : "maximize", i % 100 ? "have" : "must", assume.c_str());
        }
        return std::fclose(file) == 0;
    };
    const long short_stream = 1000, long_stream = o.quick ? 100000 : 1000000;
    const std::string path = "/tmp/planner-bench-whatif-" + std::to_string(::getpid()) + ".jsonl";
    if (!write_stream(path, short_stream)) return;
    ProcessRun small = run_process({o.planner_exe, "batch"}, path);
    if (!write_stream(path, long_stream)) return;
    ProcessRun large = run_process({o.planner_exe, "batch"}, path);
    std::remove(path.c_str());
    std::printf("\n2c. Batch memory over distinct what-ifs: every line a different --assume (3 cells), 1 in 100 a maximize\n");
    std::printf("   %ld requests: peak RSS %.1f MiB (exit %d); %ld requests: %.1f MiB (exit %d, %.1f s); growth %.1f MiB\n",
                short_stream, small.peak_rss_kib / 1024.0, small.exit_code, long_stream, large.peak_rss_kib / 1024.0,
                large.exit_code, large.milliseconds / 1000.0, (large.peak_rss_kib - small.peak_rss_kib) / 1024.0);
}

struct Row {
    const char* shape;
    int n;
    double share;
};

void scaling(const Options& o) {
    std::printf("\n3. Scaling: maximize on ampere, no priorities (largest valid set), against an exact\n"
                "   bitset branch and bound; 3 random matrices per row, times are medians\n");
    std::printf("   %-10s %5s %6s | %10s %9s | %10s %9s | %s\n", "shape", "N", "no", "engine", "timeouts",
                "B&B", "timeouts", "ratio, agreement");
    std::vector<Row> rows = {{"realistic", 25, 0}, {"realistic", 50, 0}, {"realistic", 100, 0},
                             {"realistic", 200, 0}, {"realistic", 400, 0}};
    for (double share : {0.1, 0.3})
        for (int n : {25, 50, 100, 200}) rows.push_back({"dense", n, share});
    if (o.quick) rows = {{"realistic", 25, 0}, {"realistic", 100, 0}, {"dense", 25, 0.1}};
    for (const Row& row : rows) {
        const bool dense = std::strcmp(row.shape, "dense") == 0;
        std::vector<double> engine_ms, bb_ms;
        int engine_timeouts = 0, bb_timeouts = 0, disagreements = 0, compared = 0;
        double worst_overshoot = 0;
        for (uint32_t seed = 1; seed <= 3; ++seed) {
            Matrix m = dense ? bench::dense_matrix(row.n, row.share, seed) : bench::realistic_matrix(row.n, seed);
            Request r;
            r.hardware = "ampere";
            r.timeout_ms = dense ? o.dense_limit_ms : o.limit_ms;
            Engine engine;
            auto start = Clock::now();
            Result result = engine.maximize(m, r);
            double t = ms_since(start);
            engine_ms.push_back(t);
            if (result.status == Status::timeout) {
                ++engine_timeouts;
                worst_overshoot = std::max(worst_overshoot, t / r.timeout_ms - 1.0);
            }
            start = Clock::now();
            auto bb = bench::largest_valid_set(m, "ampere", std::chrono::milliseconds(o.limit_ms));
            bb_ms.push_back(ms_since(start));
            if (!bb.proven) ++bb_timeouts;
            if (bb.proven && result.status == Status::ok) {
                ++compared;
                if (static_cast<int>(result.plan.features.size()) != bb.best_size) ++disagreements;
            }
        }
        std::sort(engine_ms.begin(), engine_ms.end());
        std::sort(bb_ms.begin(), bb_ms.end());
        char no_column[16];
        std::snprintf(no_column, sizeof no_column, dense ? "%.1f" : "~3.5/f", row.share);
        std::printf("   %-10s %5d %6s | %8.1fms %6d/3 | %8.1fms %6d/3 | %.2fx, %d/%d agree",
                    row.shape, row.n, no_column, engine_ms[1], engine_timeouts, bb_ms[1], bb_timeouts,
                    engine_ms[1] / std::max(bb_ms[1], 0.001), compared - disagreements, compared);
        if (engine_timeouts)
            std::printf(", limit %ums overshot by at most %.0f%% (target 10%%)",
                        dense ? o.dense_limit_ms : o.limit_ms, 100 * worst_overshoot);
        std::printf("\n");
    }
}

// Runs in a child process so that its peak RSS is its own.
int rss_child(int n, bool baseline_only) {
    Matrix m = bench::realistic_matrix(n, 1);
    if (baseline_only) return bench::largest_valid_set(m, "ampere", std::chrono::seconds(10)).best_size > 0 ? 0 : 1;
    Engine engine;
    Request r;
    r.hardware = "ampere";
    r.timeout_ms = 10000;
    return engine.maximize(m, r).status == Status::ok ? 0 : 1;
}

void peak_memory(const Options& o) {
    ProcessRun engine = run_process({o.self_exe, "--rss-child", "400"});
    ProcessRun baseline = run_process({o.self_exe, "--rss-child-baseline", "400"});
    ProcessRun floor = run_process({o.floor_exe});
    std::printf("\n4. Peak RSS, realistic N = 400, maximize in a child process\n");
    std::printf("   engine %.1f MiB (exit %d); branch and bound alone %.1f MiB; Z3 floor process %.1f MiB\n",
                engine.peak_rss_kib / 1024.0, engine.exit_code, baseline.peak_rss_kib / 1024.0,
                floor.peak_rss_kib / 1024.0);
}

// The caps of model/io/limits.hpp hold before reading: a 4 GiB sparse file and
// an endless device are refused in the time and memory of a start-up.
void refused_inputs(const Options& o) {
    std::printf("\n5. Inputs refused by their size or kind (one run each)\n");
    char directory[] = "/tmp/planner-bench-XXXXXX";
    if (!mkdtemp(directory)) return;
    const std::string sparse = std::string(directory) + "/sparse.md";
    if (FILE* file = std::fopen(sparse.c_str(), "w")) std::fclose(file);
    if (truncate(sparse.c_str(), 4LL << 30) == 0) {
        const ProcessRun run = run_process({o.planner_exe, "import", sparse});
        std::printf("   %-44s %7.2fms %7ld KiB peak, exit %d\n", "planner import SPARSE_4_GIB.md", run.milliseconds,
                    run.peak_rss_kib, run.exit_code);
    }
    const ProcessRun zero = run_process({o.planner_exe, "import", "/dev/zero"});
    std::printf("   %-44s %7.2fms %7ld KiB peak, exit %d\n", "planner import /dev/zero", zero.milliseconds,
                zero.peak_rss_kib, zero.exit_code);
    std::remove(sparse.c_str());
    rmdir(directory);
}

std::string sibling(const char* self, const char* relative) {
    std::string path(self);
    auto slash = path.rfind('/');
    return (slash == std::string::npos ? std::string(".") : path.substr(0, slash)) + "/" + relative;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--rss-child") == 0) return rss_child(std::atoi(argv[2]), false);
    if (argc == 3 && std::strcmp(argv[1], "--rss-child-baseline") == 0) return rss_child(std::atoi(argv[2]), true);
    Options o;
    o.self_exe = argv[0];
    o.floor_exe = sibling(argv[0], "z3_floor");
    o.planner_exe = sibling(argv[0], "../../cli/planner");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            o.quick = true;
            o.cold_runs = 5;
            o.warm_queries = 200;
        } else if (std::strcmp(argv[i], "--planner") == 0 && i + 1 < argc) {
            o.planner_exe = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--quick] [--planner PATH]\n", argv[0]);
            return 2;
        }
    }
    std::printf("planner benchmark%s\n\n", o.quick ? " (quick)" : "");
    cold_start(o);
    warm_queries(o);
    warm_any_version(o);
    batch_throughput(o);
    batch_whatif_memory(o);
    scaling(o);
    peak_memory(o);
    refused_inputs(o);
    worst_case_parse(o.quick);
    return 0;
}
