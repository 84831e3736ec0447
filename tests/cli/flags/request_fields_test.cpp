// The engine's errors name Request fields; the command line says its flags.
#include <doctest/doctest.h>

#include <planner/engine.hpp>
#include <planner/error.hpp>

#include "cli/flags/request_fields.hpp"

using namespace planner;
using namespace planner::cli;

namespace {

Matrix two_feature_matrix() {
    Matrix matrix;
    matrix.id = "tiny";
    matrix.features = {"lora", "sd"};
    matrix.hardware = {"ampere"};
    for (const std::string& feature : matrix.features)
        matrix.support.push_back({feature, "ampere", CellValue::yes, {}, {}});
    matrix.reindex();
    return matrix;
}

// The engine's refusal of `request`, in the command line's words.
std::string cli_message(const Request& request, Question question = Question::maximize) {
    Engine engine;
    try {
        engine.ask(question, two_feature_matrix(), request);
    } catch (const RequestError& error) {
        return message_in_flags(error);
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("engine errors say the flags the command line has always said") {
    Request request;
    request.hardware = "ampere";
    request.must = {"lora"};
    request.never = {"lora"};
    CHECK(cli_message(request) == "'lora' is both --must and --never");
    request = {};
    request.hardware = "hopper";
    CHECK(cli_message(request) == "--hw: hardware 'hopper' has no column in the matrix");
    request.hardware = "ampere";
    request.weights = {{"sd", 2000000}};
    CHECK(cli_message(request).starts_with("--weight sd=2000000: weights must be at most "));
    request = {};
    request.hardware = "ampere";
    request.have = {"lora"};
    request.keep = {"lora"};
    request.never = {"lora"};
    CHECK(cli_message(request, Question::repair) == "--keep lora and --never lora contradict (lora is in --have)");
    request = {};
    request.hardware = "ampere";
    request.hardware_cost = -2;
    CHECK(cli_message(request, Question::repair) == "--hw-cost must be >= 0");
    request = {};
    request.hardware = "ampere";
    request.prefer = {"gguf"};
    CHECK(cli_message(request) == "--prefer: feature 'gguf' is not in the matrix");
}

TEST_CASE("every Request field an error can name has its flag") {
    for (std::string_view field : {"hardware", "must", "never", "prefer", "weights", "have", "keep",
                                   "allow_hardware_change", "hardware_cost", "timeout_ms", "limit", "hardware_as"}) {
        CAPTURE(field);
        CHECK(is_request_field(field));
        CHECK(flag_of_field(field).starts_with("--"));
    }
    CHECK(flag_of_field("weights") == "--weight");
    CHECK(flag_of_field("hardware_as") == "--hw-as");
}

TEST_CASE("a request item is cited as the flag that asked for it") {
    CHECK(requirement_flag({Requirement::Kind::must, "lora"}) == "--must lora");
    CHECK(requirement_flag({Requirement::Kind::never, "sd"}) == "--never sd");
    CHECK(requirement_flag({Requirement::Kind::keep, "apc"}) == "--keep apc");
    CHECK(requirement_flag({Requirement::Kind::have, "cp"}) == "--have cp");
    CHECK(requirement_flag({Requirement::Kind::hardware, "ampere"}) == "--hw ampere");
}
