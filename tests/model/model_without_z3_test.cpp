// The model library alone, linked with every one of its objects (link_whole)
// and without Z3: a model file that used a Z3 symbol would break this link,
// whatever the rest of the suite links. What runs here is the part of the
// planner that needs no solver: the shipped matrices, their JSON and the
// Z3-free configuration check.
#include <doctest/doctest.h>

#include <planner/check.hpp>
#include <planner/library.hpp>

#include "model/io/matrix_json.hpp"

using namespace planner;

TEST_CASE("every shipped matrix loads, and its JSON reads back as the same document") {
    const std::vector<ShippedMatrix> shipped = shipped_matrices();
    REQUIRE_FALSE(shipped.empty());
    for (const ShippedMatrix& entry : shipped) {
        CAPTURE(entry.id);
        const Matrix& matrix = shipped_matrix(entry.id);
        CHECK(matrix.features.size() == entry.features);
        CHECK(matrix.hardware.size() == entry.hardware);
        const std::string json = matrix_to_json(matrix);
        CHECK(matrix_to_json(matrix_from_json(json, entry.id)) == json);
    }
}

TEST_CASE("the configuration check refuses each pair the matrix marks no, on every hardware class") {
    for (const ShippedMatrix& entry : shipped_matrices()) {
        const Matrix& matrix = shipped_matrix(entry.id);
        size_t refused = 0;
        for (const PairCell& cell : matrix.pairs) {
            if (cell.value != CellValue::no) continue;
            for (const std::string& hardware : matrix.hardware) {
                CAPTURE(entry.id);
                CAPTURE(cell.a);
                CAPTURE(cell.b);
                CAPTURE(hardware);
                const CheckResult result = check_configuration(matrix, hardware, {cell.a, cell.b}, Policy{});
                CHECK_FALSE(result.valid);
                ++refused;
            }
        }
        CHECK(refused > 0);
    }
}
