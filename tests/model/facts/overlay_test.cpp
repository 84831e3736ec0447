#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <planner/check.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/overlay.hpp>

#include "model/io/matrix_json.hpp"
#include "tests/thrown_message.hpp"

using namespace planner;

namespace {

using planner::test::message_of;
const std::string kPr = "https://github.com/vllm-project/vllm/pull/9057";

Matrix small_matrix() {
    Matrix m;
    m.id = "small";
    m.features = {"cp", "apc", "lora", "sd"};
    m.hardware = {"ampere", "cpu"};
    m.pairs = {{"apc", "cp", CellValue::yes, {}, {}},
               {"lora", "cp", CellValue::no, {kPr}, {}},
               {"lora", "apc", CellValue::partial, {}, {"*"}},
               {"sd", "cp", CellValue::yes, {}, {}},
               {"sd", "apc", CellValue::yes, {}, {}}};
    // sd x lora is left out on purpose: a document that does not state a cell.
    for (const auto& f : m.features)
        for (const auto& h : m.hardware) m.support.push_back({f, h, CellValue::yes, {}, {}});
    m.support[5].value = CellValue::no;  // lora on cpu
    m.reindex();
    return m;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("--assume items: pair cells in either order, hardware cells, any catalog spelling") {
    CellAssumption a = parse_assumption("lora:sd=partial");
    CHECK(a.kind == CellAssumption::Kind::pair);
    CHECK(a.row == "lora");
    CHECK(a.column == "sd");
    CHECK(a.value == CellValue::partial);
    CHECK(a.origin == "--assume lora:sd=partial");
    CHECK_FALSE(a.from_file);
    CHECK(a.reason.empty());

    CellAssumption b = parse_assumption("speculative-decoding:LoRA=No");
    CHECK(b.row == "sd");
    CHECK(b.column == "lora");
    CHECK(b.value == CellValue::no);

    CellAssumption c = parse_assumption("prefix-caching@v100=unknown");
    CHECK(c.kind == CellAssumption::Kind::support);
    CHECK(c.row == "apc");
    CHECK(c.column == "volta");
    CHECK(c.value == CellValue::unknown);

    CellAssumption d = parse_assumption(" prmpt adptr @ CPU = blank ");
    CHECK(d.row == "prompt-adapter");
    CHECK(d.column == "cpu");
    CHECK(d.value == CellValue::blank);
}

TEST_CASE("a bad --assume item is a usage error that names the item") {
    for (const char* item : {"lora:sd", "lora=sd=yes", "lora:sd:cp=yes", "lora@cpu:x=yes", ":sd=yes",
                             "lora@=yes", "lora sd=yes", "=yes"}) {
        CAPTURE(item);
        std::string message = message_of<UsageError>([&] { parse_assumption(item); });
        CHECK(contains(message, std::string("--assume ") + item + ": "));
        CHECK(contains(message, "FEATURE:FEATURE=VALUE or FEATURE@HARDWARE=VALUE"));
    }
    std::string unknown = message_of<UsageError>([] { parse_assumption("lorra:sd=yes"); });
    CHECK(contains(unknown, "--assume lorra:sd=yes"));
    CHECK(contains(unknown, "unknown feature 'lorra'"));
    CHECK(contains(unknown, "lora"));

    std::string unknown_hw = message_of<UsageError>([] { parse_assumption("lora@a1000000=yes"); });
    CHECK(contains(unknown_hw, "unknown hardware 'a1000000'"));

    std::string value = message_of<UsageError>([] { parse_assumption("lora:sd=maybe"); });
    CHECK(contains(value, "--assume lora:sd=maybe: value 'maybe'"));
    CHECK(contains(value, "yes, no, partial, unknown, blank"));

    std::string diagonal = message_of<UsageError>([] { parse_assumption("lora:lora-adapter=no"); });
    CHECK(contains(diagonal, "diagonal"));

    std::string wrong_slot = message_of<UsageError>([] { parse_assumption("lora:a100=yes"); });
    CHECK(contains(wrong_slot, "'a100' is a hardware class (ampere)"));
    CHECK(contains(wrong_slot, "FEATURE@HARDWARE=VALUE"));
    std::string wrong_slot2 = message_of<UsageError>([] { parse_assumption("lora@sd=yes"); });
    CHECK(contains(wrong_slot2, "'sd' is a feature (sd)"));
}

TEST_CASE("overlay files: cells with reasons and links, each remembering its line") {
    const std::string text = R"({"schema": "planner-overlay/1",
 "description": "our EAGLE deployment",
 "cells": [
  {"a": "LoRA", "b": "SD", "value": "partial",
   "reason": "works with {EAGLE} drafts, \"tested\" [internally]",
   "link": "gh-pr:12345"},
  {"feature": "lora",
   "hardware": "cpu", "value": "yes", "link": "https://example.org/x"}, {"a": "cp", "b": "apc", "value": "yes"}
 ]}
)";
    std::vector<CellAssumption> cells = parse_overlay(text, "fix.json");
    REQUIRE(cells.size() == 3);
    CHECK(cells[0].kind == CellAssumption::Kind::pair);
    CHECK(cells[0].row == "lora");
    CHECK(cells[0].column == "sd");
    CHECK(cells[0].reason == "works with {EAGLE} drafts, \"tested\" [internally]");
    CHECK(cells[0].link == "https://github.com/vllm-project/vllm/pull/12345");
    CHECK(cells[0].origin == "fix.json:4");
    CHECK(cells[0].from_file);
    CHECK(cells[1].kind == CellAssumption::Kind::support);
    CHECK(cells[1].column == "cpu");
    CHECK(cells[1].link == "https://example.org/x");
    CHECK(cells[1].origin == "fix.json:7");
    CHECK(cells[2].origin == "fix.json:8");

    CHECK(parse_overlay(R"({"schema": "planner-overlay/1", "cells": []})", "empty.json").empty());
}

TEST_CASE("a bad overlay file is an input error naming file:line") {
    auto error_of = [](const std::string& text) {
        return message_of<InputError>([&] { parse_overlay(text, "fix.json"); });
    };
    const std::string head = "{\"schema\": \"planner-overlay/1\",\n \"cells\": [\n";
    CHECK(contains(error_of("{\"schema\": \"planner-overlay/1\",\n \"cells\": [\n {\"a\": }\n]}"), "fix.json:3: "));
    CHECK(contains(error_of("{\"schema\": \"planner-matrix/1\", \"cells\": []}"), "fix.json:1: not a planner-overlay/1"));
    CHECK(contains(error_of("[]"), "not a planner-overlay/1"));
    CHECK(contains(error_of("{\"schema\": \"planner-overlay/1\", \"cell\": []}"), "unknown top-level key \"cell\""));
    CHECK(contains(error_of("{\"schema\": \"planner-overlay/1\"}"), "\"cells\" must be an array"));

    std::string typo = error_of(head + "  {\"a\": \"lora\", \"b\": \"sd\", \"value\": \"yes\"},\n"
                                       "  {\"a\": \"lora\", \"b\": \"cp\", \"value\": \"yes\", \"reson\": \"x\"}\n]}");
    CHECK(contains(typo, "fix.json:4: unknown key \"reson\""));

    std::string unknown = error_of(head + "\n  {\"a\": \"lorra\", \"b\": \"sd\", \"value\": \"yes\"}]}");
    CHECK(contains(unknown, "fix.json:4: unknown feature 'lorra'"));
    CHECK(contains(unknown, "lora"));

    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"feature\": \"sd\", \"value\": \"yes\"}]}"),
                   "fix.json:3: a cell names either"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\"}]}"), "fix.json:3: the cell has no \"value\""));
    CHECK(contains(error_of(head + "{\"feature\": \"lora\", \"value\": \"no\"}]}"), "has no \"hardware\""));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": true}]}"),
                   "\"value\" must be a string"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"sure\"}]}"),
                   "fix.json:3: value 'sure'"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"no\", \"link\": \"pr 5\"}]}"),
                   "fix.json:3: link 'pr 5'"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"no\", \"link\": \"gh-pr:x\"}]}"),
                   "needs a number"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"no\", \"link\": \"gh-pr:1234567890\"}]}"),
                   "needs a number after gh-pr: (a positive decimal number of at most 9 digits)"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"no\", \"link\": \"gh-issue:0\"}]}"),
                   "needs a number after gh-issue:"));
    // The importer's link rule, not just its schemes: these would break graph's URL= attribute.
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"yes\", \"link\": \"https://e.com/a b<x>\"}]}"),
                   "fix.json:3: link 'https://e.com/a b<x>' is not a URL: it holds a space"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"yes\", \"link\": \"https://e.com/a\\\"b\"}]}"),
                   "is not a URL: it holds '\"'"));
    CHECK(contains(error_of(head + "{\"a\": \"lora\", \"b\": \"sd\", \"value\": \"yes\", \"link\": \"https://e.com/\\u001b[2J\"}]}"),
                   "is not a URL: it holds a control character"));
    CHECK(contains(error_of(head + "]}" + '\0' + "{\"garbage\": [1,"),
                   "fix.json: a NUL byte at line 3, column 3; a JSON file is text"));
    CHECK(contains(error_of(head + "{\"a\": \"sd\", \"b\": \"spec-decode\", \"value\": \"no\"}]}"), "diagonal"));
    CHECK(contains(error_of(head + "{\"feature\": \"cpu\", \"hardware\": \"lora\", \"value\": \"no\"}]}"),
                   "'cpu' is a hardware class"));
    CHECK(contains(error_of(head + "7]}"), "fix.json:3: a cell must be an object"));
}

TEST_CASE("overlay files are read from disk; a missing file is an input error") {
    const std::string path = "overlay_test_cells.json";
    {
        std::ofstream out(path);
        out << R"({"schema": "planner-overlay/1", "cells": [{"a": "lora", "b": "sd", "value": "yes"}]})";
    }
    std::vector<CellAssumption> cells = read_overlay_file(path);
    std::remove(path.c_str());
    REQUIRE(cells.size() == 1);
    CHECK(cells[0].origin == path + ":1");
    CHECK(contains(message_of<InputError>([] { read_overlay_file("no/such/overlay.json"); }),
                   "no/such/overlay.json: cannot open"));
}

TEST_CASE("an applied assumption replaces the value and remembers the published one") {
    Matrix published = small_matrix();
    CellAssumption fix = parse_assumption("cp:lora=yes");
    fix.reason = "fixed upstream";
    OverlaidMatrix result = apply_overlay(published, {fix, parse_assumption("lora@cpu=partial")});
    CHECK(result.notes.empty());
    const Matrix& m = result.matrix;

    const PairCell* cell = m.pair("lora", "cp");
    REQUIRE(cell);
    CHECK(cell->value == CellValue::yes);
    CHECK(cell->links == std::vector<std::string>{kPr});  // the published evidence stays
    REQUIRE(cell->overridden);
    CHECK(cell->overridden->published == CellValue::no);
    CHECK(cell->overridden->reason == "fixed upstream");
    CHECK(cell->overridden->origin == "--assume cp:lora=yes");

    const SupportCell* hw = m.support_cell("lora", "cpu");
    REQUIRE(hw);
    CHECK(hw->value == CellValue::partial);
    REQUIRE(hw->overridden);
    CHECK(hw->overridden->published == CellValue::no);

    // Untouched cells stay unmarked, and the published matrix is not changed.
    CHECK_FALSE(m.pair("apc", "cp")->overridden);
    CHECK(published.pair_value("lora", "cp") == CellValue::no);
    CHECK_FALSE(published.pair("lora", "cp")->overridden);

    // The check says which cells it relies on are assumed, and what was published.
    CHECK_FALSE(check_configuration(published, "cpu", {"cp", "lora"}, Policy{}).valid);
    CheckResult r = check_configuration(m, "cpu", {"cp", "lora"}, Policy{});
    CHECK(r.valid);
    REQUIRE(r.risks.size() == 1);
    CHECK(r.risks[0].kind == CellRef::Kind::support);
    REQUIRE(r.risks[0].overridden);
    CHECK(r.risks[0].overridden->published == CellValue::no);
    CheckResult strict = check_configuration(m, "ampere", {"cp", "lora"}, Policy{true, true});
    CHECK(strict.valid);
    CheckResult via_pair = check_configuration(apply_overlay(published, {parse_assumption("lora:cp=partial")}).matrix,
                                               "ampere", {"cp", "lora"}, Policy{true, true});
    REQUIRE(via_pair.violations.size() == 1);
    CHECK(via_pair.violations[0].value == CellValue::partial);
    REQUIRE(via_pair.violations[0].overridden);
    CHECK(via_pair.violations[0].overridden->origin == "--assume lora:cp=partial");
}

TEST_CASE("a cell the document leaves out is added as published blank") {
    OverlaidMatrix result = apply_overlay(small_matrix(), {parse_assumption("lora:sd=partial")});
    const PairCell* cell = result.matrix.pair("sd", "lora");
    REQUIRE(cell);
    CHECK(cell->a == "sd");  // the later feature is the row, as in the document
    CHECK(cell->b == "lora");
    CHECK(cell->value == CellValue::partial);
    REQUIRE(cell->overridden);
    CHECK(cell->overridden->published == CellValue::blank);
    CHECK(result.matrix.pairs.size() == small_matrix().pairs.size() + 1);
}

TEST_CASE("features or hardware the matrix lacks: an error naming the place, or a note when skipping") {
    Matrix m = small_matrix();
    std::string flag = message_of<UsageError>([&] { apply_overlay(m, {parse_assumption("pooling:cp=yes")}); });
    CHECK(flag == "--assume pooling:cp=yes: matrix small has no feature 'pooling'");
    std::string hw = message_of<UsageError>([&] { apply_overlay(m, {parse_assumption("cp@tpu=yes")}); });
    CHECK(contains(hw, "has no hardware 'tpu'"));

    std::vector<CellAssumption> from_file = parse_overlay(
        "{\"schema\": \"planner-overlay/1\", \"cells\": [\n{\"a\": \"cp\", \"b\": \"prompt-embeds\", \"value\": \"no\"}]}",
        "new.json");
    std::string file = message_of<InputError>([&] { apply_overlay(m, from_file); });
    CHECK(file == "new.json:2: matrix small has no feature 'prompt-embeds'");

    OverlaidMatrix skipped = apply_overlay(m, from_file, MissingCell::skip);
    REQUIRE(skipped.notes.size() == 1);
    CHECK(contains(skipped.notes[0], "new.json:2: matrix small has no feature 'prompt-embeds'"));
    CHECK(skipped.matrix.pairs.size() == m.pairs.size());
}

TEST_CASE("contradicting assumptions are an error naming both; repeats and no-ops give notes") {
    Matrix m = small_matrix();
    std::string clash = message_of<UsageError>(
        [&] { apply_overlay(m, {parse_assumption("lora:cp=yes"), parse_assumption("cp:lora=partial")}); });
    CHECK(contains(clash, "--assume cp:lora=partial"));
    CHECK(contains(clash, "--assume lora:cp=yes"));

    // Across two calls: a file overlay first, then the command line.
    Matrix once = apply_overlay(m, {parse_assumption("lora:cp=yes")}).matrix;
    CHECK_THROWS_AS(apply_overlay(once, {parse_assumption("lora:cp=no")}), UsageError);
    OverlaidMatrix twice = apply_overlay(once, {parse_assumption("cp:lora=yes")});
    REQUIRE(twice.notes.size() == 1);
    CHECK(contains(twice.notes[0], "repeats --assume lora:cp=yes"));
    CHECK(twice.matrix.pair("lora", "cp")->overridden->origin == "--assume lora:cp=yes");

    OverlaidMatrix same = apply_overlay(m, {parse_assumption("apc:cp=yes")});
    REQUIRE(same.notes.size() == 1);
    CHECK(contains(same.notes[0], "already says apc x cp = yes"));
    CHECK_FALSE(same.matrix.pair("apc", "cp")->overridden);

    // The first assumption changes nothing, yet the second still contradicts it.
    std::string after_no_op = message_of<UsageError>(
        [&] { apply_overlay(m, {parse_assumption("apc:cp=yes"), parse_assumption("cp:apc=no")}); });
    CHECK(contains(after_no_op, "--assume cp:apc=no: assumes cp x apc = no but --assume apc:cp=yes assumes yes"));
    std::string hardware = message_of<UsageError>(
        [&] { apply_overlay(m, {parse_assumption("lora@cpu=yes"), parse_assumption("lora@cpu=unknown")}); });
    CHECK(contains(hardware, "lora on cpu = unknown but --assume lora@cpu=yes assumes yes"));

    // Assuming blank for a cell the document leaves out changes nothing either.
    OverlaidMatrix unstated = apply_overlay(m, {parse_assumption("sd:lora=blank")});
    REQUIRE(unstated.notes.size() == 1);
    CHECK(contains(unstated.notes[0], "does not state sd x lora"));
    CHECK(unstated.matrix.pairs.size() == m.pairs.size());
}

TEST_CASE("the canonical JSON of an overlaid matrix carries none of the overlay") {
    CellAssumption fix = parse_assumption("lora:sd=partial");
    fix.reason = "a reason that must not reach data/";
    fix.link = "https://example.org/overlay-evidence";
    Matrix overlaid = apply_overlay(load_matrix("vllm-0.6"), {fix}).matrix;
    REQUIRE(overlaid.pair("lora", "sd")->overridden);
    std::string json = matrix_to_json(overlaid);
    CHECK_FALSE(contains(json, "a reason that must not reach data/"));
    CHECK_FALSE(contains(json, "overlay-evidence"));
    CHECK_FALSE(contains(json, "--assume"));
    CHECK_FALSE(contains(json, "overrid"));
    CHECK_FALSE(matrix_from_json(json, "roundtrip.json").pair("lora", "sd")->overridden);
}
