// Line ends and a byte-order mark are not content: a document saved with CRLF,
// with a UTF-8 BOM, or both imports to the same matrix as the original.
#include <doctest/doctest.h>

#include <string>

#include "model/import/importer.hpp"
#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

namespace {

std::string with_crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

// The canonical JSON without the fields that describe the bytes (sha256).
std::string cells_of(const std::string& bytes, const std::string& name) {
    planner::Matrix m = planner::import_document(bytes, name).matrix;
    m.sha256.clear();
    return planner::matrix_to_json(m);
}

}  // namespace

TEST_CASE("CRLF line ends and a BOM import to the same matrix") {
    for (const char* relative : {"tests/data/sources/compatibility_matrix-v0.6.rst",
                                 "tests/data/sources/001_0c58d9781eb00f64.txt", "tests/data/docs/myst-colon-v0.7.md",
                                 "tests/data/docs/readme-intel-gpu.md"}) {
        CAPTURE(relative);
        const std::string original = planner::test::read_source_file(relative);
        REQUIRE(original.find('\r') == std::string::npos);
        const std::string name = "doc";
        const std::string expected = cells_of(original, name);
        CHECK(cells_of(with_crlf(original), name) == expected);
        CHECK(cells_of("\xEF\xBB\xBF" + original, name) == expected);
        CHECK(cells_of("\xEF\xBB\xBF" + with_crlf(original), name) == expected);
    }
}
