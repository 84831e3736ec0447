// The diff of the two shipped seed documents against a list made by reading
// their tables side by side: seeds/001_… (vllm-0.6-zh, the older release, ✗
// and ?) and seeds/000_… (vllm-0.8-zh, ❌ 🟠 ❔, Mac Roman mojibake).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/diff.hpp>
#include <planner/library.hpp>

#include "model/import/importer.hpp"
#include "tests/test_files.hpp"

using namespace planner;

namespace {
const std::string kVllm = "https://github.com/vllm-project/vllm/";

struct Expected {
    CellChange::Kind kind;
    std::string row, column;
    CellValue old_value, new_value;
    std::vector<std::string> old_links, new_links;
};

constexpr auto pair = CellChange::Kind::pair;
constexpr auto support = CellChange::Kind::support;
constexpr auto yes = CellValue::yes;
constexpr auto no = CellValue::no;
constexpr auto partial = CellValue::partial;

void check_same(const std::vector<CellChange>& actual, const std::vector<Expected>& expected) {
    CHECK(actual.size() == expected.size());
    for (size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        const CellChange& a = actual[i];
        const Expected& e = expected[i];
        CAPTURE(i);
        CAPTURE(e.row);
        CAPTURE(e.column);
        CHECK(a.kind == e.kind);
        CHECK(a.row == e.row);
        CHECK(a.column == e.column);
        CHECK(a.old_value == e.old_value);
        CHECK(a.new_value == e.new_value);
        CHECK(a.old_links == e.old_links);
        CHECK(a.new_links == e.new_links);
        CHECK(a.old_marks.empty());
        CHECK(a.new_marks.empty());
    }
}
}  // namespace

TEST_CASE("the two seed documents differ in exactly the cells read off their tables") {
    Matrix older = load_matrix("vllm-0.6-zh");
    Matrix newer = load_matrix("vllm-0.8-zh");
    REQUIRE(older.source == "001_0c58d9781eb00f64.txt");
    REQUIRE(newer.source == "000_c80e026caf167046.txt");

    MatrixDiff d = diff_matrices(older, newer);
    CHECK(d.old_id == "vllm-0.6-zh");
    CHECK(d.new_id == "vllm-0.8-zh");
    CHECK(d.features_added == std::vector<std::string>{"pooling"});
    CHECK(d.features_removed.empty());
    CHECK(d.hardware_added.empty());
    CHECK(d.hardware_removed.empty());

    // Feature x Feature, row by row in the newer table; then Feature x Hardware.
    check_same(d.value_changes,
               {
                   {pair, "lora", "cp", no, yes, {kVllm + "pull/9057"}, {}},
                   {pair, "sd", "cp", no, yes, {}, {}},
                   {pair, "prompt-logprobs", "sd", no, yes, {kVllm + "pull/8199"}, {}},
                   {pair, "multi-step", "prompt-logprobs", no, yes, {kVllm + "issues/8198"}, {}},
                   {pair, "mm", "cp", no, yes, {kVllm + "pull/8346"}, {}},
                   {pair, "mm", "apc", no, partial, {kVllm + "pull/8348"}, {kVllm + "pull/8348"}},
                   {pair, "mm", "lora", no, partial, {kVllm + "pull/7199"}, {kVllm + "pull/4194"}},
                   {pair, "mm", "enc-dec", no, yes, {}, {}},
                   {pair, "guided-decoding", "sd", yes, no, {}, {kVllm + "issues/11484"}},
                   {support, "cp", "cpu", no, yes, {}, {}},
                   {support, "apc", "cpu", no, yes, {}, {}},
                   {support, "lora", "cpu", no, yes, {kVllm + "pull/4830"}, {}},
                   {support,
                    "enc-dec",
                    "cpu",
                    no,
                    yes,
                    {kVllm + "blob/a84e598e2125960d3b4f716b78863f24ac562947/vllm/worker/cpu_model_runner.py#L125"},
                    {}},
               });

    // Still ❌, but the tracking issue changed.
    check_same(d.evidence_changes,
               {{pair, "guided-decoding", "multi-step", no, no, {kVllm + "issues/8985"}, {kVllm + "issues/9893"}}});

    // The older table leaves its diagonal blank, the newer one fills it with ✅.
    CHECK(d.diagonal_changes.size() == 15);
    for (const DiagonalChange& c : d.diagonal_changes) {
        CAPTURE(c.feature);
        CHECK(c.old_value == CellValue::blank);
        CHECK(c.new_value == CellValue::yes);
        CHECK(c.feature != "pooling");
    }
    CHECK(d.footnote_changes.empty());
}

TEST_CASE("the seed diff read the other way round swaps every old and new value") {
    MatrixDiff forward = diff_matrices(load_matrix("vllm-0.6-zh"), load_matrix("vllm-0.8-zh"));
    MatrixDiff back = diff_matrices(load_matrix("vllm-0.8-zh"), load_matrix("vllm-0.6-zh"));
    CHECK(back.features_removed == std::vector<std::string>{"pooling"});
    REQUIRE(back.value_changes.size() == forward.value_changes.size());
    for (const CellChange& f : forward.value_changes) {
        bool found = false;
        for (const CellChange& b : back.value_changes)
            if (b.kind == f.kind && b.row == f.row && b.column == f.column) {
                found = true;
                CHECK(b.old_value == f.new_value);
                CHECK(b.new_value == f.old_value);
                CHECK(b.old_links == f.new_links);
            }
        CHECK(found);
    }
}

TEST_CASE("importing the seed documents afresh gives the same diff as the shipped matrices") {
    auto import_seed = [](const std::string& name) {
        return import_document(test::read_source_file("tests/data/sources/" + name), name).matrix;
    };
    MatrixDiff fresh = diff_matrices(import_seed("001_0c58d9781eb00f64.txt"), import_seed("000_c80e026caf167046.txt"));
    MatrixDiff shipped = diff_matrices(load_matrix("vllm-0.6-zh"), load_matrix("vllm-0.8-zh"));
    CHECK(fresh.features_added == shipped.features_added);
    CHECK(fresh.value_changes == shipped.value_changes);
    CHECK(fresh.evidence_changes == shipped.evidence_changes);
    CHECK(fresh.diagonal_changes == shipped.diagonal_changes);
    CHECK(fresh.value_changes.size() == 13);
}
