#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <fstream>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

TEST_CASE("the shipped matrices, oldest first; the newest is the default") {
    std::vector<planner::ShippedMatrix> shipped;
    for (const planner::ShippedMatrix& matrix : planner::shipped_matrices())
        if (matrix.states.empty()) shipped.push_back(matrix);  // the documents shipped on their own
    REQUIRE(shipped.size() == 3);
    CHECK(planner::shipped_matrices().back().id == "vllm-0.8-zh");
    CHECK(shipped[0].id == "vllm-0.6");
    CHECK(shipped[1].id == "vllm-0.6-zh");
    CHECK(shipped[2].id == "vllm-0.8-zh");
    CHECK(shipped[2].features == 16);
    CHECK(shipped[2].hardware == 7);
    CHECK(shipped[0].source == "compatibility_matrix-v0.6.rst");
    CHECK(planner::load_matrix().id == "vllm-0.8-zh");
    CHECK(planner::load_matrix("vllm-0.6").source == "compatibility_matrix-v0.6.rst");
}

TEST_CASE("--matrix takes an id, a matrix JSON file or a document to import") {
    const std::string root = planner::test::source_root();
    CHECK(planner::load_matrix(root + "/data/vllm-0.6-zh.json").id == "vllm-0.6-zh");
    CHECK(planner::load_matrix(root + "/tests/data/docs/mkdocs-tpu.md").has_hardware("tpu"));
    CHECK_THROWS_WITH_AS(planner::load_matrix("vllm-9.9"),
                         doctest::Contains("unknown matrix 'vllm-9.9'; shipped matrices: vllm-0.6, vllm-0.6-zh, "
                                           "vllm-0.8-zh"),
                         planner::UsageError);
    CHECK_THROWS_WITH_AS(planner::load_matrix(root + "/no/such/file.json"), doctest::Contains("no such file"),
                         planner::InputError);
    CHECK_THROWS_WITH_AS(planner::load_matrix(root + "/tests/data/bad/missing-cell.json"),
                         doctest::Contains("pairs: cell (prompt-adapter, lora) is missing"), planner::InputError);
    CHECK_THROWS_WITH_AS(planner::load_matrix(root + "/tests/data/bad/ragged-row.md"),
                         doctest::Contains("ragged-row.md:6: ragged row"), planner::InputError);
}

TEST_CASE("which shipped matrices have a column for a hardware class") {
    // The documents shipped on their own, then the newest state of the page that has it.
    CHECK(planner::matrices_with_hardware("ampere") ==
          std::vector<std::string>{"vllm-0.6", "vllm-0.6-zh", "vllm-0.8-zh", "vllm-docs-2026-05-01"});
    // The page had a TPU column from 2025-07-02 until 2025-11-21.
    CHECK(planner::matrices_with_hardware("tpu") == std::vector<std::string>{"vllm-docs-2025-10-22"});
    CHECK(planner::matrices_with_hardware("no-such-class").empty());
}

TEST_CASE("a state of vLLM's page is named by its id, a release, a release line or a date") {
    std::vector<std::string> notes;
    const planner::Matrix v064 = planner::load_matrix("vllm-0.6.4", notes);
    CHECK(v064.id == "vllm-docs-2024-11-07");
    CHECK(v064.source == "2024-11-07-db7db4aa.rst");
    REQUIRE(v064.states.size() == 1);
    CHECK(v064.states[0].commit.starts_with("db7db4aa"));
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "vllm-0.6.4 is vllm-docs-2024-11-07: the page as release v0.6.4 shipped it (commit db7db4aa; "
                      "by SOURCES.tsv first_release_tag)");
    // The v0.6 document shipped before the page history is that very state.
    CHECK(v064.sha256 == planner::load_matrix("vllm-0.6").sha256);
    // A line is its newest release; a date the newest state on or before it.
    CHECK(planner::load_matrix("vllm-0.7").id == "vllm-docs-2025-02-18");
    CHECK(planner::load_matrix("vllm-0.7.3").id == "vllm-docs-2025-02-18");
    CHECK(planner::load_matrix("vllm-0.7.1").id == "vllm-docs-2025-01-29");
    CHECK(planner::load_matrix("vllm-0.10.0").id == "vllm-docs-2025-07-23");
    CHECK(planner::load_matrix("2025-07-30").id == "vllm-docs-2025-07-30");
    CHECK(planner::load_matrix("2025-08-15").id == "vllm-docs-2025-07-30");
    CHECK(planner::load_matrix("2024-11-20").id == "vllm-docs-2024-11-20-2");
    CHECK(planner::load_matrix("vllm-docs-2024-11-20").source == "2024-11-20-63f1fde2.rst");
    // A state that shares its cells with an earlier one is still itself.
    const planner::Matrix markup_only = planner::load_matrix("vllm-docs-2024-12-23");
    CHECK(markup_only.source == "2024-12-23-32aa2059.md");
    CHECK(markup_only.pairs.size() == planner::load_matrix("vllm-docs-2024-11-26").pairs.size());
    CHECK_THROWS_WITH_AS(planner::load_matrix("vllm-0.7.2"),
                         doctest::Contains("unknown matrix 'vllm-0.7.2'; shipped matrices: vllm-0.6, vllm-0.6-zh, "
                                           "vllm-0.8-zh, the states of vLLM's page vllm-docs-2024-10-11 to "
                                           "vllm-docs-2026-05-01, the releases vllm-0.6.3, vllm-0.6.4, vllm-0.6.5, "
                                           "vllm-0.7.0, vllm-0.7.1, vllm-0.7.3, vllm-0.10.0"),
                         planner::UsageError);
    // A day the calendar lacks is no date, so no state is taken for it.
    CHECK_THROWS_WITH_AS(planner::load_matrix("2025-02-30"), doctest::Contains("unknown matrix '2025-02-30'"),
                         planner::UsageError);
    CHECK_THROWS_WITH_AS(planner::load_matrix("2024-01-01"),
                         doctest::Contains("the oldest state of vLLM's page shipped is vllm-docs-2024-10-11"),
                         planner::UsageError);
}

TEST_CASE("the releases the shipped data establishes, each with its source") {
    const auto releases = planner::shipped_releases();
    REQUIRE(releases.size() == 7);
    CHECK(releases.front().tag == "v0.6.3");
    CHECK(releases.front().state == "vllm-docs-2024-10-11");
    CHECK(releases.back().tag == "v0.10.0");
    CHECK(releases.back().source.find("https://docs.vllm.ai/en/v0.10.0/") != std::string::npos);
    for (const auto& release : releases) CHECK_FALSE(release.source.empty());
}

TEST_CASE("a document shipped on its own names the upstream state nearest to it") {
    for (const planner::ShippedMatrix& shipped : planner::shipped_matrices()) {
        if (!shipped.states.empty()) continue;
        CAPTURE(shipped.id);
        CHECK(shipped.translates.starts_with("vllm-docs-"));
    }
    const auto shipped = planner::shipped_matrices();
    const auto v06 = std::find_if(shipped.begin(), shipped.end(), [](const auto& m) { return m.id == "vllm-0.6"; });
    REQUIRE(v06 != shipped.end());
    CHECK(v06->translates == "vllm-docs-2024-11-07");
    CHECK(v06->differences == 0);
}
