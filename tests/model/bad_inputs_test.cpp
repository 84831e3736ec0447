// Every row of tests/data/bad/cases.tsv: the file must be refused with an
// InputError whose message holds the fragment (the place and the problem).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "model/error.hpp"
#include "model/import/importer.hpp"
#include "model/matrix_json.hpp"
#include "test_files.hpp"

namespace {

struct Case {
    std::string file, args, exit_code, fragment;
};

std::vector<Case> read_cases() {
    std::istringstream in(planner::test::read_source_file("tests/data/bad/cases.tsv"));
    std::vector<Case> cases;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        std::vector<std::string> fields;
        std::istringstream columns(line);
        for (std::string field; std::getline(columns, field, '\t');) fields.push_back(field);
        REQUIRE(fields.size() == 4);
        cases.push_back(Case{fields[0], fields[1], fields[2], fields[3]});
    }
    return cases;
}

}  // namespace

TEST_CASE("every bad input is refused with a message naming the place") {
    const auto cases = read_cases();
    CHECK(cases.size() >= 15);
    for (const Case& c : cases) {
        CAPTURE(c.file);
        const std::string path = "tests/data/bad/" + c.file;
        const std::string bytes = planner::test::read_source_file(path);
        std::string message;
        try {
            if (c.file.ends_with(".json"))
                planner::matrix_from_json(bytes, path);
            else
                planner::import_document(bytes, path);
        } catch (const planner::InputError& e) {
            message = e.what();
        }
        CHECK(c.exit_code == "2");
        CHECK(c.args.find("{file}") != std::string::npos);
        CHECK_MESSAGE(message.find(c.fragment) != std::string::npos, "message: ", message);
    }
}
