// Every row of tests/data/bad/cases.tsv: the file must be refused with an
// InputError whose message holds the fragment (the place and the problem).
// Files are read the way the commands read them: `import` hands the bytes to
// the importer, `--matrix FILE` goes through load_matrix (which applies the
// size cap before reading). Rows naming "generated:NAME" get their file from
// tests/data/bad/generate.py in a temporary directory.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "model/import/importer.hpp"
#include "model/io/limits.hpp"
#include "model/io/user_file.hpp"
#include "tests/test_files.hpp"

namespace {

struct Case {
    std::string file, args, exit_code, fragment;
};

constexpr std::string_view kGenerated = "generated:";

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

// A fresh directory for generated files, removed with everything in it.
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir() {
        path = std::filesystem::temp_directory_path() /
               ("planner-bad-inputs-" + std::to_string(std::rand()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

// The message the library gives for the row, as the command would meet it.
std::string refusal(const Case& c, const std::string& path) {
    const bool strict_labels = c.args.find("--strict-labels") != std::string::npos;
    try {
        if (c.args.find("--matrix {file}") != std::string::npos) {
            std::vector<std::string> notes;
            planner::load_matrix(path, notes, strict_labels);
        } else {
            REQUIRE(c.args.starts_with("import "));
            const std::string bytes = planner::read_user_file(path, 1u << 30, "document");
            planner::ImportOptions options;
            options.strict_labels = strict_labels;
            planner::import_document(bytes, path, options);
        }
    } catch (const planner::InputError& e) {
        return e.what();
    }
    return "(accepted without an error)";
}

void check_case(const Case& c, const std::string& path) {
    CAPTURE(c.file);
    const std::string message = refusal(c, path);
    CHECK(c.exit_code == "2");
    CHECK(c.args.find("{file}") != std::string::npos);
    CHECK_MESSAGE(message.find(c.fragment) != std::string::npos, "message: ", message);
}

}  // namespace

TEST_CASE("every bad input is refused with a message naming the place") {
    const auto cases = read_cases();
    CHECK(cases.size() >= 40);
    for (const Case& c : cases)
        if (!c.file.starts_with(kGenerated))
            check_case(c, planner::test::source_root() + "/tests/data/bad/" + c.file);
}

TEST_CASE("generated bad inputs (too large for git) are refused by the caps") {
    size_t generated = 0;
    for (const Case& c : read_cases()) {
        if (!c.file.starts_with(kGenerated)) continue;
        const std::string name = c.file.substr(kGenerated.size());
        ScratchDir dir;
        const std::string command = "python3 '" + planner::test::source_root() + "/tests/data/bad/generate.py' '" +
                                    name + "' '" + dir.path.string() + "'";
        REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
        check_case(c, (dir.path / name).string());
        ++generated;
    }
    CHECK(generated >= 3);
}
