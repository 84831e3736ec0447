// The shipped matrices (data/*.json): the card's own example and maximize on
// every hardware column against the brute-force planner.
#include <doctest/doctest.h>

#include <algorithm>

#include <planner/engine.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>

#include "brute_force.hpp"

using namespace planner;

TEST_CASE("there are shipped matrices to test") { CHECK(shipped_matrices().size() >= 2); }

TEST_CASE("the card's example: --hw ampere --must lora,sd on every shipped matrix") {
    Engine engine;
    for (const ShippedMatrix& shipped : shipped_matrices()) {
        CAPTURE(shipped.id);
        Matrix matrix = load_matrix(shipped.id);
        Request request;
        request.hardware = "ampere";
        request.must = {"lora", "sd"};
        Result result = engine.maximize(matrix, request);
        REQUIRE(result.status == Status::infeasible);
        REQUIRE(result.conflicts.size() == 1);
        CHECK(result.conflicts[0].requirements ==
              std::vector<Requirement>{{Requirement::Kind::must, "lora"}, {Requirement::Kind::must, "sd"}});
        REQUIRE(result.conflicts[0].cells.size() == 1);
        const CellRef& cell = result.conflicts[0].cells[0];
        CHECK(cell.kind == CellRef::Kind::pair);
        CHECK(cell.value == CellValue::no);
        CHECK(((cell.row == "sd" && cell.column == "lora") || (cell.row == "lora" && cell.column == "sd")));
        CHECK(cell.links == matrix.pair("lora", "sd")->links);

        REQUIRE(result.alternatives.size() == 2);
        CHECK(result.alternatives[0].dropped == std::vector<std::string>{"lora"});
        CHECK(result.alternatives[1].dropped == std::vector<std::string>{"sd"});
        for (const Alternative& alternative : result.alternatives) {
            const Plan& plan = alternative.plan;
            CHECK(check_configuration(matrix, plan.hardware, plan.features, request.policy).valid);
            const std::string kept = alternative.dropped[0] == "lora" ? "sd" : "lora";
            CHECK(std::find(plan.features.begin(), plan.features.end(), kept) != plan.features.end());
        }
    }
}

TEST_CASE("maximize on every hardware column of every shipped matrix matches brute force") {
    Engine engine;
    for (const ShippedMatrix& shipped : shipped_matrices()) {
        Matrix matrix = load_matrix(shipped.id);
        for (bool strict : {false, true}) {
            Policy policy{strict, strict};
            brute::Planner brute(matrix, policy);
            for (const std::string& hardware : matrix.hardware) {
                CAPTURE(shipped.id);
                CAPTURE(hardware);
                CAPTURE(strict);
                Request request;
                request.hardware = hardware;
                request.policy = policy;
                Result result = engine.maximize(matrix, request);
                brute::MaximizeAnswer expected = brute.maximize(request);
                REQUIRE(expected.best.feasible);
                REQUIRE(result.status == Status::ok);
                CHECK(result.plan.features == brute.names_of(expected.best.set));
                CHECK(brute.score(request, result.plan.features, hardware) == expected.best.criteria);
            }
        }
    }
}

TEST_CASE("the library plans for a class without a column only when told how, and says how") {
    Engine engine;
    const Matrix matrix = load_matrix("");
    Request request;
    request.hardware = "blackwell";
    CHECK_THROWS_AS(engine.maximize(matrix, request), planner::UsageError);  // refuse is the default

    request.missing_column = planner::MissingColumn::all_unknown;
    Result unknown = engine.maximize(matrix, request);
    REQUIRE(unknown.status == Status::ok);
    REQUIRE(unknown.notes.size() == 1);
    CHECK(unknown.notes[0].find("counts as unknown") != std::string::npos);
    for (const std::string& feature : unknown.plan.features)
        CHECK(std::count_if(unknown.plan.risks.begin(), unknown.plan.risks.end(), [&](const CellRef& cell) {
                  return cell.row == feature && cell.column == "blackwell" && cell.value == CellValue::unknown;
              }) == 1);

    request.missing_column = planner::MissingColumn::borrow;
    request.hardware_as = "hopper";
    Result borrowed = engine.maximize(matrix, request);
    Request hopper;
    hopper.hardware = "hopper";
    CHECK(borrowed.plan.features == engine.maximize(matrix, hopper).plan.features);
    CHECK(borrowed.notes.at(0).find("borrows the hopper column") != std::string::npos);
    request.hardware_as = "tpu";  // no column to borrow either
    CHECK_THROWS_AS(engine.maximize(matrix, request), planner::UsageError);
}
