// The front end's helpers and renderers, without running the executable:
// flag parsing, terminal widths, suggested command lines and the fixed key
// order of the JSON documents.
#include <doctest/doctest.h>

#include <planner/error.hpp>

#include "cli/exit_code.hpp"
#include "cli/flags/options.hpp"
#include "cli/render/derivation.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"
#include "cli/render/suggested_command.hpp"
#include "cli/render/text.hpp"

using namespace planner;
using namespace planner::cli;

namespace {

// Three features, two classes; LoRA x SD is "no" with a link and a footnote.
Matrix small_matrix() {
    Matrix matrix;
    matrix.id = "test-1";
    matrix.source = "test.md";
    matrix.features = {"cp", "lora", "sd"};
    matrix.hardware = {"ampere", "cpu"};
    matrix.pairs = {{"lora", "cp", CellValue::yes, {}, {}},
                    {"sd", "cp", CellValue::partial, {}, {}},
                    {"sd", "lora", CellValue::no, {"https://github.com/vllm-project/vllm/pull/1"}, {"*"}}};
    for (const auto& feature : matrix.features)
        for (const auto& hw : matrix.hardware)
            matrix.support.push_back({feature, hw, hw == "cpu" && feature == "lora" ? CellValue::no : CellValue::yes, {}, {}});
    matrix.footnotes = {{"*", "Not yet supported together."}};
    matrix.reindex();
    return matrix;
}

std::vector<std::string> keys(const ordered_json& document) {
    std::vector<std::string> out;
    for (const auto& item : document.items()) out.push_back(item.key());
    return out;
}

}  // namespace

TEST_CASE("terminal widths count the matrix symbols as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("✅") == 2);
    CHECK(display_width("❌¹²") == 4);
    CHECK(display_width("🟠*") == 3);
    CHECK(display_width("❔") == 2);
    CHECK(display_width("\x1b[1mab\x1b[0m") == 2);
    CHECK(pad_right("❌", 4) == "❌  ");
    CHECK(pad_left("7", 3) == "  7");
}

TEST_CASE("colour codes only when asked for") {
    CHECK(Style(false).bold("x") == "x");
    CHECK(Style(true).bold("x") == "\x1b[1mx\x1b[0m");
    CHECK(Style::for_stdout(true).colour() == false);
}

TEST_CASE("name lists: commas, repeats, spaces, and no empty names") {
    CHECK(split_names("--must", {"lora,cp", " sd , apc"}) == std::vector<std::string>{"lora", "cp", "sd", "apc"});
    CHECK_THROWS_WITH_AS(split_names("--must", {""}), "--must: empty name in ''", UsageError);
    CHECK_THROWS_AS(split_names("--must", {"lora,,cp"}), UsageError);
    CHECK_THROWS_AS(split_names("--must", {"lora,"}), UsageError);
}

TEST_CASE("feature names resolve through the catalog and must be rows of the matrix") {
    Matrix matrix = small_matrix();
    CHECK(resolve_features("--must", {"LoRA,speculative-decoding,lora"}, matrix) ==
          std::vector<std::string>{"lora", "sd"});
    CHECK_THROWS_AS(resolve_features("--must", {"apc"}, matrix), UsageError);  // known, not in this matrix
    CHECK_THROWS_AS(resolve_features("--must", {"lorra"}, matrix), UsageError);
    CHECK(resolve_hardware_in("A100", matrix) == "ampere");
    CHECK_THROWS_AS(resolve_hardware_in("h100", matrix), UsageError);  // hopper: no column here
}

TEST_CASE("weights and counts are whole numbers in range") {
    Matrix matrix = small_matrix();
    auto weights = parse_weights({"lora=3,sd=0", "cp=2"}, matrix);
    CHECK(weights == std::map<std::string, int>{{"cp", 2}, {"lora", 3}, {"sd", 0}});
    CHECK_THROWS_WITH_AS(parse_weights({"lora=abc"}, matrix),
                         "--weight lora: 'abc' is not a whole number from 0 to 1000000", UsageError);
    CHECK_THROWS_AS(parse_weights({"lora=-1"}, matrix), UsageError);
    CHECK_THROWS_AS(parse_weights({"lora"}, matrix), UsageError);
    CHECK_THROWS_AS(parse_weights({"lora=1,lora=2"}, matrix), UsageError);
    CHECK(parse_weights({"lora=1,lora=1"}, matrix).at("lora") == 1);
    CHECK(parse_count("--timeout-ms", "250", 1000) == 250);
    CHECK_THROWS_AS(parse_count("--timeout-ms", "-1", 1000), UsageError);
    CHECK_THROWS_AS(parse_count("--timeout-ms", "10ms", 1000), UsageError);
    CHECK_THROWS_AS(parse_count("--timeout-ms", "", 1000), UsageError);
    CHECK_THROWS_AS(parse_count("--timeout-ms", "1001", 1000), UsageError);
}

TEST_CASE("a request is refused when it contradicts itself") {
    Matrix matrix = small_matrix();
    RequestFlags flags;
    flags.hardware = "ampere";
    flags.must = {"lora"};
    flags.never = {"LoRA"};
    CHECK_THROWS_WITH_AS(build_request(flags, matrix), "'lora' is both --must and --never", UsageError);
    flags.never = {"sd"};
    flags.strict = true;
    Request request = build_request(flags, matrix);
    CHECK(request.policy.forbid_partial);
    CHECK(request.policy.forbid_unknown);
    CHECK(request.timeout_ms == 0);
}

TEST_CASE("suggested command lines ask exactly the alternative") {
    Report report;
    Request& request = report.request;
    request.hardware = "ampere";
    request.must = {"lora", "sd", "cp"};
    request.never = {"mm"};
    request.weights = {{"apc", 3}};
    request.policy.forbid_partial = true;
    Alternative drop_sd{{"sd"}, "ampere", {}};
    CHECK(alternative_command_line(report, drop_sd) ==
          "planner maximize --hw ampere --must lora,cp --never mm --weight apc=3 --forbid-partial");
    Alternative on_hopper{{}, "hopper", {}};
    report.matrix_arg = "my matrix.json";
    CHECK(alternative_command_line(report, on_hopper) ==
          "planner maximize --hw hopper --must lora,sd,cp --never mm --weight apc=3 --forbid-partial "
          "--matrix 'my matrix.json'");
    CHECK(shell_quote("it's") == "'it'\\''s'");
    CHECK(shell_quote("") == "''");
}

TEST_CASE("suggested command lines repeat the flags that changed the matrix, the limit and --allow-hw") {
    Report report;
    report.request.hardware = "ampere";
    report.request.must = {"lora", "sd"};
    report.request.allow_hardware_change = true;
    report.request.timeout_ms = 500;
    report.assume_args = {"mm:sd=yes", "lora@ampere=partial"};
    report.overlay_args = {"site overlay.json"};
    Alternative drop_sd{{"sd"}, "ampere", {}};
    CHECK(alternative_command_line(report, drop_sd) ==
          "planner maximize --hw ampere --must lora --allow-hw --timeout-ms 500 --overlay 'site overlay.json' "
          "--assume mm:sd=yes --assume lora@ampere=partial");
}

TEST_CASE("cells in JSON carry their links and footnote texts, keys in a fixed order") {
    Matrix matrix = small_matrix();
    ordered_json cell = cell_json(pair_ref(matrix, "lora", "sd"), matrix);
    CHECK(keys(cell) == std::vector<std::string>{"kind", "row", "column", "value", "links", "footnotes"});
    CHECK(cell["row"] == "sd");
    CHECK(cell["value"] == "no");
    CHECK(cell["footnotes"][0]["text"] == "Not yet supported together.");
}

TEST_CASE("result documents have the keys of their command, in order") {
    Matrix matrix = small_matrix();
    Report report;
    report.matrix = &matrix;
    report.request.hardware = "ampere";
    report.request.must = {"lora", "sd"};
    report.result.status = Status::infeasible;
    report.result.conflicts = {
        {{{Requirement::Kind::must, "lora"}, {Requirement::Kind::must, "sd"}}, {pair_ref(matrix, "lora", "sd")}}};
    report.result.alternatives = {{{"sd"}, "ampere", {"ampere", {"cp", "lora"}, {}}}};
    report.question = Question::maximize;
    ordered_json document = report_json(report);
    CHECK(keys(document) == std::vector<std::string>{"schema", "command", "status", "hardware", "matrix", "features",
                                                     "risks", "changes", "criteria", "proven_optimal", "plan_found",
                                                     "off", "conflicts", "alternatives", "defaults_off"});
    CHECK(document["alternatives"][0]["command"] == "planner maximize --hw ampere --must lora");
    report.question = Question::check;
    CHECK(keys(report_json(report)).back() == "defaults_off");
    report.question = Question::enumerate;
    CHECK(keys(report_json(report)).back() == "plans");
    report.result.status = Status::error;
    report.result.message = "plan failed re-check";
    CHECK(keys(report_json(report)) == std::vector<std::string>{"schema", "command", "status", "error"});
    CHECK(dump_json(error_json("x", "bad \xff byte")).find("error") != std::string::npos);
}

TEST_CASE("an enumeration cut by the time limit never states a total it did not reach") {
    Matrix matrix = small_matrix();
    Report report;
    report.matrix = &matrix;
    report.question = Question::enumerate;
    report.request.hardware = "ampere";
    report.result.status = Status::timeout;
    report.result.proven_optimal = false;
    report.result.plans = {{"ampere", {"cp", "lora"}, {}}, {"ampere", {"sd"}, {}}};
    const std::string text = render_report_text(report, Style(false));
    CHECK(text.find("at least 2 maximal feature sets (found before the time limit)") != std::string::npos);
    report.result.status = Status::ok;
    report.result.proven_optimal = true;
    CHECK(render_report_text(report, Style(false)).find(": 2 maximal feature sets\n") != std::string::npos);
}

TEST_CASE("the derivation numbers each step and cites the cell with its evidence") {
    Matrix matrix = small_matrix();
    Request request;
    Conflict conflict{{{Requirement::Kind::must, "lora"}, {Requirement::Kind::must, "sd"},
                       {Requirement::Kind::hardware, "ampere"}},
                      {pair_ref(matrix, "lora", "sd")}};
    std::string text = render_derivation(conflict, matrix, request, Style(false), "");
    CHECK(text.find("(1)  you require lora") != std::string::npos);
    CHECK(text.find("[--hw ampere]") != std::string::npos);
    CHECK(text.find("(4)  sd and lora do not work together") != std::string::npos);
    CHECK(text.find("[SD x LoRA ❌ no*]") != std::string::npos);
    CHECK(text.find("https://github.com/vllm-project/vllm/pull/1") != std::string::npos);
    CHECK(text.find("* Not yet supported together.") != std::string::npos);
    CHECK(text.find("(1)-(4) cannot all hold") != std::string::npos);
}

TEST_CASE("a timed-out maximize says its plan is not proven optimal") {
    Matrix matrix = small_matrix();
    Report report;
    report.question = Question::maximize;
    report.matrix = &matrix;
    report.request.hardware = "ampere";
    report.result.status = Status::timeout;
    report.result.proven_optimal = false;
    report.result.plan = {"ampere", {"cp", "lora"}, {}};
    std::string text = render_report_text(report, Style(false));
    CHECK(text.find("not proven optimal") != std::string::npos);
    CHECK(text.find("on (2): cp lora") != std::string::npos);
    CHECK(exit_code(Status::timeout) == 3);
    CHECK(exit_code(Status::invalid) == 1);
    CHECK(exit_code(Status::error) == 2);
}
