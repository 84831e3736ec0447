// An embedder calling the Engine must get the answers `planner ... --json`
// prints: same status, plan, risks, violations, changes and alternatives, for
// a grid of questions on every shipped matrix and hardware class.
#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <planner/engine.hpp>
#include <planner/library.hpp>

#include "shell_output.hpp"

using nlohmann::json;
using planner::CellRef;
using planner::Engine;
using planner::Request;
using planner::Result;

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += ',';
        out += item;
    }
    return out;
}

// Runs the planner executable named by PLANNER_CLI and parses its --json output.
json run_cli(const std::vector<std::string>& args) {
    const char* cli = std::getenv("PLANNER_CLI");
    REQUIRE_MESSAGE(cli != nullptr, "PLANNER_CLI must name the planner executable");
    std::string command = std::string("'") + cli + "'";
    for (const std::string& arg : args) command += " '" + arg + "'";
    command += " --json 2>/dev/null";
    const ShellOutput output = shell_output(command);
    INFO(command);
    REQUIRE(output.exit_code >= 0);
    REQUIRE(output.exit_code <= 1);  // 0 answer, 1 infeasible/invalid; never usage errors here
    return json::parse(output.text);
}

std::vector<std::string> cells(const std::vector<CellRef>& refs) {
    std::vector<std::string> out;
    for (const CellRef& ref : refs)
        out.push_back(std::string(ref.kind == CellRef::Kind::pair ? "pair" : "support") + " " +
                      ref.row + " " + ref.column + " " + std::string(planner::to_string(ref.value)));
    return out;
}

std::vector<std::string> cells(const json& refs) {
    std::vector<std::string> out;
    for (const json& ref : refs)
        out.push_back(ref.at("kind").get<std::string>() + " " + ref.at("row").get<std::string>() +
                      " " + ref.at("column").get<std::string>() + " " +
                      ref.at("value").get<std::string>());
    return out;
}

std::vector<std::string> strings(const json& list) { return list.get<std::vector<std::string>>(); }

std::string change_text(const planner::Change& change) {
    switch (change.kind) {
        case planner::Change::Kind::add: return "add " + change.feature;
        case planner::Change::Kind::remove: return "remove " + change.feature;
        case planner::Change::Kind::hardware: return "hardware " + change.from + " " + change.to;
    }
    return "";
}

std::string change_text(const json& change) {
    const std::string kind = change.at("kind").get<std::string>();
    if (kind == "hardware")
        return kind + " " + change.value("from", "") + " " + change.value("to", "");
    return kind + " " + change.at("feature").get<std::string>();
}

std::vector<std::string> base_args(const std::string& command, const std::string& matrix,
                                   const std::string& hardware) {
    return {command, "--matrix", matrix, "--hw", hardware};
}

}  // namespace

// The documents shipped on their own and the newest state of vLLM's page:
// every kind of shipped matrix, without one process per hardware class of
// each of the 46 states (the history's cells are tested in tests/model).
std::vector<std::string> compared_matrices() {
    std::vector<std::string> ids;
    std::string newest_state;
    for (const auto& shipped : planner::shipped_matrices()) {
        if (shipped.states.empty()) ids.push_back(shipped.id);
        else newest_state = shipped.states.back().id;
    }
    if (!newest_state.empty()) ids.push_back(newest_state);
    return ids;
}

TEST_CASE("maximize through the library equals planner maximize --json") {
    Engine engine;
    const std::vector<std::vector<std::string>> must_sets = {
        {}, {"lora"}, {"sd"}, {"lora", "sd"}, {"mm", "apc"}};
    size_t compared = 0;
    for (const std::string& id : compared_matrices()) {
        const planner::Matrix matrix = planner::load_matrix(id);
        for (const std::string& hardware : matrix.hardware) {
            for (const auto& must : must_sets) {
                for (bool strict : {false, true}) {
                    if (strict && !must.empty()) continue;
                    Request request;
                    request.hardware = hardware;
                    request.must = must;
                    request.policy.forbid_partial = request.policy.forbid_unknown = strict;
                    const Result mine = engine.maximize(matrix, request);
                    std::vector<std::string> args = base_args("maximize", matrix.id, hardware);
                    if (!must.empty()) args.insert(args.end(), {"--must", joined(must)});
                    if (strict) args.push_back("--strict");
                    const json theirs = run_cli(args);
                    CAPTURE(matrix.id);
                    CAPTURE(hardware);
                    CAPTURE(joined(must));
                    CAPTURE(strict);
                    CHECK(std::string(planner::to_string(mine.status)) == theirs.at("status"));
                    CHECK(mine.plan.features == strings(theirs.at("features")));
                    CHECK(cells(mine.plan.risks) == cells(theirs.at("risks")));
                    const json& alternatives = theirs.value("alternatives", json::array());
                    REQUIRE(mine.alternatives.size() == alternatives.size());
                    for (size_t i = 0; i < alternatives.size(); ++i) {
                        CHECK(mine.alternatives[i].dropped == strings(alternatives[i].at("dropped")));
                        CHECK(mine.alternatives[i].plan.features ==
                              strings(alternatives[i].at("features")));
                    }
                    ++compared;
                }
            }
        }
    }
    CHECK(compared >= 3 * 7 * 5);
}

TEST_CASE("check, repair and enumerate through the library equal the command line") {
    Engine engine;
    const std::vector<std::vector<std::string>> haves = {{"lora", "sd"}, {"cp", "apc", "mm"}};
    for (const std::string& id : compared_matrices()) {
        const planner::Matrix matrix = planner::load_matrix(id);
        for (const std::string& hardware : matrix.hardware) {
            CAPTURE(matrix.id);
            CAPTURE(hardware);
            for (const auto& have : haves) {
                CAPTURE(joined(have));
                Request request;
                request.hardware = hardware;
                request.have = have;
                std::vector<std::string> args = base_args("check", matrix.id, hardware);
                args.insert(args.end(), {"--have", joined(have)});
                const Result checked = engine.check(matrix, request);
                const json check_json = run_cli(args);
                CHECK(std::string(planner::to_string(checked.status)) == check_json.at("status"));
                CHECK(cells(checked.violations) == cells(check_json.at("violations")));

                args[0] = "repair";
                const Result repaired = engine.repair(matrix, request);
                const json repair_json = run_cli(args);
                CHECK(std::string(planner::to_string(repaired.status)) == repair_json.at("status"));
                std::vector<std::string> mine, theirs;
                for (const auto& change : repaired.changes) mine.push_back(change_text(change));
                for (const json& change : repair_json.at("changes")) theirs.push_back(change_text(change));
                CHECK(mine == theirs);
                CHECK(repaired.plan.features == strings(repair_json.at("features")));
            }
            Request request;
            request.hardware = hardware;
            const Result enumerated = engine.enumerate(matrix, request);
            const json enumerate_json = run_cli(base_args("enumerate", matrix.id, hardware));
            const json& plans = enumerate_json.at("plans");
            REQUIRE(enumerated.plans.size() == plans.size());
            for (size_t i = 0; i < plans.size(); ++i)
                CHECK(enumerated.plans[i].features == strings(plans[i].at("features")));
        }
    }
}
