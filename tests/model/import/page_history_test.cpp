// vLLM's page history (../shared/upstream/history) imported as a whole: the
// files in data/history/ are what the import derives, byte for byte, and
// every state a file lists imports to that file's matrix.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include <planner/error.hpp>

#include "model/import/importer.hpp"
#include "model/import/page_history.hpp"
#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

namespace {

const std::string history_directory = planner::test::source_root() + "/../shared/upstream/history";

// The matrix JSON without the fields that name its source: what two states share.
std::string cells_of(planner::Matrix matrix) {
    matrix.id = "x";
    matrix.source.clear();
    matrix.sha256.clear();
    matrix.states.clear();
    return planner::matrix_to_json(matrix);
}

}  // namespace

TEST_CASE("data/history holds exactly what importing the page history writes, byte for byte") {
    const planner::PageHistory history = planner::import_page_history(history_directory);
    CHECK(history.states == 46);
    std::set<std::string> written;
    for (const planner::Matrix& matrix : history.matrices) {
        CAPTURE(matrix.id);
        written.insert(matrix.id + ".json");
        CHECK(planner::matrix_to_json(matrix) ==
              planner::test::read_source_file("data/history/" + matrix.id + ".json"));
    }
    std::set<std::string> shipped;
    for (const auto& entry : std::filesystem::directory_iterator(planner::test::source_root() + "/data/history"))
        shipped.insert(entry.path().filename().string());
    CHECK(shipped == written);  // no file the import would not write
}

TEST_CASE("every state a shipped history file lists imports to that file's cells") {
    size_t states = 0;
    for (const auto& entry : std::filesystem::directory_iterator(planner::test::source_root() + "/data/history")) {
        const planner::Matrix shipped =
            planner::matrix_from_json(planner::test::read_source_file("data/history/" + entry.path().filename().string()),
                                      entry.path().filename().string());
        REQUIRE_FALSE(shipped.states.empty());
        CHECK(shipped.id == shipped.states.front().id);
        for (const planner::PageState& state : shipped.states) {
            CAPTURE(state.file);
            std::ifstream in(history_directory + "/" + state.file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const planner::ImportResult imported = planner::import_document(bytes, state.file);
            CHECK(imported.matrix.sha256 == state.sha256);
            CHECK(cells_of(imported.matrix) == cells_of(shipped));
            ++states;
        }
    }
    CHECK(states == 46);
}

TEST_CASE("states get date ids, a second state on one day -2, and SOURCES.tsv's release with its source") {
    const planner::PageHistory history = planner::import_page_history(history_directory);
    std::map<std::string, planner::PageState> by_id;
    for (const planner::Matrix& matrix : history.matrices)
        for (const planner::PageState& state : matrix.states) by_id[state.id] = state;
    REQUIRE(by_id.count("vllm-docs-2024-11-20-2"));
    CHECK(by_id["vllm-docs-2024-11-20-2"].commit.starts_with("b4be5a8a"));
    CHECK(by_id["vllm-docs-2024-11-20"].commit.starts_with("63f1fde2"));
    CHECK(by_id["vllm-docs-2024-11-07"].release == "v0.6.4");
    CHECK(by_id["vllm-docs-2024-11-07"].release_source.starts_with("SOURCES.tsv"));
    CHECK(by_id["vllm-docs-2025-07-30"].release.empty());
    CHECK(by_id["vllm-docs-2025-07-30"].release_source.empty());
    // The page of 2025-07-23 is the first without the prompt-adapter row; its stray empty cells are noted.
    bool noted = false;
    for (const std::string& note : history.notes)
        noted = noted || note.starts_with("2025-07-23-82ec66f5.md:39: Feature x Feature table rows at lines 39, 40, 41");
    CHECK(noted);
}

TEST_CASE("a table of states that is not what it should be is refused at its line") {
    namespace fs = std::filesystem;
    const fs::path directory = fs::temp_directory_path() / "planner-page-history-test";
    fs::remove_all(directory);
    fs::create_directories(directory);
    auto refusal = [&](const std::string& table) {
        std::ofstream(directory / "SOURCES.tsv", std::ios::binary) << table;
        try {
            planner::import_page_history(directory);
        } catch (const planner::InputError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    const std::string header = "file\tcommit\tcommit_date\tfirst_release_tag\tpath\tsubject\n";
    const std::string commit(40, 'a');
    CHECK(refusal("file\tcommit\n") == "SOURCES.tsv:1: the header must be file, commit, commit_date, "
                                       "first_release_tag, path, subject (tab-separated)");
    CHECK(refusal(header) == "SOURCES.tsv:1: no page state is listed");
    CHECK(refusal(header + "a.md\tabc\t2024-01-01\t\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: commit 'abc' is not 40 hex digits");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-13-01\t\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: commit_date '2024-13-01' is not YYYY-MM-DD");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\t0.6\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: first_release_tag '0.6' is not a release tag such as v0.6.4");
    CHECK(refusal(header + "../a.md\t" + commit + "\t2024-01-01\t\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: file '../a.md' is not a file name in this directory");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-02\t\tdocs/a.md\ts\nb.md\t" + commit +
                  "\t2024-01-01\t\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:3: commit_date 2024-01-01 is older than the row before it (2024-01-02); states are listed "
          "oldest first");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\t\tdocs/a.md\n") ==
          "SOURCES.tsv:2: 5 fields where the header has 6");
    CHECK(refusal(header + "a.md\t" + commit + "\t2025-02-29\t\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: commit_date '2025-02-29' is not YYYY-MM-DD");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\tv0.6\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:2: first_release_tag 'v0.6' is not a release tag such as v0.6.4");
    const std::string other(40, 'b');
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\t\tdocs/a.md\ts\na.md\t" + other +
                  "\t2024-01-02\t\tdocs/a.md\ts\n") == "SOURCES.tsv:3: file a.md is listed twice");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\t\tdocs/a.md\ts\nb.md\t" + commit +
                  "\t2024-01-02\t\tdocs/a.md\ts\n") == "SOURCES.tsv:3: commit " + commit + " is listed twice");
    CHECK(refusal(header + "a.md\t" + commit + "\t2024-01-01\tv0.6.5\tdocs/a.md\ts\nb.md\t" + other +
                  "\t2024-01-02\tv0.6.3\tdocs/a.md\ts\n") ==
          "SOURCES.tsv:3: first_release_tag v0.6.3 is older than v0.6.5, an older commit's; a later commit is first "
          "released no earlier");
    fs::remove_all(directory);
}
