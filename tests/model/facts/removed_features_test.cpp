// data/removed-features.json: its parser refuses what it cannot read, naming
// the place, and the removals become error rules on page states from their
// date on, which the Z3-free check with rules enforces.
#include <doctest/doctest.h>

#include <string>

#include <planner/error.hpp>
#include <planner/rules.hpp>

#include "model/facts/removed_features.hpp"
#include "tests/thrown_message.hpp"

using namespace planner;

namespace {

using planner::test::message_of;

std::string entry(const std::string& fields) {
    return R"({"schema": "planner-removed-features/1", "removed": [
  {"feature": "multi-step", )" + fields + R"(}]})";
}
const std::string kGood = R"("applies_from": "2025-09-08", "release": "", "verified": false,
   "source": {"url": "https://github.com/vllm-project/vllm/pull/22138"})";

Matrix state_on(const std::string& date) {
    Matrix m;
    m.id = "state";
    m.features = {"cp", "multi-step"};
    m.hardware = {"ampere"};
    m.pairs = {{"multi-step", "cp", CellValue::yes, {}, {}}};
    for (const auto& f : m.features) m.support.push_back({f, "ampere", CellValue::yes, {}, {}});
    PageState state;
    state.id = "vllm-docs-" + date;
    state.date = date;
    m.states = {state};
    m.reindex();
    return m;
}

}  // namespace

TEST_CASE("a well-formed entry is read with its line") {
    const auto list = parse_removed_features(entry(kGood), "r.json");
    REQUIRE(list.size() == 1);
    CHECK(list[0].feature == "multi-step");
    CHECK(list[0].applies_from == "2025-09-08");
    CHECK(list[0].line == 2);
    CHECK_FALSE(list[0].verified);
}

TEST_CASE("malformed entries are refused at file:line") {
    CHECK(message_of<InputError>([] { parse_removed_features("{}", "r.json"); }).find("r.json: \"schema\"") == 0);
    CHECK(message_of<InputError>([] {
              parse_removed_features(entry(R"("applies_from": "2025-02-30", "verified": true,
                 "source": {"url": "https://x"})"), "r.json");
          }).find("r.json:2: multi-step: \"applies_from\" must be a date") == 0);
    CHECK(message_of<InputError>([] {
              parse_removed_features(entry(R"("applies_from": "2025-09-08", "verified": true, "source": {})"),
                                     "r.json");
          }).find("\"url\" is missing") != std::string::npos);
    CHECK(message_of<InputError>([] {
              parse_removed_features(entry(R"("applies_from": "2025-09-08", "release": "0.10",
                 "verified": true, "source": {"url": "https://x"})"), "r.json");
          }).find("\"release\" must be a tag") != std::string::npos);
    CHECK(message_of<InputError>([] {
              parse_removed_features(entry(kGood + R"(, "when": 1)"), "r.json");
          }).find("unknown key \"when\"") != std::string::npos);
    CHECK(message_of<InputError>([] {
              parse_removed_features(entry(R"("applies_from": "2025-09-08", "source": {"url": "https://x"})"),
                                     "r.json");
          }).find("\"verified\" must be true or false") != std::string::npos);
}

TEST_CASE("the shipped list parses and names each feature once") {
    const auto& list = removed_features();
    CHECK(list.size() >= 4);
    for (const RemovedFeature& removal : list) {
        CHECK(removal.line > 0);
        CHECK(removal.source.url.starts_with("https://"));
    }
}

TEST_CASE("a removal applies from its date on, to page states only") {
    const RemovedFeature* multi_step = nullptr;
    for (const RemovedFeature& removal : removed_features())
        if (removal.feature == "multi-step") multi_step = &removal;
    REQUIRE(multi_step);
    Matrix before = state_on("2025-07-30");
    CHECK(before.states.front().date < multi_step->applies_from);
    CHECK_FALSE(removal_rules(before).has_value());
    Matrix document = before;
    document.states.clear();
    CHECK_FALSE(removal_rules(document).has_value());

    Matrix after = state_on(multi_step->applies_from);
    const auto rules = removal_rules(after);
    REQUIRE(rules.has_value());
    REQUIRE(rules->rules.size() == 1);
    CHECK(rules->rules[0].id == "vllm-removed-multi-step");
    CHECK(rules->rules[0].source.url == multi_step->source.url);
    // resolve_rules adds it to every request's rules, and the Z3-free check
    // refuses a configuration with the feature and accepts one without.
    const RuleSet set = resolve_rules(after, {}, {});
    REQUIRE(set.rules.size() == 1);
    CHECK_FALSE(judge_with_rules(after, set, "ampere", {"cp", "multi-step"}, default_values(set), Policy{}).valid());
    CHECK(judge_with_rules(after, set, "ampere", {"cp"}, default_values(set), Policy{}).valid());
    CHECK(resolve_rules(before, {}, {}).rules.empty());
}
