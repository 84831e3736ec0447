// Rules matched to a matrix, and the Z3-free check with rules.
#include <doctest/doctest.h>

#include <string>

#include <planner/error.hpp>
#include <planner/rules.hpp>

#include "tests/thrown_message.hpp"

using namespace planner;

namespace {

using planner::test::message_of;

Matrix small_matrix() {
    Matrix m;
    m.id = "small";
    m.features = {"cp", "lora", "sd"};
    m.hardware = {"ampere", "cpu"};
    m.pairs = {{"lora", "cp", CellValue::yes, {}, {}},
               {"sd", "cp", CellValue::yes, {}, {}},
               {"sd", "lora", CellValue::no, {}, {}}};
    for (const auto& f : m.features)
        for (const auto& h : m.hardware) m.support.push_back({f, h, CellValue::yes, {}, {}});
    m.support[3].value = CellValue::no;  // lora on cpu
    m.reindex();
    return m;
}

const char* kRules = R"({"schema": "planner-rules/1", "id": "t",
 "variables": {"sd_method": {"type": "enum", "values": ["ngram", "eagle"]},
               "pp": {"type": "int", "min": 1, "max": 8, "default": 1}},
 "rules": [
  {"id": "no-lora-pp", "kind": "error", "forbid": ["lora", "pp>1"], "source": {"url": "https://example.org/a"}},
  {"id": "eagle-no-cp", "kind": "error", "if": ["sd_method=eagle", "sd"], "then": ["!cp"], "source": {"url": "https://example.org/b"}},
  {"id": "pp-cp", "kind": "override", "if": ["pp>=2"], "then": ["cp"], "source": {"url": "https://example.org/c"}},
  {"id": "lora-sd-eagle", "kind": "permit", "allow": ["sd", "lora"], "if": ["sd_method=eagle"], "source": {"url": "https://example.org/d"}},
  {"id": "lora-cpu", "kind": "permit", "allow": ["hw=cpu", "lora"], "unverified": true}
 ]})";

RuleSet resolved(const std::map<std::string, std::string>& settings = {}) {
    return resolve_rules(small_matrix(), {parse_rules(kRules, "r.json")}, settings);
}

std::string refusal(const std::string& literal, const std::string& variables = "") {
    const std::string text = R"({"schema": "planner-rules/1", "id": "t", "variables": {)" + variables +
                             R"(}, "rules": [{"id": "x", "kind": "error", "forbid": [")" + literal +
                             R"("], "unverified": true}]})";
    return message_of<InputError>([&] { resolve_rules(small_matrix(), {parse_rules(text, "r.json")}, {}); });
}

}  // namespace

TEST_CASE("literals resolve to features, the hardware class and declared variables") {
    RuleSet set = resolved();
    REQUIRE(set.rules.size() == 5);
    CHECK(set.rules[0].forbid[0].subject == Term::Subject::feature);
    CHECK(set.rules[0].forbid[1].subject == Term::Subject::variable);
    CHECK(set.rules[0].forbid[1].value == 1);
    CHECK(set.rules[1].conditions[0].value == 1);  // eagle is the second value
    CHECK(set.rules[3].cell_kind == CellRef::Kind::pair);
    CHECK(set.rules[3].a == 2);  // sd, the later feature
    CHECK(set.rules[3].b == 1);
    CHECK(set.rules[4].cell_kind == CellRef::Kind::support);
    CHECK(set.rules[4].hardware == 1);
    CHECK(default_values(set) == std::vector<long long>{0, 1});
    CHECK(default_values(resolved({{"pp", "4"}, {"sd_method", "eagle"}})) == std::vector<long long>{1, 4});
}

TEST_CASE("names that do not fit are refused with the rule's place and a close name") {
    CHECK(refusal("lorra").find("r.json:1: rule x: literal 'lorra': unknown name 'lorra'") == 0);
    CHECK(refusal("lorra").find("did you mean lora?") != std::string::npos);
    CHECK(refusal("lora=1").find("'lora' is a feature") != std::string::npos);
    CHECK(refusal("hw=tpu").find("hardware class 'tpu' has no column") != std::string::npos);
    CHECK(refusal("hw>1").find("the hardware class is an enumeration") != std::string::npos);
    CHECK(refusal("m", R"("m": {"type": "enum", "values": ["a"]})").find("'m' is a variable") != std::string::npos);
    CHECK(refusal("m<a", R"("m": {"type": "enum", "values": ["a"]})").find("is an enumeration") != std::string::npos);
    CHECK(refusal("m=bbb", R"("m": {"type": "enum", "values": ["a", "bb"]})").find("'bbb' is not a value of m; did you mean bb?") != std::string::npos);
    CHECK(refusal("n>x", R"("n": {"type": "int", "min": 1, "max": 2})").find("'x' is not an integer") != std::string::npos);
    CHECK(refusal("lora", R"("cp": {"type": "int", "min": 1, "max": 2})").find("shadows the feature cp") != std::string::npos);
    CHECK(refusal("lora", R"("hw": {"type": "int", "min": 1, "max": 2})").find("shadows the hardware class hw") != std::string::npos);
}

TEST_CASE("two files may declare one variable alike, never differently; rule ids are unique across files") {
    auto file = [](const std::string& name, const std::string& max, const std::string& id) {
        return parse_rules(R"({"schema": "planner-rules/1", "id": "f", "variables": {"n": {"type": "int", "min": 1, "max": )" +
                               max + R"(}}, "rules": [{"id": ")" + id + R"(", "kind": "error", "forbid": ["n>1"], "unverified": true}]})",
                           name);
    };
    CHECK(resolve_rules(small_matrix(), {file("a.json", "4", "x"), file("b.json", "4", "y")}, {}).variables.size() == 1);
    CHECK(message_of<InputError>([&] { resolve_rules(small_matrix(), {file("a.json", "4", "x"), file("b.json", "5", "y")}, {}); })
              .find("b.json:1: variable 'n' is declared differently at a.json:1") == 0);
    CHECK(message_of<InputError>([&] { resolve_rules(small_matrix(), {file("a.json", "4", "x"), file("b.json", "4", "x")}, {}); })
              .find("b.json:1: rule x: the id is used by rule x at a.json:1") == 0);
}

TEST_CASE("--set names a declared variable and a value in its range") {
    CHECK(message_of<UsageError>([] { resolved({{"ppp", "2"}}); }).find("--set ppp=2: 'ppp' is not a variable of the rules files; did you mean pp?") == 0);
    CHECK(message_of<UsageError>([] { resolved({{"pp", "9"}}); }).find("9 lies outside 1 .. 8") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolved({{"pp", "two"}}); }).find("'two' is not an integer") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolved({{"sd_method", "medusa"}}); }).find("(ngram, eagle)") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolve_rules(small_matrix(), {}, {{"pp", "2"}}); }).find("(they declare none)") != std::string::npos);
}

TEST_CASE("the Z3-free check judges error rules, lists overrides and lifts cells by permits") {
    const Matrix matrix = small_matrix();
    const RuleSet set = resolved();
    // lora with pp=2: the error rule; pp=2 also triggers the override, whose consequence cp is missing.
    RuleCheck broken = check_with_rules(matrix, set, "ampere", {"lora"}, {0, 2}, Policy{});
    CHECK_FALSE(broken.valid());
    REQUIRE(broken.broken.size() == 1);
    CHECK(broken.broken[0].id == "no-lora-pp");
    REQUIRE(broken.overrides.size() == 1);
    CHECK(broken.overridden.size() == 1);
    // An override alone is no error: vLLM turns cp on.
    RuleCheck overridden = check_with_rules(matrix, set, "ampere", {"sd"}, {0, 2}, Policy{});
    CHECK(overridden.valid());
    CHECK(overridden.overrides.size() == 1);
    CHECK(overridden.overridden.size() == 1);
    CHECK(check_with_rules(matrix, set, "ampere", {"sd", "cp"}, {0, 2}, Policy{}).overridden.empty());
    // The if/then over the enumeration.
    CHECK_FALSE(check_with_rules(matrix, set, "ampere", {"sd", "cp"}, {1, 1}, Policy{}).valid());
    CHECK(check_with_rules(matrix, set, "ampere", {"sd", "cp"}, {0, 1}, Policy{}).valid());
    // lora x sd = no, lifted only with eagle; the permit names the cell.
    RuleCheck ngram = check_with_rules(matrix, set, "ampere", {"lora", "sd"}, {0, 1}, Policy{});
    CHECK_FALSE(ngram.valid());
    CHECK(ngram.cells.violations.size() == 1);
    RuleCheck eagle = check_with_rules(matrix, set, "ampere", {"lora", "sd"}, {1, 1}, Policy{});
    CHECK(eagle.valid());
    REQUIRE(eagle.permits.size() == 1);
    CHECK(eagle.permits[0].id == "lora-sd-eagle");
    REQUIRE(eagle.permits[0].cell);
    CHECK(eagle.permits[0].cell->value == CellValue::no);
    // A support permit without conditions, unverified.
    RuleCheck cpu = check_with_rules(matrix, set, "cpu", {"lora"}, {0, 1}, Policy{});
    CHECK(cpu.valid());
    REQUIRE(cpu.permits.size() == 1);
    CHECK(cpu.permits[0].unverified);
    CHECK(cpu.permits[0].statement == "allow hw=cpu, lora");
}
