// The differential test's queries (its random matrices and requests, same
// seeds) asked three ways: `planner CMD --json` one process each, one
// `planner batch` stream, and the Engine in this process. Batch must answer
// with the command line's document byte for byte (behind its "id"); the
// library with the same status, plans, cells, changes and alternatives.
// PLANNER_DIFF_CLI_CASES sets how many matrices (default 25, two requests each).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <planner/engine.hpp>
#include <planner/error.hpp>

#include "cli/flags/request_fields.hpp"
#include "model/io/matrix_json.hpp"
#include "random_matrix.hpp"
#include "shell_output.hpp"

using nlohmann::ordered_json;
using namespace planner;

namespace {

struct Query {
    std::string command;
    Request request;  // only what the command's flags can say
    std::string matrix_path;
};

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out.append(out.empty() ? "" : ",").append(item);
    return out;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }  // ids and paths hold no quote

// The request the command can express, so the library is asked what the CLI is.
Request for_command(const std::string& command, const Request& r) {
    Request out;
    out.hardware = r.hardware;
    out.policy = r.policy;
    if (command == "maximize" || command == "explain" || command == "enumerate") {
        out.must = r.must;
        out.never = r.never;
    }
    if (command == "maximize") out.prefer = r.prefer;
    if (command == "maximize" || command == "repair") {
        out.weights = r.weights;
        out.allow_hardware_change = r.allow_hardware_change;
    }
    if (command == "repair" || command == "check") out.have = r.have;
    if (command == "repair") {
        out.keep = r.keep;
        out.hardware_cost = r.hardware_cost;
    }
    if (command == "enumerate") out.limit = r.limit;
    return out;
}

std::string weights_flag(const std::map<std::string, int>& weights) {
    std::vector<std::string> items;
    for (const auto& [feature, weight] : weights) items.push_back(feature + "=" + std::to_string(weight));
    return joined(items);
}

std::string command_line(const Query& q) {
    const Request& r = q.request;
    std::string out = q.command + " --matrix " + quoted(q.matrix_path) + " --hw " + r.hardware + " --json";
    auto list = [&](const char* flag, const std::vector<std::string>& items) {
        if (!items.empty()) out.append(" ").append(flag).append(" ").append(joined(items));
    };
    list("--must", r.must);
    list("--never", r.never);
    list("--prefer", r.prefer);
    list("--have", r.have);
    list("--keep", r.keep);
    if (!r.weights.empty()) out += " --weight " + weights_flag(r.weights);
    if (r.policy.forbid_partial) out += " --forbid-partial";
    if (r.policy.forbid_unknown) out += " --forbid-unknown";
    if (r.allow_hardware_change) out += " --allow-hw";
    // --hw-cost is refused without --allow-hw (it would have no effect).
    if (q.command == "repair" && r.allow_hardware_change) out += " --hw-cost " + std::to_string(r.hardware_cost);
    if (q.command == "enumerate") out += " --limit " + std::to_string(r.limit);
    return out;
}

ordered_json batch_line(const Query& q, size_t id) {
    const Request& r = q.request;
    ordered_json line;
    line["id"] = id;
    line["cmd"] = q.command;
    line["matrix"] = q.matrix_path;
    line["hw"] = r.hardware;
    auto list = [&](const char* key, const std::vector<std::string>& items) {
        if (!items.empty()) line[key] = items;
    };
    list("must", r.must);
    list("never", r.never);
    list("prefer", r.prefer);
    if (q.command == "repair" || q.command == "check") line["have"] = r.have;
    list("keep", r.keep);
    if (!r.weights.empty()) line["weights"] = r.weights;
    if (r.policy.forbid_partial) line["forbid_partial"] = true;
    if (r.policy.forbid_unknown) line["forbid_unknown"] = true;
    if (r.allow_hardware_change) line["allow_hw"] = true;
    if (q.command == "repair" && r.allow_hardware_change) line["hw_cost"] = r.hardware_cost;
    if (q.command == "enumerate") line["limit"] = r.limit;
    return line;
}

std::vector<std::string> strings(const ordered_json& list) { return list.get<std::vector<std::string>>(); }

std::vector<std::string> cells(const std::vector<CellRef>& refs) {
    std::vector<std::string> out;
    for (const CellRef& ref : refs)
        out.push_back(std::string(ref.kind == CellRef::Kind::pair ? "pair " : "support ") + ref.row + " " +
                      ref.column + " " + std::string(to_string(ref.value)));
    return out;
}

std::vector<std::string> cells(const ordered_json& refs) {
    std::vector<std::string> out;
    for (const ordered_json& ref : refs)
        out.push_back(ref.at("kind").get<std::string>() + " " + ref.at("row").get<std::string>() + " " +
                      ref.at("column").get<std::string>() + " " + ref.at("value").get<std::string>());
    return out;
}

// The library's answer against the command line's document.
void compare_library(const Result& mine, const ordered_json& theirs) {
    CHECK(std::string(to_string(mine.status)) == theirs.at("status").get<std::string>());
    if (theirs.contains("features")) {
        CHECK(mine.plan.features == strings(theirs.at("features")));
        CHECK(mine.plan.hardware == theirs.at("hardware").get<std::string>());
    }
    if (theirs.contains("risks")) CHECK(cells(mine.plan.risks) == cells(theirs.at("risks")));
    if (theirs.contains("violations")) CHECK(cells(mine.violations) == cells(theirs.at("violations")));
    if (theirs.contains("changes")) CHECK(mine.changes.size() == theirs.at("changes").size());
    if (theirs.contains("plans")) {
        REQUIRE(mine.plans.size() == theirs.at("plans").size());
        for (size_t i = 0; i < mine.plans.size(); ++i)
            CHECK(mine.plans[i].features == strings(theirs.at("plans")[i].at("features")));
    }
    if (theirs.contains("alternatives")) {
        REQUIRE(mine.alternatives.size() == theirs.at("alternatives").size());
        for (size_t i = 0; i < mine.alternatives.size(); ++i) {
            CHECK(mine.alternatives[i].dropped == strings(theirs.at("alternatives")[i].at("dropped")));
            CHECK(mine.alternatives[i].plan.features == strings(theirs.at("alternatives")[i].at("features")));
        }
    }
    if (theirs.contains("conflicts")) CHECK(mine.conflicts.size() == theirs.at("conflicts").size());
}

// The random matrices leave some cells unstated, which the library reads as
// blank; the canonical JSON states every cell, so blank is written out.
Matrix stated_in_full(Matrix matrix) {
    for (size_t a = 0; a < matrix.features.size(); ++a) {
        for (size_t b = 0; b < a; ++b)
            if (!matrix.pair(matrix.features[a], matrix.features[b]))
                matrix.pairs.push_back({matrix.features[a], matrix.features[b], CellValue::blank, {}, {}});
        for (const std::string& hardware : matrix.hardware)
            if (!matrix.support_cell(matrix.features[a], hardware))
                matrix.support.push_back({matrix.features[a], hardware, CellValue::blank, {}, {}});
    }
    matrix.reindex();
    return matrix;
}

Result ask(Engine& engine, const Matrix& matrix, const Query& q) {
    const std::optional<Question> question = question_named(q.command);
    REQUIRE(question);
    return engine.ask(*question, matrix, q.request);
}

}  // namespace

TEST_CASE("the differential test's queries get one answer from the CLI, batch and the library") {
    const char* cli = std::getenv("PLANNER_CLI");
    REQUIRE_MESSAGE(cli != nullptr, "PLANNER_CLI must name the planner executable");
    const char* count = std::getenv("PLANNER_DIFF_CLI_CASES");
    const long cases = count ? std::strtol(count, nullptr, 10) : 25;
    const std::string scratch = "/tmp/planner-differential-queries-" + std::to_string(::getpid());
    REQUIRE(std::system(("mkdir -p " + scratch).c_str()) == 0);

    std::vector<Matrix> matrices;
    std::vector<Query> queries;
    std::vector<size_t> matrix_of;
    for (long i = 0; i < cases; ++i) {
        // The differential test's seeds and draws (tests/solver/differential_test.cpp).
        std::mt19937_64 rng(1000003ull * static_cast<unsigned long long>(i) + 17);
        const Matrix drawn = randomized::random_matrix(rng, 3, 14);
        const std::string path = scratch + "/matrix-" + std::to_string(i) + ".json";
        const std::string json = matrix_to_json(stated_in_full(drawn));
        std::ofstream(path) << json;
        // The library is asked about the matrix the command line reads.
        Matrix matrix = matrix_from_json(json, path);
        for (int round = 0; round < 2; ++round) {
            const Request request = randomized::random_request(rng, drawn);
            for (const std::string command : {"maximize", "repair", "check", "explain", "enumerate"}) {
                // --have needs a feature: "nothing on" has no command line.
                if ((command == "repair" || command == "check") && request.have.empty()) continue;
                queries.push_back({command, for_command(command, request), path});
                matrix_of.push_back(matrices.size());
            }
        }
        // And one request each side must refuse, in the same words.
        Request contradictory;
        contradictory.hardware = matrix.hardware.front();
        contradictory.never = contradictory.prefer = {matrix.features.back()};
        queries.push_back({"maximize", contradictory, path});
        matrix_of.push_back(matrices.size());
        matrices.push_back(std::move(matrix));
    }

    const std::string requests = scratch + "/requests.jsonl";
    {
        std::ofstream out(requests);
        for (size_t i = 0; i < queries.size(); ++i) out << batch_line(queries[i], i).dump() << "\n";
    }
    const ShellOutput batch = shell_output(quoted(cli) + " batch < " + quoted(requests) + " 2>/dev/null");
    CHECK(batch.exit_code == 0);
    const std::string& batch_output = batch.text;
    std::vector<ordered_json> batch_answers;
    size_t start = 0;
    while (start < batch_output.size()) {
        const size_t end = batch_output.find('\n', start);
        batch_answers.push_back(ordered_json::parse(batch_output.substr(start, end - start)));
        start = end == std::string::npos ? batch_output.size() : end + 1;
    }
    REQUIRE(batch_answers.size() == queries.size());

    Engine engine;
    size_t answered = 0, refused = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
        const Query& q = queries[i];
        const std::string arguments = command_line(q);
        CAPTURE(arguments);
        const ShellOutput answer = shell_output(quoted(cli) + " " + arguments + " 2>/dev/null");
        const int exit_code = answer.exit_code;
        const ordered_json theirs = ordered_json::parse(answer.text);

        ordered_json from_batch = batch_answers[i];
        CHECK(from_batch.at("id") == i);
        from_batch.erase("id");

        std::optional<Result> mine;
        std::string refusal;
        try {
            mine = ask(engine, matrices[matrix_of[i]], q);
        } catch (const RequestError& e) {
            // The library names Request fields; the CLI and batch say them as flags.
            refusal = cli::message_in_flags(e);
        } catch (const UsageError& e) {
            refusal = e.what();
        }
        if (!mine) {
            CHECK(exit_code == 2);
            const std::string message = theirs.at("error").get<std::string>();
            CHECK(message == refusal);
            CHECK(from_batch.at("status") == "error");
            CHECK(from_batch.at("error").get<std::string>() == "line " + std::to_string(i + 1) + ": " + refusal);
            ++refused;
            continue;
        }
        CHECK(exit_code <= 1);  // an answer, not a time-out
        CHECK(from_batch.dump() == theirs.dump());
        compare_library(*mine, theirs);
        ++answered;
    }
    MESSAGE(answered, " queries answered alike by the CLI, batch and the library; ", refused, " refused alike");
    CHECK(answered > refused);
    CHECK(refused == static_cast<size_t>(cases));
    std::system(("rm -rf " + scratch).c_str());
}
