// Labels the catalog lacks: a new id (its slug) said once with file:line, an
// error under strict labels, and never two labels merged into one id.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/error.hpp>

#include "model/import/importer.hpp"

namespace {

// A small matrix document: CP, LoRA and a third feature in the triangle and
// their hardware rows on Ampere, CPU and a third column, with the labels given.
// Lines: the Feature x Feature header is line 1, the Feature x Hardware
// header line 7, `extra_hardware_row` line 12.
std::string document(const std::string& third_feature, const std::string& third_column,
                     const std::string& extra_hardware_row = "") {
    return "| Feature | CP | LoRA | " + third_feature + " |\n"
           "|---|---|---|---|\n"
           "| CP | ✅ | | |\n"
           "| LoRA | ✅ | ✅ | |\n"
           "| " + third_feature + " | ✅ | ❌ | ✅ |\n"
           "\n"
           "| Feature | Ampere | CPU | " + third_column + " |\n"
           "|---|---|---|---|\n"
           "| CP | ✅ | ✅ | ✅ |\n"
           "| LoRA | ✅ | ✅ | ✅ |\n"
           "| " + third_feature + " | ✅ | ✅ | ❌ |\n" + extra_hardware_row;
}

std::string refusal(const std::string& text, bool strict = false) {
    planner::ImportOptions options;
    options.strict_labels = strict;
    try {
        planner::import_document(text, "doc.md", options);
    } catch (const planner::InputError& e) {
        return e.what();
    }
    return "(imported)";
}

}  // namespace

TEST_CASE("a new feature row and a new hardware column import as slugs, each said once with file:line") {
    const auto result = planner::import_document(document("KV offload", "Gaudi"), "doc.md");
    const planner::Matrix& m = result.matrix;
    CHECK(m.features == std::vector<std::string>{"cp", "lora", "kv-offload"});
    CHECK(m.hardware == std::vector<std::string>{"ampere", "cpu", "gaudi"});
    CHECK(m.pair_value("kv-offload", "lora") == planner::CellValue::no);
    CHECK(m.feature_names.at("kv-offload") == "KV offload");
    CHECK(m.hardware_names.at("gaudi") == "Gaudi");
    CHECK(m.support_value("kv-offload", "gaudi") == planner::CellValue::no);
    REQUIRE(result.notes.size() == 2);  // the column, used again as rows, is said once
    CHECK(result.notes[0] ==
          "doc.md:1: feature column 'KV offload' is not in the catalog; it is read as the new feature id kv-offload, "
          "shown as 'KV offload' (--strict-labels refuses labels the catalog lacks)");
    CHECK(result.notes[1] ==
          "doc.md:7: hardware column 'Gaudi' is not in the catalog; it is read as the new hardware id gaudi, shown "
          "as 'Gaudi' (--strict-labels refuses labels the catalog lacks)");
}

TEST_CASE("a new label close to a catalog name says the nearest ones, since it may be a typo") {
    const auto result = planner::import_document(document("chunked prefil", "Gaudi"), "doc.md");
    REQUIRE_FALSE(result.notes.empty());
    CHECK(result.notes[0].find("feature column 'chunked prefil' is not in the catalog (nearest known: chunked-prefill") !=
          std::string::npos);
}

TEST_CASE("strict labels refuse a new label with file:line and what to do") {
    CHECK(refusal(document("KV offload", "TPU"), true) ==
          "doc.md:1: feature column 'KV offload' is not in the catalog; --strict-labels refuses labels the catalog "
          "lacks: add it to data/catalog.json, or import without --strict-labels to read it as the new feature id "
          "kv-offload");
    CHECK(refusal(document("SD", "Gaudi"), true).find("doc.md:7: hardware column 'Gaudi' is not in the catalog") ==
          0);
    CHECK(refusal(document("SD", "TPU"), true) == "(imported)");
}

TEST_CASE("two labels whose slugs collide are refused with both places named") {
    // A hardware row of the second table spells the new feature otherwise.
    const std::string text = document("KV offload", "Gaudi", "| KV+offload | ✅ | ✅ | ✅ |\n");
    CHECK(refusal(text) ==
          "doc.md:12: feature row 'KV+offload' would become feature id kv-offload, which feature column "
          "'KV offload' at line 1 already became; two labels are never merged into one id: rename one of them, or "
          "add both to one entry of data/catalog.json");
    // Spellings the catalog would treat as one name are one label.
    CHECK(refusal(document("KV offload", "Gaudi", "| kv-Offload | ✅ | ✅ | ✅ |\n")).find("twice") != std::string::npos);
}

TEST_CASE("a new label whose slug is a catalog name it does not mean is refused, naming the catalog entry") {
    // "prompt+adapter" is no spelling the catalog lists, but its slug is prompt-adapter's id.
    CHECK(refusal(document("prompt+adapter", "TPU")) ==
          "doc.md:1: feature column 'prompt+adapter' is not in the catalog, and the id it would become, "
          "prompt-adapter, is a name the catalog has for feature prompt-adapter (prompt adapters, "
          "data/catalog.json); if the label means prompt-adapter, add it to that entry's labels; if not, rename the "
          "label");
}

TEST_CASE("a new label without an ASCII letter or digit is refused: there is no id to make") {
    CHECK(refusal(document("SD", "TPU", "| 分块 | ✅ | ✅ | ✅ |\n")) ==
          "doc.md:12: unknown feature label '分块' in the rows of the Feature x Hardware table: it is not in the "
          "catalog and has no ASCII letter or digit to make an id from; add it to data/catalog.json with an id");
}

TEST_CASE("a new label that the command line reads as something else is refused: no name could reach its id") {
    // vLLM's flag for CUDA graphs off: --never enforce-eager would mean "cuda-graph on", never this row.
    CHECK(refusal(document("enforce-eager", "TPU")) ==
          "doc.md:1: feature column 'enforce-eager' is not in the catalog, and the id it would become, "
          "enforce-eager, is vLLM's flag --enforce-eager, which the command line reads as not cuda-graph (the "
          "feature turned off) (data/vllm-args.json); typed anywhere, the name means that and never the new id: "
          "rename the label");
    CHECK(refusal(document("disable async output proc", "TPU"))
              .find("doc.md:1: feature column 'disable async output proc' is not in the catalog, and the id it would "
                    "become, disable-async-output-proc, is vLLM's flag --disable-async-output-proc") == 0);
    // A flag that turns a feature on may be a spelling the catalog lacks.
    CHECK(refusal(document("speculative config", "TPU")).find("if the label means sd, add it to that entry's labels") !=
          std::string::npos);
    // --hw auto detects the machine's hardware: a column Auto could never be planned on.
    CHECK(refusal(document("SD", "Auto")) ==
          "doc.md:7: hardware column 'Auto' is not in the catalog, and the id it would become, auto, is the word "
          "with which --hw (and batch's \"hw\") asks to detect this machine's hardware; typed anywhere, the name "
          "means that and never the new id: rename the label");
    // One kind's catalog name as the other kind's new id.
    CHECK(refusal(document("SD", "LoRA")) ==
          "doc.md:7: hardware column 'LoRA' is not in the catalog, and the id it would become, lora, is a name the "
          "catalog has for feature lora (LoRA adapters, data/catalog.json); typed anywhere, the name means that and "
          "never the new id: rename the label");
    CHECK(refusal(document("Hopper", "TPU"))
              .find("doc.md:1: feature column 'Hopper' is not in the catalog, and the id it would become, hopper, is a "
                    "name the catalog has for hardware hopper") == 0);
    // Said before --strict-labels, whose advice would be to import it as a new id.
    CHECK(refusal(document("enforce-eager", "TPU"), true).find("is vLLM's flag --enforce-eager") != std::string::npos);
}

TEST_CASE("a new id longer than an id may be is refused; a long label is quoted by its start and size") {
    const std::string long_label(65, 'x');
    CHECK(refusal(document(long_label, "TPU")) ==
          "doc.md:1: feature column 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (65 bytes)' would become an id of 65 "
          "characters (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (65 bytes)); an id has at most 64, as import --id: "
          "shorten the label, or add it to data/catalog.json with an id");
    const std::string label = "Vendor accelerator with a long marketing name 2";  // 47 bytes: quoted whole
    const std::string longer = label + " (rev B)";                              // 55
    const std::string longest = longer + " extended";                           // 64
    const auto result = planner::import_document(document("SD", longest), "doc.md");
    REQUIRE(result.notes.size() == 1);
    CHECK(result.notes[0] ==
          "doc.md:7: hardware column 'Vendor accelerator with a long marketing... (64 bytes)' is not in the catalog; "
          "it is read as the new hardware id vendor-accelerator-with-a-long-marketing-name-2-rev-b-extended, shown as "
          "'Vendor accelerator with a long marketing... (64 bytes)' (--strict-labels refuses labels the catalog "
          "lacks)");
}

TEST_CASE("a label with letters outside ASCII says they are no part of its id") {
    const auto result = planner::import_document(document("SD", "Gaudí 3"), "doc.md");
    REQUIRE(result.notes.size() == 1);
    CHECK(result.notes[0] ==
          "doc.md:7: hardware column 'Gaudí 3' is not in the catalog; it is read as the new hardware id gaud-3, "
          "shown as 'Gaudí 3' (letters outside ASCII are no part of an id) (--strict-labels refuses labels the "
          "catalog lacks)");
}
