#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

TEST_CASE("the shipped matrices, oldest first; the newest is the default") {
    auto shipped = planner::shipped_matrices();
    REQUIRE(shipped.size() == 3);
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
    CHECK(planner::matrices_with_hardware("ampere") ==
          std::vector<std::string>{"vllm-0.6", "vllm-0.6-zh", "vllm-0.8-zh"});
    CHECK(planner::matrices_with_hardware("tpu").empty());
}
