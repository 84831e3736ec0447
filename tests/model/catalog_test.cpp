#include <doctest/doctest.h>

#include <algorithm>

#include "model/catalog.hpp"
#include "model/error.hpp"

using planner::Catalog;

TEST_CASE("feature names in every published spelling resolve to canonical ids") {
    const Catalog& catalog = Catalog::builtin();
    CHECK(catalog.resolve_feature("CP") == "cp");
    CHECK(catalog.resolve_feature("chunked-prefill") == "cp");
    CHECK(catalog.resolve_feature("Prefix_Caching") == "apc");
    CHECK(catalog.resolve_feature("prmpt adptr") == "prompt-adapter");
    CHECK(catalog.resolve_feature("logP") == "logprobs");
    CHECK(catalog.resolve_feature("prmpt logP") == "prompt-logprobs");
    CHECK(catalog.resolve_feature("MM") == "mm");
    CHECK(catalog.resolve_feature("guided dec") == "guided-decoding");
    CHECK(catalog.resolve_feature("speculative-decoding") == "sd");
    CHECK(catalog.resolve_feature("emd") == "pooling");
    CHECK(catalog.resolve_feature("CUDA graph") == "cuda-graph");
    CHECK(catalog.features().size() == 17);
}

TEST_CASE("hardware products and compute capabilities map to classes") {
    const Catalog& catalog = Catalog::builtin();
    CHECK(catalog.resolve_hardware("A100") == "ampere");
    CHECK(catalog.resolve_hardware("a10g") == "ampere");
    CHECK(catalog.resolve_hardware("sm_86") == "ampere");
    CHECK(catalog.resolve_hardware("8.9") == "ada");
    CHECK(catalog.resolve_hardware("RTX 4090") == "ada");
    CHECK(catalog.resolve_hardware("v100") == "volta");
    CHECK(catalog.resolve_hardware("sm75") == "turing");
    CHECK(catalog.resolve_hardware("GH200") == "hopper");
    CHECK(catalog.resolve_hardware("MI300X") == "amd");
    CHECK(catalog.resolve_hardware("gfx942") == "amd");
    CHECK(catalog.resolve_hardware("tpu-v5e") == "tpu");
    CHECK(catalog.resolve_hardware("Max 1550") == "intel-gpu");
    CHECK(catalog.resolve_hardware("arm64") == "cpu");
    CHECK(catalog.resolve_hardware("x86 CPU") == "cpu");
    CHECK(catalog.hardware().size() == 9);
}

TEST_CASE("an unknown name is an error that lists the nearest known names") {
    const Catalog& catalog = Catalog::builtin();
    try {
        catalog.resolve_feature("lorra");
        FAIL("lorra resolved");
    } catch (const planner::UsageError& e) {
        CHECK(std::string(e.what()).find("'lorra'") != std::string::npos);
        CHECK(std::string(e.what()).find("lora") != std::string::npos);
    }
    CHECK_THROWS_AS(catalog.resolve_hardware("b200"), planner::UsageError);
    CHECK_THROWS_AS(catalog.resolve_hardware("sm100"), planner::UsageError);
    CHECK_THROWS_AS(catalog.resolve_feature(""), planner::UsageError);
    auto near = catalog.nearest_hardware("h10");
    CHECK(std::find(near.begin(), near.end(), "h100") != near.end());
}

TEST_CASE("edit distance") {
    CHECK(planner::edit_distance("lorra", "lora") == 1);
    CHECK(planner::edit_distance("", "abc") == 3);
    CHECK(planner::edit_distance("kitten", "sitting") == 3);
}
