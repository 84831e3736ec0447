// Inputs the fuzzers found, kept so that each stays refused the proper way
// (an InputError naming the place) instead of escaping as another exception.
#include <doctest/doctest.h>

#include <string>

#include <planner/error.hpp>
#include <planner/overlay.hpp>

#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

TEST_CASE("a number beyond double range is an InputError naming its line, not nlohmann's out_of_range") {
    // fuzz_matrix_json: a mutated shipped matrix with "1e999" in the support array.
    const std::string matrix = planner::test::read_source_file("tests/data/bad/number-overflow.json");
    CHECK_THROWS_WITH_AS(planner::matrix_from_json(matrix, "number-overflow.json"),
                         "number-overflow.json:150: not valid JSON (the number 1e999 is out of range)",
                         planner::InputError);
    // fuzz_overlay: a file that is one huge number.
    const std::string found = planner::test::read_source_file("tests/data/bad/overlay-number-overflow.json");
    CHECK_THROWS_WITH_AS(
        planner::parse_overlay(found, "overlay-number-overflow.json"),
        "overlay-number-overflow.json:1: not valid JSON (the number 4555555555555555.7e555555555 is out of range)",
        planner::InputError);
    const std::string overlay = "{\"schema\": \"planner-overlay/1\",\n \"cells\": [-2e400]}";
    CHECK_THROWS_WITH_AS(planner::parse_overlay(overlay, "fix.json"),
                         "fix.json:2: not valid JSON (the number -2e400 is out of range)", planner::InputError);
}
