// The canonical matrix JSON: the shipped files are exactly what the importer
// writes for their sources, JSON round trips are byte-identical, and loading
// validates everything it relies on.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <planner/error.hpp>

#include "model/import/importer.hpp"
#include "model/io/matrix_json.hpp"
#include "tests/test_files.hpp"

using planner::test::read_source_file;

namespace {

struct Shipped {
    const char* source;
    const char* data;
};
// Ids (see README, data section): the RST names v0.6 in its file name; seed 001
// links the v0.6 Sphinx pages (models/performance.html) and is in Chinese;
// seed 000 links the v0.7-v0.8 Sphinx pages (performance/optimization.html,
// features/) and is in Chinese.
constexpr Shipped kShipped[] = {
    {"compatibility_matrix-v0.6.rst", "data/vllm-0.6.json"},
    {"001_0c58d9781eb00f64.txt", "data/vllm-0.6-zh.json"},
    {"000_c80e026caf167046.txt", "data/vllm-0.8-zh.json"},
};

std::string shipped_json(const char* data) { return read_source_file(data); }

}  // namespace

TEST_CASE("re-importing each source document gives the shipped data file byte for byte") {
    for (const Shipped& s : kShipped) {
        CAPTURE(s.source);
        auto result = planner::import_document(read_source_file(std::string("tests/data/sources/") + s.source),
                                               std::string("tests/data/sources/") + s.source);
        CHECK(planner::matrix_to_json(result.matrix) == shipped_json(s.data));
    }
}

TEST_CASE("import -> JSON -> load -> JSON is identical, for shipped and fixture documents") {
    const char* documents[] = {"tests/data/sources/compatibility_matrix-v0.6.rst",
                               "tests/data/sources/000_c80e026caf167046.txt",
                               "tests/data/sources/001_0c58d9781eb00f64.txt",
                               "tests/data/docs/mkdocs-tpu.md",
                               "tests/data/docs/readme-intel-gpu.md",
                               "tests/data/docs/myst-colon-v0.7.md",
                               "tests/data/docs/myst-backtick.md"};
    for (const char* path : documents) {
        CAPTURE(path);
        const planner::Matrix imported = planner::import_document(read_source_file(path), path).matrix;
        const std::string first = planner::matrix_to_json(imported);
        const planner::Matrix loaded = planner::matrix_from_json(first, path);
        CHECK(planner::matrix_to_json(loaded) == first);
        CHECK(loaded.footnotes == imported.footnotes);
        CHECK(loaded.pairs.size() == imported.pairs.size());
        CHECK(first.back() == '\n');
    }
}

TEST_CASE("the JSON is one cell per line, in canonical order whatever order it was given in") {
    planner::Matrix m = planner::matrix_from_json(shipped_json("data/vllm-0.6.json"), "vllm-0.6.json");
    const std::string canonical = planner::matrix_to_json(m);
    std::reverse(m.pairs.begin(), m.pairs.end());
    std::reverse(m.support.begin(), m.support.end());
    m.reindex();
    CHECK(planner::matrix_to_json(m) == canonical);
    CHECK(canonical.find("    {\"a\": \"lora\", \"b\": \"cp\", \"value\": \"no\", \"links\": "
                         "[\"https://github.com/vllm-project/vllm/pull/9057\"], \"marks\": []},\n") !=
          std::string::npos);
    CHECK(std::count(canonical.begin(), canonical.end(), '\n') == 105 + 105 + 14);
}

TEST_CASE("loading rejects what the planner would otherwise misread, naming the field") {
    const std::string good = shipped_json("data/vllm-0.6.json");
    auto error_of = [](const std::string& text) -> std::string {
        try {
            planner::matrix_from_json(text, "m.json");
        } catch (const planner::InputError& e) {
            return e.what();
        }
        return "";
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    CHECK(error_of(good).empty());
    CHECK(error_of("[1, 2]").find("m.json: document: must be a JSON object") == 0);
    CHECK(error_of("{").find("m.json:1: not valid JSON") == 0);
    CHECK(error_of(replaced("\"id\": \"vllm-0.6\"", "\"id\": 6")).find("m.json: id: must be a string") == 0);
    CHECK(error_of(replaced("\"features\": [\"cp\", \"apc\"", "\"features\": [\"cp\", \"cp\""))
              .find("features[1]: 'cp' appears twice") != std::string::npos);
    CHECK(error_of(replaced("\"hardware\": [\"volta\"", "\"hardware\": [\"Ampere\""))
              .find("hardware[0]: 'Ampere' is not a hardware id (the catalog's id for it is ampere)") !=
          std::string::npos);
    CHECK(error_of(replaced("\"hardware\": [\"volta\"", "\"hardware\": [\"Pascal GPU\""))
              .find("hardware[0]: 'Pascal GPU' is not a hardware id: an id the catalog lacks is lower-case letters "
                    "and digits joined by single '-' (pascal-gpu)") != std::string::npos);
    CHECK(error_of(replaced("\"a\": \"apc\", \"b\": \"cp\"", "\"a\": \"cp\", \"b\": \"apc\""))
              .find("pairs[0]: (cp, apc) is not below the diagonal") != std::string::npos);
    CHECK(error_of(replaced("{\"a\": \"apc\", \"b\": \"cp\", \"value\": \"yes\", \"links\": [], \"marks\": []},", ""))
              .find("pairs: cell (apc, cp) is missing") != std::string::npos);
    CHECK(error_of(replaced("\"diagonal\": {\"cp\": \"blank\"", "\"diagonal\": {\"cp\": \"no\""))
              .find("diagonal.cp: must be yes or blank") != std::string::npos);
    CHECK(error_of(replaced("\"footnotes\": {}", "\"footnotes\": {}, \"extra\": 1"))
              .find("m.json: extra: unknown field") == 0);
    CHECK(error_of(replaced("\"value\": \"no\", \"links\": [\"https://github.com/vllm-project/vllm/pull/9057\"]",
                            "\"value\": \"no\", \"links\": [9057]"))
              .find("pairs[1].links[0]: must be a string") != std::string::npos);
    // The importer's link rule, not just its schemes: these would break graph's URL= attribute.
    CHECK(error_of(replaced("\"https://github.com/vllm-project/vllm/pull/9057\"", "\"https://e.com/a b<x>\""))
              .find("pairs[1].links[0]: 'https://e.com/a b<x>' is not a URL: it holds a space") != std::string::npos);
    CHECK(error_of(replaced("\"https://github.com/vllm-project/vllm/pull/9057\"", "\"https://e.com/`x`\""))
              .find("pairs[1].links[0]: 'https://e.com/`x`' is not a URL: it holds '`'") != std::string::npos);
    CHECK(error_of(replaced("\"https://github.com/vllm-project/vllm/pull/9057\"", "\"https://e.com/\\\\x\""))
              .find("is not a URL: it holds '\\'") != std::string::npos);
    CHECK(error_of(replaced("\"schema\": \"planner-matrix/1\",", std::string("\"schema\": \"planner-matrix/1\",") + '\0'))
              .find("m.json: a NUL byte at line 2, column 32; a JSON file is text") == 0);
    CHECK(error_of(replaced("\"schema\": \"planner-matrix/1\",", ""))
              .find("m.json: schema: missing") == 0);
}

TEST_CASE("a matrix file without sha256 (one made by hand, from no document) is read; a wrong one is refused") {
    const std::string good = shipped_json("data/vllm-0.6.json");
    const std::string line = "  \"sha256\": \"c3221e9878267910b8313fd0d743a1a455c78922f91e8d0fc41275dbb4a7f254\",\n";
    std::string without = good;
    REQUIRE(without.find(line) != std::string::npos);
    without.erase(without.find(line), line.size());
    const planner::Matrix m = planner::matrix_from_json(without, "hand.json");
    CHECK(m.sha256.empty());
    CHECK(m.pairs.size() == planner::matrix_from_json(good, "m.json").pairs.size());
    std::string wrong = good;
    wrong.replace(wrong.find(line), line.size(), "  \"sha256\": \"zz\",\n");
    CHECK_THROWS_WITH_AS(planner::matrix_from_json(wrong, "m.json"), doctest::Contains("m.json: sha256: 'zz'"),
                         planner::InputError);
}

namespace {

std::string every(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("ids the catalog lacks load, keep their display names, and round-trip byte for byte") {
    const std::string shipped = shipped_json("data/vllm-0.6.json");
    // volta becomes a column the catalog has no entry for, lora a feature it has none for.
    std::string own = every(every(shipped, "\"volta\"", "\"gaudi\""), "\"lora\"", "\"kv-offload\"");
    own.replace(own.rfind("\n}"), 2,
                ",\n  \"feature_names\": {\"kv-offload\": \"KV offload\"},\n  \"hardware_names\": {\"gaudi\": "
                "\"Gaudi\"}\n}");
    const planner::Matrix m = planner::matrix_from_json(own, "own.json");
    CHECK(m.has_hardware("gaudi"));
    CHECK(m.has_feature("kv-offload"));
    CHECK(m.hardware_names.at("gaudi") == "Gaudi");
    CHECK(m.feature_names.at("kv-offload") == "KV offload");
    CHECK(planner::matrix_to_json(m) == own);
    // Without names the file is read too, and writes none.
    const planner::Matrix bare = planner::matrix_from_json(
        every(every(shipped, "\"volta\"", "\"gaudi\""), "\"lora\"", "\"kv-offload\""), "bare.json");
    CHECK(bare.hardware_names.empty());
    CHECK(planner::matrix_to_json(bare).find("_names") == std::string::npos);
}

TEST_CASE("display names are for ids the catalog lacks only, and only for the matrix's ids") {
    const std::string shipped = shipped_json("data/vllm-0.6.json");
    auto error_with_names = [&](const std::string& names) {
        std::string text = shipped;
        text.replace(text.rfind("\n}"), 2, ",\n  " + names + "\n}");
        try {
            planner::matrix_from_json(text, "n.json");
        } catch (const planner::InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error_with_names(R"("hardware_names": {"ampere": "A"})")
              .find("n.json: hardware_names.ampere: a catalog id, shown by the catalog's name") == 0);
    CHECK(error_with_names(R"("feature_names": {"gaudi": "G"})")
              .find("n.json: feature_names.gaudi: not one of the matrix's ids") == 0);
    CHECK(error_with_names(R"("feature_names": [])").find("n.json: feature_names: must be an object") == 0);
}

TEST_CASE("an own id or display name the command line reads otherwise, or shared by two ids, is refused") {
    const std::string shipped = shipped_json("data/vllm-0.6.json");
    // volta and turing become two columns the catalog has no entry for.
    const std::string own = every(every(shipped, "\"volta\"", "\"gaudi\""), "\"turing\"", "\"neuron\"");
    auto error_of = [](const std::string& text) {
        try {
            planner::matrix_from_json(text, "n.json");
        } catch (const planner::InputError& e) {
            return std::string(e.what());
        }
        return std::string("(loaded)");
    };
    auto with_names = [&](const std::string& names) {
        std::string text = own;
        text.replace(text.rfind("\n}"), 2, ",\n  " + names + "\n}");
        return error_of(text);
    };
    CHECK(with_names(R"("hardware_names": {"gaudi": "Gaudi", "neuron": "Neuron"})") == "(loaded)");
    // --hw Ampere means the catalog's ampere: gaudi's cells would be cited as "on Ampere".
    CHECK(with_names(R"("hardware_names": {"gaudi": "Ampere"})") ==
          "n.json: hardware_names.gaudi: 'Ampere' is a name the catalog has for hardware ampere (NVIDIA Ampere, "
          "data/catalog.json); if it means ampere, use the id ampere; if not, rename it");
    CHECK(with_names(R"("hardware_names": {"gaudi": "LoRA"})").find("n.json: hardware_names.gaudi: 'LoRA' is a name "
                                                                   "the catalog has for feature lora") == 0);
    CHECK(with_names(R"("hardware_names": {"gaudi": "Gaudi", "neuron": "gaudi"})") ==
          "n.json: hardware_names.neuron: 'gaudi' is also the name of hardware gaudi (hardware_names.gaudi); two ids "
          "never share a name, as the command line compares names (case, '-', '_', ' ' and '.' aside): give each "
          "its own");
    CHECK(with_names(R"("hardware_names": {"gaudi": "Neuron"})").find("n.json: hardware_names.gaudi: 'Neuron' is "
                                                                     "also the name of hardware neuron (hardware[1])") ==
          0);
    // Ids: hardware detection, a feature, a feature turned off, one longer than --id allows.
    CHECK(error_of(every(shipped, "\"volta\"", "\"auto\"")) ==
          "n.json: hardware[0]: 'auto' is the word with which --hw (and batch's \"hw\") asks to detect this "
          "machine's hardware; typed anywhere, the name means that and never this id: rename it");
    CHECK(error_of(every(shipped, "\"volta\"", "\"lora\"")).find("n.json: hardware[0]: 'lora' is a name the catalog "
                                                                "has for feature lora") == 0);
    CHECK(error_of(every(shipped, "\"lora\"", "\"enforce-eager\"")) ==
          "n.json: features[2]: 'enforce-eager' is vLLM's flag --enforce-eager, which the command line reads as not "
          "cuda-graph (the feature turned off) (data/vllm-args.json); typed anywhere, the name means that and never "
          "this id: rename it");
    CHECK(error_of(every(shipped, "\"volta\"", "\"" + std::string(65, 'g') + "\""))
              .find("n.json: hardware[0]: 'gggggggggggggggggggggggggggggggggggggggg... (65 bytes)' has 65 characters; "
                    "an id has at most 64") == 0);
}

TEST_CASE("--strict-labels refuses a JSON matrix's ids the catalog lacks, naming the first") {
    const planner::Matrix shipped = planner::matrix_from_json(shipped_json("data/vllm-0.6.json"), "s.json");
    CHECK_NOTHROW(planner::refuse_ids_the_catalog_lacks(shipped, "s.json"));
    const planner::Matrix own =
        planner::matrix_from_json(every(shipped_json("data/vllm-0.6.json"), "\"turing\"", "\"gaudi\""), "g.json");
    try {
        planner::refuse_ids_the_catalog_lacks(own, "g.json");
        FAIL("not refused");
    } catch (const planner::InputError& e) {
        CHECK(std::string(e.what()) ==
              "g.json: hardware[1]: hardware id 'gaudi' is not in the catalog; --strict-labels refuses ids the "
              "catalog lacks, and this file names ids the catalog lacks: add it to data/catalog.json, or leave out "
              "--strict-labels to plan with it");
    }
}

TEST_CASE("a shipped history file's states are checked key by key") {
    const std::string good = shipped_json("data/history/vllm-docs-2024-11-26.json");
    const planner::Matrix m = planner::matrix_from_json(good, "h.json");
    REQUIRE(m.states.size() == 4);
    CHECK(m.states[1].id == "vllm-docs-2024-12-23");
    CHECK(m.states[0].release == "v0.6.5");
    CHECK(planner::matrix_to_json(m) == good);
    auto refusal = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        try {
            planner::matrix_from_json(text, "h.json");
        } catch (const planner::InputError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(refusal("\"id\": \"vllm-docs-2024-12-23\"", "\"id\": \"vllm-docs-2024-12-24\"") ==
          "h.json: states[1].id: 'vllm-docs-2024-12-24' is not vllm-docs-DATE (or vllm-docs-DATE-N) of the state's date");
    CHECK(refusal("\"commit\": \"db66e018", "\"commit\": \"xb66e018") ==
          "h.json: states[0].commit: 'xb66e018eaabcc5e5855e994b49931dbb4800ce1' is not a commit hash (40 hex digits)");
    CHECK(refusal("\"release\": \"v0.6.5\"", "\"release\": \"0.6.5\"") ==
          "h.json: states[0].release: '0.6.5' is not a release tag such as v0.6.4");
    CHECK(refusal("\"release\": \"v0.6.5\"", "\"release\": \"\"") ==
          "h.json: states[0].release_source: a release needs its source, and only a release has one");
    CHECK(refusal("\"file\": \"2024-11-26-db66e018.rst\"", "\"file\": \"other.rst\"") ==
          "h.json: states[0]: must be the matrix's source (file 2024-11-26-db66e018.rst and its sha256)");
    CHECK(refusal("\"states\": [", "\"states\": [7, ") == "h.json: states[0]: must be an object");
    CHECK(refusal("\"subject\": ", "\"topic\": ").starts_with("h.json: states[0].topic: unknown field"));
}
