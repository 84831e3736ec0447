#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/vllm_args.hpp>

#include "tests/thrown_message.hpp"

using planner::InputError;
using planner::UsageError;
using planner::VllmArgs;
using planner::VllmArgsMap;

namespace {

using planner::test::message_of;

// The features of the v0.6 matrix, in its document order.
const std::vector<std::string> v06_features = {
    "cp",           "apc",        "lora", "prompt-adapter", "sd",      "cuda-graph",
    "enc-dec",      "logprobs",   "prompt-logprobs",        "async-output",
    "multi-step",   "mm",         "best-of",                "beam-search", "guided-decoding"};

// The later matrices add pooling after cuda-graph.
std::vector<std::string> with_pooling() {
    std::vector<std::string> features = v06_features;
    features.insert(std::find(features.begin(), features.end(), "enc-dec"), "pooling");
    return features;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

bool any_note_has(const VllmArgs& args, const std::string& text) {
    return std::any_of(args.notes.begin(), args.notes.end(),
                       [&](const std::string& note) { return note.find(text) != std::string::npos; });
}

const char* minimal_header = R"({"schema": "planner-vllm-args/1",
  "placeholders": {"<DRAFT_MODEL>": "draft"}, "series": [)";

}  // namespace

TEST_CASE("the shipped mapping loads and covers every release series in order") {
    const VllmArgsMap& map = VllmArgsMap::builtin();
    CHECK(map.series_list() == "0.6, 0.7, 0.8");
    for (const auto& series : map.series()) {
        CAPTURE(series.vllm);
        // Every feature of the matrices of that era has an entry with a source.
        std::vector<std::string> expected = series.vllm == "0.6" ? v06_features : with_pooling();
        for (const std::string& feature : expected) {
            CAPTURE(feature);
            const auto* mapping = series.find(feature);
            REQUIRE(mapping != nullptr);
            CHECK_FALSE(mapping->source.empty());
        }
    }
}

TEST_CASE("every shipped matrix of a release with mapped flags has a mapping for each of its features") {
    const auto shipped = planner::shipped_matrices();
    REQUIRE_FALSE(shipped.empty());
    size_t mapped = 0;
    for (const auto& entry : shipped) {
        CAPTURE(entry.id);
        const planner::Matrix matrix = planner::load_matrix(entry.id);
        // A state of the page no source dates to a release has no flags to check (release_name).
        if (!VllmArgsMap::builtin().find_series(planner::release_name(matrix))) {
            CHECK_FALSE(entry.states.empty());
            CHECK(entry.states.front().release.empty());
            continue;
        }
        ++mapped;
        const auto& series = VllmArgsMap::builtin().series_for(planner::release_name(matrix));
        for (const std::string& feature : matrix.features) {
            CAPTURE(feature);
            CHECK(series.find(feature) != nullptr);
        }
        const VllmArgs all_on =
            planner::vllm_args(planner::release_name(matrix), matrix.hardware.front(), matrix.features, matrix.features);
        CHECK_FALSE(any_note_has(all_on, "no vLLM"));
    }
    CHECK(mapped >= 3 + 10);  // the documents shipped on their own and the page states of 0.6 and 0.7
}

TEST_CASE("a v0.6 plan becomes flags in matrix order with placeholders to fill") {
    const VllmArgs args = planner::vllm_args("vllm-0.6", "a100",
                                             {"sd", "cp", "apc", "logprobs", "mm"}, v06_features);
    CHECK(args.vllm == "0.6");
    CHECK(args.hardware == "ampere");
    const std::vector<std::string> expected = {
        "--enable-chunked-prefill", "--enable-prefix-caching",
        "--speculative-model",      "<DRAFT_MODEL>",
        "--num-speculative-tokens", "<NUM_SPECULATIVE_TOKENS>",
        "--enforce-eager",          "--disable-async-output-proc"};
    CHECK(args.argv() == expected);
    REQUIRE(args.placeholders.size() == 2);
    CHECK(args.placeholders[0].name == "<DRAFT_MODEL>");
    CHECK(args.placeholders[0].feature == "sd");
    CHECK_FALSE(args.placeholders[0].meaning.empty());
    CHECK(args.placeholders[1].name == "<NUM_SPECULATIVE_TOKENS>");
    REQUIRE(args.request_parameters.size() == 1);
    CHECK(args.request_parameters[0].feature == "logprobs");
    CHECK(args.request_parameters[0].parameters == std::vector<std::string>{"logprobs"});
    REQUIRE(args.model_properties.size() == 1);
    CHECK(args.model_properties[0].feature == "mm");
    // Off flags are marked as such.
    auto eager = std::find_if(args.flags.begin(), args.flags.end(),
                              [](const auto& f) { return f.feature == "cuda-graph"; });
    REQUIRE(eager != args.flags.end());
    CHECK_FALSE(eager->enabled);
}

TEST_CASE("switching a feature off depends on the release") {
    // 0.6: prefix caching is a store_true flag, so off means no token at all.
    VllmArgs v06 = planner::vllm_args("vllm-0.6", "ampere", {"cuda-graph", "async-output"},
                                      v06_features);
    CHECK(v06.argv() == std::vector<std::string>{"--enable-chunked-prefill=False"});
    // 0.7: prefix caching has a --no- form and V1 would turn it on by default.
    VllmArgs v07 = planner::vllm_args("vllm-0.7", "ampere", {"cuda-graph", "async-output"},
                                      with_pooling());
    CHECK(v07.argv() == std::vector<std::string>{"--enable-chunked-prefill=False",
                                                 "--no-enable-prefix-caching"});
    // 0.8 generates both from config classes as --no- forms.
    VllmArgs v08 = planner::vllm_args("vllm-0.8-zh", "ampere", {"cuda-graph", "async-output"},
                                      with_pooling());
    CHECK(v08.vllm == "0.8");
    CHECK(v08.argv() == std::vector<std::string>{"--no-enable-chunked-prefill",
                                                 "--no-enable-prefix-caching"});
}

TEST_CASE("a spelling not confirmed for its release is passed on with a note saying so") {
    const VllmArgsMap map = VllmArgsMap::parse(
        std::string(minimal_header) + R"({"vllm": "0.9", "features": [
            {"feature": "lora", "kind": "flag", "on": ["--enable-lora"], "source": "guess.py",
             "verified": false},
            {"feature": "apc", "kind": "flag", "on": ["--enable-prefix-caching"], "source": "a.py"}]}]})",
        "x.json");
    const VllmArgs args = map.translate("vllm-0.9", "ampere", {"lora", "apc"}, {"lora", "apc"});
    CHECK(args.argv() == std::vector<std::string>{"--enable-lora", "--enable-prefix-caching"});
    REQUIRE(args.flags.size() == 2);
    CHECK_FALSE(args.flags[0].verified);
    CHECK(args.flags[1].verified);
    REQUIRE(args.notes.size() == 1);
    CHECK(args.notes[0] == "lora: the spelling of --enable-lora is not confirmed for vLLM 0.9 (guess.py)");
}

TEST_CASE("speculative decoding is one JSON config from 0.8 on, and doubts are noted") {
    const VllmArgs args =
        planner::vllm_args("vllm-0.8", "h100", {"sd", "cp", "cuda-graph", "pooling"}, with_pooling());
    CHECK(args.hardware == "hopper");
    const std::vector<std::string> argv = args.argv();
    auto config = std::find(argv.begin(), argv.end(), "--speculative-config");
    REQUIRE(config != argv.end());
    REQUIRE(config + 1 != argv.end());
    CHECK(config[1] ==
          R"({"model": "<DRAFT_MODEL>", "num_speculative_tokens": <NUM_SPECULATIVE_TOKENS>})");
    CHECK_FALSE(contains(argv, "--speculative-model"));
    CHECK(contains(argv, "--task"));
    CHECK(args.placeholders.size() == 2);
    REQUIRE(args.model_properties.size() == 1);
    CHECK(args.model_properties[0].feature == "pooling");
}

TEST_CASE("request parameters and model properties are listed, never invented as flags") {
    const VllmArgs args = planner::vllm_args(
        "vllm-0.7", "ampere",
        {"beam-search", "best-of", "guided-decoding", "prompt-logprobs", "enc-dec", "cuda-graph",
         "async-output", "cp"},
        with_pooling());
    for (const std::string& token : args.argv()) {
        CAPTURE(token);
        CHECK(token.find("beam") == std::string::npos);
        CHECK(token.find("best") == std::string::npos);
        CHECK(token.find("guided") == std::string::npos);
    }
    std::vector<std::string> features;
    for (const auto& parameter : args.request_parameters) features.push_back(parameter.feature);
    // Matrix order, not request order.
    CHECK(features == std::vector<std::string>{"prompt-logprobs", "best-of", "beam-search",
                                               "guided-decoding"});
    CHECK(args.request_parameters.back().parameters.front() == "guided_json");
    REQUIRE(args.model_properties.size() == 1);
    CHECK(args.model_properties[0].feature == "enc-dec");
}

TEST_CASE("the version is read from the matrix id, and an unmapped one is refused by name") {
    CHECK(VllmArgsMap::builtin().series_for("vllm-0.8.5").vllm == "0.8");
    CHECK(VllmArgsMap::builtin().series_for("vllm-0.7-zh").vllm == "0.7");
    const std::string unknown =
        message_of([] { planner::vllm_args("vllm-0.10", "ampere", {}, v06_features); });
    CHECK(unknown.find("vLLM 0.10") != std::string::npos);
    CHECK(unknown.find("0.6, 0.7, 0.8") != std::string::npos);
    CHECK_THROWS_AS(planner::vllm_args("vllm-0.10", "ampere", {}, v06_features), UsageError);
    const std::string no_version =
        message_of([] { planner::vllm_args("my-matrix", "ampere", {}, v06_features); });
    CHECK(no_version.find("names no vLLM release") != std::string::npos);
}

TEST_CASE("features outside the matrix and unknown hardware are usage errors") {
    const std::string foreign =
        message_of([] { planner::vllm_args("vllm-0.6", "ampere", {"pooling"}, v06_features); });
    CHECK(foreign.find("'pooling' is not a feature of matrix 'vllm-0.6'") != std::string::npos);
    CHECK_THROWS_AS(planner::vllm_args("vllm-0.6", "ampere", {"pooling"}, v06_features), UsageError);
    CHECK_THROWS_AS(planner::vllm_args("vllm-0.6", "B900X!", {}, v06_features), UsageError);
}

TEST_CASE("a hardware id the catalog lacks (a matrix's own column) is named as given") {
    CHECK(planner::vllm_args("vllm-0.6", "gaudi", {}, v06_features).hardware == "gaudi");
    CHECK(planner::vllm_args("vllm-0.6", "sm80", {}, v06_features).hardware == "ampere");
}

TEST_CASE("a matrix feature without a mapping is noted, not dropped silently") {
    std::vector<std::string> features = v06_features;
    features.push_back("prompt-embeds");
    const VllmArgs args = planner::vllm_args("vllm-0.6", "ampere", {"prompt-embeds"}, features);
    CHECK(any_note_has(args, "prompt-embeds: no vLLM 0.6 mapping; switch it on by hand"));
}

TEST_CASE("the same question always gives the same answer") {
    const auto first = planner::vllm_args("vllm-0.7", "ampere", {"lora", "sd", "apc"}, with_pooling());
    const auto second = planner::vllm_args("vllm-0.7", "ampere", {"apc", "sd", "lora"}, with_pooling());
    CHECK(first.argv() == second.argv());
    CHECK(first.notes == second.notes);
}

TEST_CASE("bad mapping documents are refused with the place named") {
    CHECK(message_of([] { VllmArgsMap::parse("{", "x.json"); }).rfind("x.json: ", 0) == 0);
    CHECK_THROWS_AS(VllmArgsMap::parse(R"({"schema": "other"})", "x.json"), InputError);
    const std::string unknown_feature = message_of([] {
        VllmArgsMap::parse(std::string(minimal_header) +
                               R"({"vllm": "0.6", "features": [{"feature": "turbo",
                               "kind": "flag", "source": "s"}]}]})",
                           "x.json");
    });
    CHECK(unknown_feature.find("'turbo' is not a canonical feature id") != std::string::npos);
    const std::string placeholder = message_of([] {
        VllmArgsMap::parse(std::string(minimal_header) +
                               R"({"vllm": "0.6", "features": [{"feature": "sd",
                               "kind": "flag", "on": ["--n", "<COUNT>"], "source": "s"}]}]})",
                           "x.json");
    });
    CHECK(placeholder.find("placeholder <COUNT> is not declared") != std::string::npos);
    CHECK_THROWS_AS(VllmArgsMap::parse(std::string(minimal_header) +
                                           R"({"vllm": "0.6", "features": [{"feature": "sd",
                                           "kind": "flag"}]}]})",
                                       "x.json"),
                    InputError);  // no source
    CHECK_THROWS_AS(VllmArgsMap::parse(std::string(minimal_header) +
                                           R"({"vllm": "0.6", "features": []},
                                              {"vllm": "0.6", "features": []}]})",
                                       "x.json"),
                    InputError);  // the same series twice
    CHECK_THROWS_AS(VllmArgsMap::parse(std::string(minimal_header) +
                                           R"({"vllm": "0.6", "features": [{"feature": "logprobs",
                                           "kind": "request", "source": "s"}]}]})",
                                       "x.json"),
                    InputError);  // a request feature without parameters
    CHECK_THROWS_AS(VllmArgsMap::parse(std::string(minimal_header) +
                                           R"({"vllm": "latest", "features": []}]})",
                                       "x.json"),
                    InputError);
}

TEST_CASE("argv tokens are quoted for a shell only when they need it") {
    CHECK(planner::shell_quote("--enable-chunked-prefill=False") == "--enable-chunked-prefill=False");
    CHECK(planner::shell_quote("<DRAFT_MODEL>") == "'<DRAFT_MODEL>'");
    CHECK(planner::shell_quote(R"({"model": "x"})") == R"('{"model": "x"}')");
    CHECK(planner::shell_quote("it's") == R"('it'\''s')");
    CHECK(planner::shell_quote("") == "''");
}
