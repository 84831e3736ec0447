// --any-version on the shipped matrices, hand-checked against data/*.json:
// LoRA with chunked prefill on CPU. vllm-0.6 and vllm-0.6-zh say LoRA x CP
// is no (PR 9057), CP on CPU no and LoRA on CPU no (PR 4830); vllm-0.8-zh says
// yes to all three.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/overlay.hpp>

#include "solver/questions/any_version.hpp"
#include "requirements.hpp"

using namespace planner;
using namespace planner::test;

namespace {

// One engine for every call, as the command line keeps one: later calls reuse
// its context and encodings, and must answer as the first did.
AnyVersionResult across(const std::vector<Matrix>& versions, const Request& request, Question question) {
    static Engine engine;
    return engine.across_versions(versions, request, question);
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) out += word + ",";
    return out;
}

// The versions `planner versions` compares by default: the documents shipped on their own.
std::vector<Matrix> shipped() {
    std::vector<Matrix> out;
    for (const ShippedMatrix& m : shipped_matrices())
        if (m.states.empty()) out.push_back(load_matrix(m.id));
    return out;
}

std::vector<std::string> cells_of(const Conflict& conflict) {
    std::vector<std::string> out;
    for (const CellRef& cell : conflict.cells)
        out.push_back(cell.row + (cell.kind == CellRef::Kind::pair ? " x " : " on ") + cell.column + " = " +
                      std::string(to_string(cell.value)));
    return out;
}

}  // namespace

TEST_CASE("lora and cp on cpu: only vllm-0.8-zh allows it") {
    Request request;
    request.hardware = "cpu";
    request.must = {"lora", "cp"};
    AnyVersionResult result = across(shipped(), request, Question::maximize);
    REQUIRE(result.status == Status::ok);
    CHECK(result.allowing == std::vector<std::string>{"vllm-0.8-zh"});
    REQUIRE(result.versions.size() == 3);

    const VersionAnswer& newest = result.versions[2];
    CHECK(newest.version == "vllm-0.8-zh");
    CHECK(newest.allows);
    const auto& on = newest.result.plan.features;
    CHECK(std::find(on.begin(), on.end(), "lora") != on.end());
    CHECK(std::find(on.begin(), on.end(), "cp") != on.end());
    CHECK(newest.result.plan.hardware == "cpu");

    for (size_t v : {0u, 1u}) {
        const VersionAnswer& old = result.versions[v];
        CAPTURE(old.version);
        CHECK_FALSE(old.allows);
        CHECK(old.lacking.empty());
        REQUIRE(old.result.conflicts.size() == 3);
        CHECK(old.result.conflicts[0].requirements == Requirements{must("lora"), must("cp")});
        CHECK(cells_of(old.result.conflicts[0]) == std::vector<std::string>{"lora x cp = no"});
        CHECK(old.result.conflicts[0].cells[0].links ==
              std::vector<std::string>{"https://github.com/vllm-project/vllm/pull/9057"});
        CHECK(old.result.conflicts[1].requirements == Requirements{must("lora"), on_hardware("cpu")});
        CHECK(cells_of(old.result.conflicts[1]) == std::vector<std::string>{"lora on cpu = no"});
        CHECK(old.result.conflicts[2].requirements == Requirements{must("cp"), on_hardware("cpu")});
        CHECK(cells_of(old.result.conflicts[2]) == std::vector<std::string>{"cp on cpu = no"});
    }
}

TEST_CASE("an overlay can open an old version, and the plan names the assumed cells") {
    std::vector<CellAssumption> assumptions = {parse_assumption("lora:cp=yes"), parse_assumption("lora@cpu=partial"),
                                               parse_assumption("cp@cpu=yes")};
    std::vector<Matrix> versions;
    for (const Matrix& m : shipped()) versions.push_back(apply_overlay(m, assumptions, MissingCell::skip).matrix);
    Request request;
    request.hardware = "cpu";
    request.must = {"lora", "cp"};
    AnyVersionResult result = across(versions, request, Question::maximize);
    CHECK(result.allowing == std::vector<std::string>{"vllm-0.6", "vllm-0.6-zh", "vllm-0.8-zh"});
    const auto& risks = result.versions[0].result.plan.risks;
    REQUIRE_FALSE(risks.empty());
    CHECK(std::any_of(risks.begin(), risks.end(), [](const CellRef& c) {
        return c.row == "lora" && c.column == "cpu" && c.overridden && c.overridden->published == CellValue::no;
    }));
}

TEST_CASE("a hardware class a version lacks blocks it by name") {
    Matrix only_cpu = load_matrix("vllm-0.6");
    Matrix no_cpu = only_cpu;
    no_cpu.id = "without-cpu";
    std::erase(no_cpu.hardware, std::string("cpu"));
    std::erase_if(no_cpu.support, [](const SupportCell& c) { return c.hardware == "cpu"; });
    no_cpu.reindex();
    Request request;
    request.hardware = "cpu";
    request.must = {"logprobs"};
    AnyVersionResult result = across({only_cpu, no_cpu}, request, Question::maximize);
    CAPTURE(result.message);
    CAPTURE(result.allowing.size());
    CHECK(result.allowing == std::vector<std::string>{"vllm-0.6"});
    CHECK(result.versions[1].lacking == Requirements{on_hardware("cpu")});
    REQUIRE(result.versions[1].result.conflicts.size() == 1);
    CHECK(result.versions[1].result.conflicts[0].requirements == Requirements{on_hardware("cpu")});
}

namespace {

// Everything an across-versions answer says, for comparing two of them.
std::string answer_text(const AnyVersionResult& result) {
    std::ostringstream out;
    out << to_string(result.status) << " allowing " << join_words(result.allowing) << "\n";
    for (const VersionAnswer& answer : result.versions) {
        out << answer.version << (answer.allows ? " allows " : " blocks ") << answer.result.plan.hardware << ":"
            << join_words(answer.result.plan.features) << " " << to_string(answer.result.status);
        for (const Requirement& lacking : answer.lacking) out << " lacks " << to_string(lacking);
        for (const Conflict& conflict : answer.result.conflicts) {
            out << " conflict";
            for (const Requirement& requirement : conflict.requirements) out << " " << to_string(requirement);
            for (const std::string& cell : cells_of(conflict)) out << " [" << cell << "]";
        }
        for (const Change& change : answer.result.changes) out << " change " << change.feature << change.to;
        out << "\n";
    }
    return out.str();
}

}  // namespace

TEST_CASE("Engine::across_versions answers warm as it does cold, and the engine's other answers stay the same") {
    Engine warm;
    Request request;
    request.hardware = "cpu";
    request.must = {"lora"};
    request.have = {"lora", "cp"};
    const Matrix newest = load_matrix("vllm-0.8-zh");
    const Result before = warm.maximize(newest, request);
    for (int round = 0; round < 3; ++round) {
        for (Question question : {Question::maximize, Question::repair, Question::check, Question::explain}) {
            CAPTURE(round);
            CAPTURE(to_string(question));
            Engine cold;
            const std::string expected = answer_text(cold.across_versions(shipped(), request, question));
            CHECK(answer_text(warm.across_versions(shipped(), request, question)) == expected);
            CHECK(expected.find("vllm-0.8-zh") != std::string::npos);
        }
    }
    const Result after = warm.maximize(newest, request);
    CHECK(after.plan.features == before.plan.features);
    CHECK(after.criteria == before.criteria);
    // enumerate is not answered across versions: the table says so, and so does the engine.
    CHECK_THROWS_AS(warm.across_versions(shipped(), request, Question::enumerate), UsageError);
}
