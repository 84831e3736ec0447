// The id a label the catalog lacks becomes: the catalog's id form, the same
// bytes for the same label everywhere.
#include <doctest/doctest.h>

#include "model/facts/label_slug.hpp"

using planner::is_label_slug;
using planner::label_slug;

TEST_CASE("a label's slug is lower case, with every run of other characters one '-', trimmed") {
    CHECK(label_slug("Gaudi") == "gaudi");
    CHECK(label_slug("Intel Gaudi 3 (HPU)") == "intel-gaudi-3-hpu");
    CHECK(label_slug("  KV  offload  ") == "kv-offload");
    CHECK(label_slug("--prompt__embeds--") == "prompt-embeds");
    CHECK(label_slug("AWS Neuron/Inferentia2") == "aws-neuron-inferentia2");
    CHECK(label_slug("x.y") == "x-y");
}

TEST_CASE("letters outside ASCII separate words, and a label without ASCII letters or digits has no slug") {
    CHECK(label_slug("Ascend NPU（昇腾）") == "ascend-npu");
    CHECK(label_slug("分块预填充") == "");
    CHECK(label_slug("✅ ❌") == "");
    CHECK(label_slug("") == "");
    // The locale cannot change it: only A-Z are lowered, other bytes separate.
    CHECK(label_slug("\xC3\x89tat") == "tat");
}

TEST_CASE("an id in slug form is recognised; any other spelling is not") {
    CHECK(is_label_slug("gaudi"));
    CHECK(is_label_slug("intel-gpu"));
    CHECK(is_label_slug("f042"));
    CHECK_FALSE(is_label_slug("Gaudi"));
    CHECK_FALSE(is_label_slug("kv--offload"));
    CHECK_FALSE(is_label_slug("-kv"));
    CHECK_FALSE(is_label_slug("kv offload"));
    CHECK_FALSE(is_label_slug(""));
}
