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
    CHECK(refusal("hw=tpu").find("hardware class tpu has no column in matrix small") != std::string::npos);
    CHECK(refusal("hw=tpuu").find("unknown hardware 'tpuu'") != std::string::npos);
    CHECK(refusal("hw>1").find("the hardware class is an enumeration") != std::string::npos);
    CHECK(refusal("m", R"("m": {"type": "enum", "values": ["a"]})").find("'m' is a variable") != std::string::npos);
    CHECK(refusal("m<a", R"("m": {"type": "enum", "values": ["a"]})").find("is an enumeration") != std::string::npos);
    CHECK(refusal("m=bbb", R"("m": {"type": "enum", "values": ["a", "bb"]})").find("'bbb' is not a value of m; did you mean bb?") != std::string::npos);
    CHECK(refusal("n>x", R"("n": {"type": "int", "min": 1, "max": 2})").find("'x' is not an integer") != std::string::npos);
    CHECK(refusal("lora", R"("cp": {"type": "int", "min": 1, "max": 2})").find("shadows the feature cp") != std::string::npos);
    CHECK(refusal("lora", R"("hw": {"type": "int", "min": 1, "max": 2})").find("variable 'hw' is the name rules use for the hardware class") != std::string::npos);
}

TEST_CASE("a literal outside its variable's range is refused with the range") {
    CHECK(refusal("n>100", R"("n": {"type": "int", "min": 1, "max": 8})").find("literal 'n>100': 100 lies outside n's range 1 .. 8 (r.json:1)") != std::string::npos);
    CHECK(refusal("n<0", R"("n": {"type": "int", "min": 1, "max": 8})").find("0 lies outside n's range 1 .. 8") != std::string::npos);
    CHECK_NOTHROW(resolve_rules(small_matrix(), {parse_rules(R"({"schema": "planner-rules/1", "id": "t", "variables": {"n": {"type": "int", "min": 1, "max": 8}}, "rules": [{"id": "x", "kind": "error", "forbid": ["n>=8", "n<=1"], "unverified": true}]})", "r.json")}, {}));
}

TEST_CASE("rule literals take every spelling the command line takes, through the catalog") {
    auto first = [](const std::string& literal) {
        const std::string text = R"({"schema": "planner-rules/1", "id": "t", "rules": [{"id": "x", "kind": "error", "forbid": [")" +
                                 literal + R"(", "sd"], "unverified": true}]})";
        return resolve_rules(small_matrix(), {parse_rules(text, "r.json")}, {}).rules[0].forbid[0];
    };
    for (const char* spelling : {"LoRA", "enable-lora", "enable_lora"}) {
        CAPTURE(spelling);
        const Term term = first(spelling);
        CHECK(term.subject == Term::Subject::feature);
        CHECK(term.index == 1);
        CHECK(term.op == Literal::Op::on);
    }
    CHECK(first("chunked-prefill").index == 0);
    CHECK(first("!chunked_prefill").op == Literal::Op::off);
    for (const char* hardware : {"hw=A100", "hw=sm80", "hw=ampere", "hw=a100-80gb"}) {
        CAPTURE(hardware);
        CHECK(first(hardware).subject == Term::Subject::hardware);
        CHECK(first(hardware).index == 0);
    }
    // A name the catalog lacks gets its nearest known names.
    CHECK(refusal("LoRAA").find("unknown name 'LoRAA'") != std::string::npos);
    CHECK(refusal("LoRAA").find("lora") != std::string::npos);
}

TEST_CASE("a vLLM switch that turns a feature off is the feature's negation in a literal") {
    Matrix m = small_matrix();
    m.features.push_back("cuda-graph");
    for (const auto& h : m.hardware) m.support.push_back({"cuda-graph", h, CellValue::yes, {}, {}});
    m.reindex();
    const std::string text = R"({"schema": "planner-rules/1", "id": "t", "rules": [{"id": "x", "kind": "error", "forbid": ["enforce-eager", "sd"], "unverified": true},
        {"id": "y", "kind": "error", "forbid": ["!enforce-eager", "lora"], "unverified": true}]})";
    const RuleSet set = resolve_rules(m, {parse_rules(text, "r.json")}, {});
    CHECK(set.rules[0].forbid[0].index == 3);
    CHECK(set.rules[0].forbid[0].op == Literal::Op::off);
    CHECK(set.rules[1].forbid[0].op == Literal::Op::on);
}

TEST_CASE("a variable named by any spelling of a feature shadows it") {
    CHECK(refusal("lora", R"("chunked_prefill": {"type": "int", "min": 1, "max": 2})").find("variable 'chunked_prefill' shadows the feature cp ('chunked_prefill' is a spelling of it)") != std::string::npos);
    CHECK(refusal("lora", R"("enforce_eager": {"type": "int", "min": 1, "max": 2})").find("shadows the feature cuda-graph") != std::string::npos);
    // A vLLM flag that takes a value names that value: a variable, not the feature.
    CHECK_NOTHROW(resolve_rules(small_matrix(), {parse_rules(R"({"schema": "planner-rules/1", "id": "t", "variables": {"num_scheduler_steps": {"type": "int", "min": 1, "max": 8}}, "rules": []})", "r.json")}, {}));
}

TEST_CASE("one rules file given twice, or a copy of it, is said to be given twice") {
    const std::string text = R"({"schema": "planner-rules/1", "id": "t", "rules": [{"id": "x", "kind": "error", "forbid": ["lora", "sd"], "unverified": true}]})";
    CHECK(message_of<InputError>([&] { resolve_rules(small_matrix(), {parse_rules(text, "a.json"), parse_rules(text, "a.json")}, {}); }) ==
          "a.json: the rules file a.json is given twice; give it once");
    CHECK(message_of<InputError>([&] { resolve_rules(small_matrix(), {parse_rules(text, "a.json"), parse_rules(text, "copy.json")}, {}); }) ==
          "copy.json: the rules file a.json holds the same rules (given twice); give it once");
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
    auto other = parse_rules(R"({"schema": "planner-rules/1", "id": "g", "rules": [{"id": "x", "kind": "error", "forbid": ["sd"], "unverified": true}]})", "b.json");
    CHECK(message_of<InputError>([&] { resolve_rules(small_matrix(), {file("a.json", "4", "x"), other}, {}); })
              .find("b.json:1: rule x: the id is used by rule x at a.json:1") == 0);
}

TEST_CASE("--set names a declared variable and a value in its range") {
    CHECK(message_of<UsageError>([] { resolved({{"ppp", "2"}}); }).find("--set ppp=2: 'ppp' is not a variable of the rules files; did you mean pp?") == 0);
    CHECK(message_of<UsageError>([] { resolved({{"pp", "9"}}); }).find("9 lies outside 1 .. 8") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolved({{"pp", "two"}}); }).find("'two' is not an integer") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolved({{"sd_method", "medusa"}}); }).find("(ngram, eagle)") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolve_rules(small_matrix(), {}, {{"pp", "2"}}); }).find("(they declare none)") != std::string::npos);
    CHECK(message_of<UsageError>([] { resolved({{"hw", "cpu"}}); }) == "--set hw=cpu: the hardware class is set with --hw (--hw cpu), not --set");
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
    CHECK(broken.overridden.empty());  // vLLM turned cp on
    // An override alone is no error: vLLM turns cp on, and the check judges
    // (and lists) the configuration vLLM runs.
    RuleCheck overridden = check_with_rules(matrix, set, "ampere", {"sd"}, {0, 2}, Policy{});
    CHECK(overridden.valid());
    CHECK(overridden.overrides.size() == 1);
    CHECK(overridden.overridden.empty());
    CHECK(overridden.features == std::vector<std::string>{"cp", "sd"});
    CHECK(overridden.note == "vLLM runs the configuration with +cp (rule pp-cp (override, r.json:7)); the answer is about the configuration vLLM runs");
    // Judged exactly as given, the override's consequence is missing.
    CHECK(judge_with_rules(matrix, set, "ampere", {"sd"}, {0, 2}, Policy{}).overridden.size() == 1);
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

TEST_CASE("check judges the configuration vLLM runs: a permit needing a feature an override removes is not relied on") {
    const std::string text = R"({"schema": "planner-rules/1", "id": "t",
 "variables": {"tp": {"type": "int", "min": 1, "max": 8}},
 "rules": [
  {"id": "tp-drops-lora", "kind": "override", "if": ["tp>1"], "then": ["!lora"], "unverified": true},
  {"id": "lora-sd", "kind": "permit", "allow": ["lora", "sd"], "unverified": true}]})";
    const Matrix matrix = small_matrix();
    const RuleSet set = resolve_rules(matrix, {parse_rules(text, "o.json")}, {});
    const RuleCheck one = check_with_rules(matrix, set, "ampere", {"lora", "sd"}, {1}, Policy{});
    CHECK(one.valid());
    CHECK(one.permits.size() == 1);  // tp=1: lora x sd needs the permit
    const RuleCheck four = check_with_rules(matrix, set, "ampere", {"lora", "sd"}, {4}, Policy{});
    CHECK(four.valid());
    CHECK(four.features == std::vector<std::string>{"sd"});
    CHECK(four.permits.empty());
    CHECK(four.note.find("-lora") != std::string::npos);
}

TEST_CASE("an override's consequence is what vLLM sets: a feature or name=value") {
    auto refusal_of = [](const std::string& then) {
        const std::string text = R"({"schema": "planner-rules/1", "id": "t", "variables": {"n": {"type": "int", "min": 1, "max": 8}},
 "rules": [{"id": "o", "kind": "override", "if": ["lora"], "then": [")" + then + R"("], "unverified": true}]})";
        return message_of<InputError>([&] { resolve_rules(small_matrix(), {parse_rules(text, "r.json")}, {}); });
    };
    CHECK(refusal_of("n>2").find("literal 'n>2': an override's \"then\" is what vLLM sets") != std::string::npos);
    CHECK(refusal_of("hw=cpu").find("is what vLLM sets") != std::string::npos);
}
