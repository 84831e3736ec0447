// planner-rules/1 parsing: every refusal names file:line (and the rule id
// once it is known), and every literal form reads as written.
#include <doctest/doctest.h>

#include <string>

#include <planner/error.hpp>
#include <planner/rules.hpp>

#include "tests/thrown_message.hpp"

using namespace planner;

namespace {

using planner::test::message_of;

std::string document(const std::string& variables, const std::string& rules) {
    return "{\"schema\": \"planner-rules/1\", \"id\": \"t\",\n"
           " \"variables\": {" + variables + "},\n"
           " \"rules\": [\n" + rules + "]}\n";
}

const std::string kSource = R"("source": {"url": "https://github.com/vllm-project/vllm/blob/abc/x.py#L1", "quote": "q"})";

std::string rule(const std::string& body) { return "  {\"id\": \"r1\", " + body + ", " + kSource + "}\n"; }

std::string refusal(const std::string& text) {
    return message_of<InputError>([&] { parse_rules(text, "rules.json"); });
}

}  // namespace

TEST_CASE("a well-formed rules file keeps variables in file order, rules with their lines and sources") {
    const std::string text = document(
        R"("zeta": {"type": "enum", "values": ["ngram", "eagle"], "default": "eagle"},
  "alpha": {"type": "int", "min": 1, "max": 8, "default": 2})",
        rule(R"("kind": "error", "forbid": ["lora", "alpha>1"])") + "  ,\n" +
            R"(  {"id": "r2", "kind": "override", "if": ["zeta=ngram"], "then": ["!cp"], "unverified": true},
  {"id": "r3", "kind": "permit", "allow": ["lora", "hw=cpu"], "if": ["alpha<=2"], )" + kSource + "}\n");
    RuleFile file = parse_rules(text, "rules.json");
    CHECK(file.id == "t");
    REQUIRE(file.variables.size() == 2);
    CHECK(file.variables[0].name == "zeta");  // file order, not nlohmann's sorted order
    CHECK(file.variables[0].default_value == 1);
    CHECK(file.variables[1].name == "alpha");
    CHECK(file.variables[1].min == 1);
    CHECK(file.variables[1].max == 8);
    CHECK(file.variables[1].default_value == 2);
    REQUIRE(file.rules.size() == 3);
    CHECK(file.rules[0].line == 5);
    CHECK(file.rules[1].line == 7);
    CHECK(file.rules[0].forbid[1].op == Literal::Op::greater);
    CHECK(file.rules[0].source.quote == "q");
    CHECK(file.rules[1].kind == RuleKind::override_setting);
    CHECK(file.rules[1].unverified);
    CHECK(file.rules[2].kind == RuleKind::permit);
    CHECK(file.rules[2].allow.size() == 2);
}

TEST_CASE("every literal form") {
    struct Form {
        const char* text;
        Literal::Op op;
        const char* name;
        const char* value;
    };
    const Form forms[] = {
        {"lora", Literal::Op::on, "lora", ""},
        {"!lora", Literal::Op::off, "lora", ""},
        {"hw=cpu", Literal::Op::equals, "hw", "cpu"},
        {"quantization!=awq", Literal::Op::not_equals, "quantization", "awq"},
        {"pp<2", Literal::Op::less, "pp", "2"},
        {"pp<=2", Literal::Op::less_equal, "pp", "2"},
        {"pp>1", Literal::Op::greater, "pp", "1"},
        {"pp>=1", Literal::Op::greater_equal, "pp", "1"},
        {" pp >= 1 ", Literal::Op::greater_equal, "pp", "1"},
    };
    for (const Form& form : forms) {
        CAPTURE(form.text);
        Literal literal = parse_literal(form.text, "here");
        CHECK(literal.op == form.op);
        CHECK(literal.name == form.name);
        CHECK(literal.value == form.value);
    }
    for (const char* bad : {"", "!", "=x", "a=", "a<", "a==b", "a=<b", "!a=b", "a b", "a>=1>2"}) {
        CAPTURE(bad);
        CHECK(message_of<UsageError>([&] { parse_literal(bad, "here"); }).find("here: literal") == 0);
    }
}

TEST_CASE("every refusal names the file, the line and the rule") {
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::string ok_rule = rule(R"("kind": "error", "forbid": ["lora"])");
    const Case cases[] = {
        {"{", "rules.json:1:"},
        {R"({"schema": "planner-overlay/1"})", "rules.json:1: not a planner-rules/1 document"},
        {R"({"schema": "planner-rules/1", "id": "t", "rules": [], "extra": 1})", "unknown key \"extra\""},
        {R"({"schema": "planner-rules/1", "rules": []})", "\"id\" is missing"},
        {R"({"schema": "planner-rules/1", "id": "t"})", "\"rules\" must be an array"},
        {R"({"schema": "planner-rules/1", "id": "t", "rules": [], "rules": []})", "appears twice"},
        {"{\"schema\": \"planner-rules/1\", \"id\": \"t\",\n \"rules\": [\n  {\"id\": \"a\", \"id\": \"b\"}]}",
         "rules.json:3: rules[0].id: the key \"id\" appears twice in one object"},
        {document(R"("x": {"type": "enum", "values": []})", ok_rule), "rules.json:2: variable 'x': \"values\" must be a non-empty"},
        {document(R"("x": {"type": "enum", "values": ["a", "a"]})", ok_rule), "the value 'a' is listed twice"},
        {document(R"("x": {"type": "enum", "values": ["a"], "default": "b"})", ok_rule), "the default 'b' is not one of its values"},
        {document(R"("x": {"type": "int", "min": 1})", ok_rule), "an int needs \"min\" and \"max\""},
        {document(R"("x": {"type": "int", "min": 3, "max": 2})", ok_rule), "min 3 is greater than max 2"},
        {document(R"("x": {"type": "int", "min": 1, "max": 4, "default": 9})", ok_rule), "the default 9 lies outside 1 .. 4"},
        {document(R"("x": {"type": "int", "min": 1.5, "max": 4})", ok_rule), "\"min\" must be an integer"},
        {document(R"("x": {"type": "int", "min": 1, "max": 99999999999})", ok_rule), "out of range"},
        {document(R"("x": {"type": "float"})", ok_rule), "\"type\" must be \"enum\" or \"int\""},
        {document(R"("x": {"type": "int", "min": 1, "max": 2, "step": 1})", ok_rule), "unknown key \"step\""},
        {document(R"("a b": {"type": "int", "min": 1, "max": 2})", ok_rule), "is not a name"},
        {document("", "  {\"kind\": \"error\", \"forbid\": [\"lora\"]}\n"), "rules.json:4: rule 1: \"id\" is missing"},
        {document("", rule(R"("kind": "fatal", "forbid": ["lora"])")), "rules.json:4: rule r1: \"kind\" must be"},
        {document("", rule(R"("kind": "error")")), "rules.json:4: rule r1: an error rule has either"},
        {document("", rule(R"("kind": "error", "forbid": ["a"], "if": ["b"], "then": ["c"])")), "an error rule has either"},
        {document("", rule(R"("kind": "error", "if": ["b"])")), "\"if\" needs \"then\""},
        {document("", rule(R"("kind": "error", "forbid": ["a"], "allow": ["a", "b"])")), "\"allow\" belongs to a permit"},
        {document("", rule(R"("kind": "override", "forbid": ["a"])")), "an override rule has \"if\" and \"then\""},
        {document("", rule(R"("kind": "permit", "if": ["a"])")), "a permit rule has \"allow\""},
        {document("", rule(R"("kind": "permit", "allow": ["a"])")), "\"allow\" names one cell"},
        {document("", rule(R"("kind": "error", "forbid": [])")), "\"forbid\" must be a non-empty array"},
        {document("", rule(R"("kind": "error", "forbid": [3])")), "every literal of \"forbid\" must be a string"},
        {document("", rule(R"("kind": "error", "forbid": ["a=="])")), "rules.json:4: rule r1: literal 'a=='"},
        {document("", rule(R"("kind": "error", "forbid": ["a"], "why": 1)")), "unknown key \"why\""},
        {document("", rule(R"("kind": "error", "forbid": ["a"], "unverified": "yes")")), "\"unverified\" must be true or false"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"]}\n"), "rules.json:4: rule r1: no \"source\""},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": {\"quote\": \"q\"}}\n"), "\"url\" is missing"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": {\"url\": \"http://x\"}}\n"), "is not an https:// address"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": {\"url\": \"https://x\", \"page\": 1}}\n"), "unknown key \"page\""},
        // The link rule of cells holds for a source too: answers show its url as they show a cell's link.
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": {\"url\": \"https://e.com/a b<x>\"}}\n"),
         "rules.json:4: rule r1: source url 'https://e.com/a b<x>' is not a URL: it holds a space"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": {\"url\": \"https://e.com/a\\u0007\"}}\n"),
         "is not a URL: it holds a control character"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"unverified\": true, \"source\": {\"url\": \"https://e.com/{x}\"}}\n"),
         "source url 'https://e.com/{x}' is not a URL: it holds '{'"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"unverified\": true, \"source\": {\"url\": \"javascript:x\"}}\n"),
         "source url 'javascript:x' is not a http(s) URL"},
        {std::string("{\"schema\": \"planner-rules/1\", \"id\": \"t\", \"rules\": []}\n") + '\0' + "{\"garbage\": [1,",
         "rules.json: a NUL byte at line 2, column 1; a JSON file is text"},
        {document("", "  {\"id\": \"r1\", \"kind\": \"error\", \"forbid\": [\"a\"], \"source\": \"https://x\"}\n"), "\"source\" must be an object"},
        {document("", ok_rule + "  ,\n" + ok_rule), "rules.json:6: rule r1: the id is used by an earlier rule"},
        {document("", "  {\"id\": \"r 1\", \"kind\": \"error\", \"forbid\": [\"a\"]}\n"), "rule id 'r 1' is not a name"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::string message = refusal(c.text);
        CAPTURE(message);
        CHECK(message.find("rules.json") == 0);
        CHECK(message.find(c.expected) != std::string::npos);
    }
}

TEST_CASE("a rules file is read through the checked input path") {
    const std::string message = message_of<InputError>([] { read_rules_file("/"); });
    CHECK(message.find("is a directory") != std::string::npos);
    CHECK(message_of<InputError>([] { read_rules_file("/nonexistent/rules.json"); }).find("rules.json") !=
          std::string::npos);
}
