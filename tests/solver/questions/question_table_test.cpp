// The table of questions and the typed request items: what the engine, the
// command line, batch and --any-version read instead of words.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <planner/engine.hpp>
#include <planner/error.hpp>
#include <planner/question.hpp>

using namespace planner;

namespace {

// The position of a Request member in its declaration (error.hpp's list).
const std::vector<std::string_view> request_members = {
    "hardware", "must",  "never",         "prefer",     "weights", "policy",         "have",
    "keep",     "allow_hardware_change", "hardware_cost", "timeout_ms", "limit", "missing_column", "hardware_as"};

long member_position(std::string_view field) {
    return std::find(request_members.begin(), request_members.end(), field) - request_members.begin();
}

}  // namespace

TEST_CASE("the table of questions has one row per question, in the order of the enum") {
    const std::vector<std::string> names = {"maximize", "repair", "check", "explain", "enumerate"};
    REQUIRE(questions().size() == names.size());
    for (size_t i = 0; i < names.size(); ++i) {
        const QuestionInfo& row = questions()[i];
        CAPTURE(names[i]);
        CHECK(static_cast<size_t>(row.question) == i);
        CHECK(row.name == names[i]);
        CHECK(to_string(row.question) == names[i]);
        CHECK(&info(row.question) == &row);
        CHECK(question_named(names[i]) == row.question);
        CHECK(!row.summary.empty());
    }
    CHECK(!question_named("versions"));
    CHECK(!question_named("Maximize"));
    CHECK(!question_named(""));
}

TEST_CASE("each question names the Request fields it reads, once each, in declaration order") {
    for (const QuestionInfo& row : questions()) {
        CAPTURE(row.name);
        REQUIRE(!row.fields.empty());
        CHECK(row.fields.front() == "hardware");  // every question is asked on a hardware class
        for (size_t i = 0; i < row.fields.size(); ++i) {
            CHECK(is_request_field(row.fields[i]));
            CHECK(member_position(row.fields[i]) < static_cast<long>(request_members.size()));
            if (i > 0) CHECK(member_position(row.fields[i - 1]) < member_position(row.fields[i]));
        }
        const bool reads_have = std::find(row.fields.begin(), row.fields.end(), "have") != row.fields.end();
        CHECK(reads_have == row.needs_have);
    }
    CHECK(info(Question::repair).needs_have);
    CHECK(info(Question::check).needs_have);
    CHECK(!info(Question::enumerate).across_versions);
    CHECK(info(Question::explain).across_versions);
}

TEST_CASE("a request item says itself as conflicts always have") {
    CHECK(to_string(Requirement{Requirement::Kind::must, "lora"}) == "must lora");
    CHECK(to_string(Requirement{Requirement::Kind::never, "sd"}) == "never sd");
    CHECK(to_string(Requirement{Requirement::Kind::keep, "apc"}) == "keep apc");
    CHECK(to_string(Requirement{Requirement::Kind::have, "pooling"}) == "have pooling");
    CHECK(to_string(Requirement{Requirement::Kind::hardware, "ampere"}) == "hardware ampere");
    CHECK(to_string(Requirement::Kind::hardware) == "hardware");
    CHECK(Requirement{Requirement::Kind::must, "lora"} != Requirement{Requirement::Kind::keep, "lora"});
    CHECK(Requirement{Requirement::Kind::must, "lora"} != Requirement{Requirement::Kind::must, "sd"});
}
