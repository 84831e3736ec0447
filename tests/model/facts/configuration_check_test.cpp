#include <doctest/doctest.h>

#include <planner/check.hpp>
#include <planner/error.hpp>

using namespace planner;

namespace {
Matrix small_matrix() {
    Matrix m;
    m.id = "test";
    m.features = {"cp", "apc", "lora"};
    m.hardware = {"ampere", "cpu"};
    m.pairs = {{"apc", "cp", CellValue::yes, {}, {}},
               {"lora", "cp", CellValue::no, {"https://github.com/vllm-project/vllm/pull/9057"}, {}},
               {"lora", "apc", CellValue::partial, {}, {"*"}}};
    m.support = {{"cp", "ampere", CellValue::yes, {}, {}},   {"apc", "ampere", CellValue::unknown, {}, {}},
                 {"lora", "ampere", CellValue::yes, {}, {}}, {"cp", "cpu", CellValue::no, {}, {}},
                 {"apc", "cpu", CellValue::blank, {}, {}},   {"lora", "cpu", CellValue::no, {}, {}}};
    m.reindex();
    return m;
}
}  // namespace

TEST_CASE("a valid configuration lists the uncertain cells it relies on as risks") {
    Matrix m = small_matrix();
    CheckResult r = check_configuration(m, "ampere", {"apc", "lora"}, Policy{});
    CHECK(r.valid);
    REQUIRE(r.risks.size() == 2);
    CHECK(r.risks[0].kind == CellRef::Kind::support);
    CHECK(r.risks[0].row == "apc");
    CHECK(r.risks[1].row == "lora");
    CHECK(r.risks[1].column == "apc");
    CHECK(r.risks[1].marks == std::vector<std::string>{"*"});
}

TEST_CASE("every violated cell is reported, in document order") {
    Matrix m = small_matrix();
    CheckResult r = check_configuration(m, "cpu", {"lora", "cp"}, Policy{});
    CHECK_FALSE(r.valid);
    REQUIRE(r.violations.size() == 3);
    CHECK(r.violations[0].row == "cp");
    CHECK(r.violations[1].row == "lora");
    CHECK(r.violations[2].kind == CellRef::Kind::pair);
    CHECK(r.violations[2].links.front() == "https://github.com/vllm-project/vllm/pull/9057");
}

TEST_CASE("strict policies turn risks into violations; blank cells are never either") {
    Matrix m = small_matrix();
    Policy strict{true, true};
    CheckResult r = check_configuration(m, "ampere", {"apc", "lora"}, strict);
    CHECK_FALSE(r.valid);
    CHECK(r.violations.size() == 2);
    CHECK(r.risks.empty());
    CHECK(check_configuration(m, "cpu", {"apc"}, strict).valid);
    CHECK(check_configuration(m, "ampere", {"apc"}, Policy{true, false}).risks.size() == 1);
}

TEST_CASE("names the matrix lacks are usage errors") {
    Matrix m = small_matrix();
    CHECK_THROWS_AS(check_configuration(m, "tpu", {"cp"}, Policy{}), UsageError);
    CHECK_THROWS_AS(check_configuration(m, "ampere", {"sd"}, Policy{}), UsageError);
}
