// Which tables are the matrix: by their known labels first, and by their shape
// where most labels are new (a vendor's hardware columns, a generated table's
// features), never a table of other things; and, when none is taken, why.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/error.hpp>

#include "model/import/importer.hpp"

namespace {

using Strings = std::vector<std::string>;

// A Feature x Feature table over `features` (every cell below the diagonal ✅).
std::string feature_table(const Strings& features) {
    std::string out = "| Feature |";
    for (const std::string& f : features) out += " " + f + " |";
    out += "\n|---|";
    for (size_t i = 0; i < features.size(); ++i) out += "---|";
    out += "\n";
    for (size_t r = 0; r < features.size(); ++r) {
        out += "| " + features[r] + " |";
        for (size_t c = 0; c < features.size(); ++c) out += c <= r ? " ✅ |" : " |";
        out += "\n";
    }
    return out + "\n";
}

// A Feature x Hardware table: `features` as rows, `columns` as header, every cell ✅.
std::string hardware_table(const Strings& features, const Strings& columns) {
    std::string out = "| Feature |";
    for (const std::string& c : columns) out += " " + c + " |";
    out += "\n|---|";
    for (size_t i = 0; i < columns.size(); ++i) out += "---|";
    out += "\n";
    for (const std::string& f : features) {
        out += "| " + f + " |";
        for (size_t i = 0; i < columns.size(); ++i) out += " ✅ |";
        out += "\n";
    }
    return out + "\n";
}

std::string refusal(const std::string& text) {
    try {
        planner::import_document(text, "doc.md");
    } catch (const planner::InputError& e) {
        return e.what();
    }
    return "(imported)";
}

}  // namespace

TEST_CASE("a Feature x Hardware table of mostly new columns is the matrix's: its rows are features") {
    const Strings features{"CP", "LoRA", "SD"};
    const Strings columns{"Ampere", "NPU1", "NPU2", "NPU3", "NPU4", "NPU5", "NPU6", "NPU7", "NPU8", "NPU9"};
    const auto result = planner::import_document(feature_table(features) + hardware_table(features, columns), "doc.md");
    CHECK(result.matrix.hardware ==
          Strings{"ampere", "npu1", "npu2", "npu3", "npu4", "npu5", "npu6", "npu7", "npu8", "npu9"});
    CHECK(result.notes.size() == 9);
}

TEST_CASE("a Feature x Feature table of mostly new features is the matrix's: its header is its rows") {
    Strings features{"CP", "LoRA"};
    for (int k = 1; k <= 16; ++k) features.push_back("Newfeat" + std::to_string(k));
    const auto result = planner::import_document(feature_table(features) + hardware_table(features, {"Ampere", "CPU"}),
                                                 "doc.md");
    CHECK(result.matrix.features.size() == 18);
    CHECK(result.matrix.features.back() == "newfeat16");
}

TEST_CASE("a table beside a matrix found by its labels is not taken for a second one by its shape") {
    const Strings features{"CP", "LoRA"};
    const std::string notes_table = "| Feature | CPU | Notes |\n|---|---|---|\n| CP | ✅ | fast |\n| LoRA | ❌ | slow |\n";
    const auto result = planner::import_document(
        feature_table(features) + hardware_table(features, {"Ampere", "CPU"}) + notes_table, "doc.md");
    CHECK(result.matrix.hardware == Strings{"ampere", "cpu"});
    // A table of feature rows whose header names no hardware the catalog knows is not taken either.
    const std::string described = "| Feature | Description |\n|---|---|\n| CP | chunks |\n| LoRA | adapters |\n";
    CHECK(refusal(feature_table(features) + described).find("doc.md:6: this Markdown pipe table lists features in its "
                                                            "rows but is neither matrix table") == 0);
}

TEST_CASE("a table of feature rows taken as neither matrix table says why and what to do") {
    const Strings features{"CP", "LoRA"};
    CHECK(refusal(feature_table(features) + hardware_table(features, {"Gaudi", "Neuron"})) ==
          "doc.md:6: this Markdown pipe table lists features in its rows but is neither matrix table: none of its 2 "
          "column labels is a feature or hardware class the catalog knows ('Gaudi' is new); a Feature x Hardware "
          "table needs a hardware class the catalog knows among its columns, and more of them than features "
          "(planner hardware lists them), a Feature x Feature table its row labels as its column labels; new labels "
          "beside those are read as new ids. Add a column the catalog knows, or add a column's label to "
          "data/catalog.json");
}
