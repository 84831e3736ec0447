// The three documents the project ships, checked cell by cell against their
// raw text (read by eye, not by the importer), including links and marks.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/error.hpp>

#include "model/import/importer.hpp"
#include "tests/test_files.hpp"

using planner::CellValue;
using planner::Matrix;

namespace {

constexpr const char* kIssue = "https://github.com/vllm-project/vllm/issues/";
constexpr const char* kPull = "https://github.com/vllm-project/vllm/pull/";

struct Expected {
    const char* x;
    const char* y;
    CellValue value;
    std::string link;  // "" when the cell has none
};

planner::ImportResult import_source(const std::string& name) {
    return planner::import_document(planner::test::read_source_file("tests/data/sources/" + name), name);
}

void check_pairs(const Matrix& m, const std::vector<Expected>& cells) {
    for (const Expected& e : cells) {
        CAPTURE(e.x);
        CAPTURE(e.y);
        const planner::PairCell* cell = m.pair(e.x, e.y);
        REQUIRE(cell != nullptr);
        CHECK(cell->value == e.value);
        if (e.link.empty())
            CHECK(cell->links.empty());
        else
            CHECK(cell->links == std::vector<std::string>{e.link});
        CHECK(cell->marks.empty());
    }
}

void check_support(const Matrix& m, const std::vector<Expected>& cells) {
    for (const Expected& e : cells) {
        CAPTURE(e.x);
        CAPTURE(e.y);
        const planner::SupportCell* cell = m.support_cell(e.x, e.y);
        REQUIRE(cell != nullptr);
        CHECK(cell->value == e.value);
        if (e.link.empty())
            CHECK(cell->links.empty());
        else
            CHECK(cell->links == std::vector<std::string>{e.link});
    }
}

const std::vector<std::string> kV06Features = {
    "cp",          "apc",          "lora",       "prompt-adapter", "sd",          "cuda-graph",
    "enc-dec",     "logprobs",     "prompt-logprobs", "async-output", "multi-step", "mm",
    "best-of",     "beam-search",  "guided-decoding"};
const std::vector<std::string> kSevenClasses = {"volta", "turing", "ampere", "ada", "hopper", "cpu", "amd"};

// Cells the English v0.6 RST and the Chinese seed 001 share.
const std::vector<Expected> kV06SharedPairs = {
    {"apc", "cp", CellValue::yes, ""},
    {"lora", "cp", CellValue::no, std::string(kPull) + "9057"},
    {"lora", "apc", CellValue::yes, ""},
    {"prompt-adapter", "cp", CellValue::yes, ""},
    {"sd", "cp", CellValue::no, ""},
    {"sd", "apc", CellValue::yes, ""},
    {"lora", "sd", CellValue::no, ""},  // the card's example, given in the other order
    {"sd", "prompt-adapter", CellValue::yes, ""},
    {"cuda-graph", "sd", CellValue::yes, ""},
    {"enc-dec", "cp", CellValue::no, ""},
    {"enc-dec", "apc", CellValue::no, std::string(kIssue) + "7366"},
    {"enc-dec", "sd", CellValue::no, std::string(kIssue) + "7366"},
    {"enc-dec", "cuda-graph", CellValue::yes, ""},
    {"logprobs", "enc-dec", CellValue::yes, ""},
    {"prompt-logprobs", "sd", CellValue::no, std::string(kPull) + "8199"},
    {"async-output", "sd", CellValue::no, ""},
    {"async-output", "enc-dec", CellValue::no, ""},
    {"multi-step", "cp", CellValue::no, ""},
    {"multi-step", "prompt-logprobs", CellValue::no, std::string(kIssue) + "8198"},
    {"multi-step", "async-output", CellValue::yes, ""},
    {"mm", "cp", CellValue::no, std::string(kPull) + "8346"},
    {"mm", "apc", CellValue::no, std::string(kPull) + "8348"},
    {"mm", "lora", CellValue::no, std::string(kPull) + "7199"},
    {"mm", "prompt-adapter", CellValue::unknown, ""},
    {"mm", "enc-dec", CellValue::no, ""},
    {"mm", "multi-step", CellValue::unknown, ""},
    {"best-of", "sd", CellValue::no, std::string(kIssue) + "6137"},
    {"best-of", "async-output", CellValue::unknown, ""},
    {"best-of", "multi-step", CellValue::no, std::string(kIssue) + "7968"},
    {"beam-search", "mm", CellValue::unknown, ""},
    {"guided-decoding", "lora", CellValue::unknown, ""},
    {"guided-decoding", "sd", CellValue::yes, ""},
    {"guided-decoding", "beam-search", CellValue::yes, ""},
};

const std::vector<Expected> kV06SharedSupport = {
    {"cp", "volta", CellValue::no, std::string(kIssue) + "2729"},
    {"cp", "cpu", CellValue::no, ""},
    {"apc", "volta", CellValue::no, std::string(kIssue) + "3687"},
    {"apc", "cpu", CellValue::no, ""},
    {"lora", "cpu", CellValue::no, std::string(kPull) + "4830"},
    {"prompt-adapter", "cpu", CellValue::no, std::string(kIssue) + "8475"},
    {"cuda-graph", "cpu", CellValue::no, ""},
    {"enc-dec", "amd", CellValue::no, ""},
    {"async-output", "cpu", CellValue::no, ""},
    {"async-output", "amd", CellValue::no, ""},
    {"multi-step", "cpu", CellValue::no, std::string(kIssue) + "8477"},
    {"guided-decoding", "amd", CellValue::yes, ""},
    {"sd", "hopper", CellValue::yes, ""},
};

}  // namespace

TEST_CASE("upstream v0.6 reStructuredText: labels, triangle, links") {
    auto result = import_source("compatibility_matrix-v0.6.rst");
    const Matrix& m = result.matrix;
    CHECK(result.notes.empty());
    CHECK(m.id == "vllm-0.6");  // the file name says v0.6
    CHECK(m.source == "compatibility_matrix-v0.6.rst");
    CHECK(m.sha256 == "c3221e9878267910b8313fd0d743a1a455c78922f91e8d0fc41275dbb4a7f254");
    CHECK(m.features == kV06Features);
    CHECK(m.hardware == kSevenClasses);
    CHECK(m.pairs.size() == 15 * 14 / 2);
    CHECK(m.support.size() == 15 * 7);
    CHECK(m.footnotes.empty());
    for (const auto& f : m.features) CHECK(m.diagonal.at(f) == CellValue::blank);
    check_pairs(m, kV06SharedPairs);
    check_pairs(m, {{"guided-decoding", "multi-step", CellValue::no, std::string(kIssue) + "9893"},
                    {"async-output", "cuda-graph", CellValue::yes, ""},  // "✅ " with a trailing space
                    {"beam-search", "best-of", CellValue::yes, ""},
                    {"guided-decoding", "mm", CellValue::unknown, ""}});
    check_support(m, kV06SharedSupport);
    check_support(m, {{"enc-dec", "cpu", CellValue::yes, ""}});
}

TEST_CASE("seed 001 (Chinese, clean UTF-8 Markdown): the v0.6 cells, two differences") {
    auto result = import_source("001_0c58d9781eb00f64.txt");
    const Matrix& m = result.matrix;
    CHECK(result.notes.empty());
    // Docs links of the models/performance.html era (v0.6), prose in Chinese.
    CHECK(m.id == "vllm-0.6-zh");
    CHECK(m.sha256 == "52a35f9023dfe0ed591fad94a61b909f5ff4bb485e419b62320d1bbeb1540487");
    CHECK(m.features == kV06Features);
    CHECK(m.hardware == kSevenClasses);
    for (const auto& f : m.features) CHECK(m.diagonal.at(f) == CellValue::blank);
    check_pairs(m, kV06SharedPairs);
    // Where seed 001 differs from the English RST.
    check_pairs(m, {{"guided-decoding", "multi-step", CellValue::no, std::string(kIssue) + "8985"}});
    check_support(m, kV06SharedSupport);
    check_support(m, {{"enc-dec", "cpu", CellValue::no,
                       "https://github.com/vllm-project/vllm/blob/a84e598e2125960d3b4f716b78863f24ac562947/"
                       "vllm/worker/cpu_model_runner.py#L125"}});
}

TEST_CASE("seed 000 (Mac Roman mojibake): repaired, said so, and read like the clean documents") {
    auto result = import_source("000_c80e026caf167046.txt");
    const Matrix& m = result.matrix;
    REQUIRE(result.notes.size() == 1);
    CHECK(result.notes[0].find("repaired Mac Roman mojibake") != std::string::npos);
    // performance/optimization.html and features/ links: the v0.7-v0.8 Sphinx docs.
    CHECK(m.id == "vllm-0.8-zh");
    CHECK(m.sha256 == "c5f14d5f9245ac8198a3307f9eb51135d9c9b7227a827e9c810b06dc17899de1");
    CHECK(m.features == std::vector<std::string>{"cp", "apc", "lora", "prompt-adapter", "sd", "cuda-graph",
                                                 "pooling", "enc-dec", "logprobs", "prompt-logprobs",
                                                 "async-output", "multi-step", "mm", "best-of", "beam-search",
                                                 "guided-decoding"});
    CHECK(m.hardware == kSevenClasses);
    for (const auto& f : m.features) CHECK(m.diagonal.at(f) == CellValue::yes);  // ✅ on the diagonal
    // Links end in a bare '#' in this seed; the empty fragment is dropped.
    check_pairs(m, {
                       {"apc", "cp", CellValue::yes, ""},
                       {"lora", "cp", CellValue::yes, ""},
                       {"lora", "sd", CellValue::no, ""},
                       {"pooling", "cp", CellValue::no, ""},
                       {"pooling", "cuda-graph", CellValue::no, ""},
                       {"enc-dec", "apc", CellValue::no, std::string(kIssue) + "7366"},
                       {"enc-dec", "sd", CellValue::no, std::string(kIssue) + "7366"},
                       {"enc-dec", "pooling", CellValue::yes, ""},
                       {"logprobs", "pooling", CellValue::no, ""},
                       {"async-output", "sd", CellValue::no, ""},
                       {"async-output", "enc-dec", CellValue::no, ""},
                       {"multi-step", "cp", CellValue::no, ""},
                       {"multi-step", "apc", CellValue::yes, ""},
                       {"mm", "apc", CellValue::partial, std::string(kPull) + "8348"},
                       {"mm", "lora", CellValue::partial, std::string(kPull) + "4194"},
                       {"mm", "prompt-adapter", CellValue::unknown, ""},
                       {"mm", "multi-step", CellValue::unknown, ""},
                       {"best-of", "sd", CellValue::no, std::string(kIssue) + "6137"},
                       {"best-of", "pooling", CellValue::no, ""},
                       {"best-of", "async-output", CellValue::unknown, ""},
                       {"best-of", "multi-step", CellValue::no, std::string(kIssue) + "7968"},
                       {"beam-search", "mm", CellValue::unknown, ""},
                       {"guided-decoding", "lora", CellValue::unknown, ""},
                       {"guided-decoding", "sd", CellValue::no, std::string(kIssue) + "11484"},
                       {"guided-decoding", "pooling", CellValue::no, ""},
                       {"guided-decoding", "enc-dec", CellValue::unknown, ""},
                       {"guided-decoding", "multi-step", CellValue::no, std::string(kIssue) + "9893"},
                   });
    // The hardware table lists its rows in another order (pooling, enc-dec, mm, logP, ...).
    check_support(m, {
                         {"cp", "volta", CellValue::no, std::string(kIssue) + "2729"},
                         {"cp", "cpu", CellValue::yes, ""},
                         {"apc", "cpu", CellValue::yes, ""},
                         {"apc", "volta", CellValue::no, std::string(kIssue) + "3687"},
                         {"prompt-adapter", "cpu", CellValue::no, std::string(kIssue) + "8475"},
                         {"cuda-graph", "cpu", CellValue::no, ""},
                         {"pooling", "amd", CellValue::unknown, ""},
                         {"enc-dec", "amd", CellValue::no, ""},
                         {"async-output", "cpu", CellValue::no, ""},
                         {"multi-step", "cpu", CellValue::no, std::string(kIssue) + "8477"},
                         {"mm", "cpu", CellValue::yes, ""},
                         {"logprobs", "amd", CellValue::yes, ""},
                     });
}

TEST_CASE("an explicit id wins over the derived one") {
    planner::ImportOptions options;
    options.id = "my-matrix";
    auto result = planner::import_document(
        planner::test::read_source_file("tests/data/sources/compatibility_matrix-v0.6.rst"), "x.rst", options);
    CHECK(result.matrix.id == "my-matrix");
    CHECK(result.matrix.source == "x.rst");
    options.id = "no spaces";
    CHECK_THROWS_AS(planner::import_document("| a |", "x.md", options), planner::UsageError);
}
