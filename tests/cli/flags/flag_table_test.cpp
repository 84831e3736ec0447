// The flag table (cli/flags/flag_table.hpp) is the one list of the planning
// commands' flags: what CLI11 registers, what batch lines take and what the
// library's questions read all agree with it.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <planner/error.hpp>
#include <planner/question.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/batch_request.hpp"
#include "cli/flags/command_tree.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/request_fields.hpp"

using namespace planner;
using namespace planner::cli;

namespace {

struct PlanningCommand {
    std::string name;
    PlanCommand command;
};

const std::vector<PlanningCommand> planning_commands = {
    {"maximize", PlanCommand::maximize}, {"repair", PlanCommand::repair},
    {"check", PlanCommand::check},       {"explain", PlanCommand::explain},
    {"enumerate", PlanCommand::enumerate}, {"versions", PlanCommand::versions},
};

// The command specs of a program that has every command, as help reads them.
std::vector<CommandSpec> registered_specs(CLI::App& app, Commands& commands) {
    add_maximize_command(app, commands);
    add_repair_command(app, commands);
    add_check_command(app, commands);
    add_explain_command(app, commands);
    add_enumerate_command(app, commands);
    add_versions_command(app, commands);
    return command_specs(app);
}

// A value of the kind the row takes, as a batch line writes it.
nlohmann::json sample_value(const FlagRow& row) {
    switch (row.value) {
    case FlagValue::on_off: return true;
    case FlagValue::count: return 3;
    case FlagValue::choice: return row.batch_choices.empty() ? row.choices.back() : row.batch_choices.back();
    case FlagValue::names: return nlohmann::json::array({"x", "y"});
    case FlagValue::weights: return {{"x", 2}};
    case FlagValue::settings: return {{"x", "y"}};
    case FlagValue::text: return "x";
    }
    return nullptr;
}

std::string batch_error(std::string_view line) {
    BatchRequest request;
    try {
        parse_batch_request(line, request);
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

std::string batch_error_of(const nlohmann::json& line) { return batch_error(std::string_view(line.dump())); }

}  // namespace

TEST_CASE("each planning command registers exactly the rows it takes, in table order, with their help") {
    CLI::App app;
    Commands commands;
    const std::vector<CommandSpec> specs = registered_specs(app, commands);
    for (const PlanningCommand& planning : planning_commands) {
        CAPTURE(planning.name);
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const CommandSpec& s) { return s.path == planning.name; });
        REQUIRE(spec != specs.end());
        std::vector<const FlagRow*> rows;
        for (const FlagRow& row : flag_rows())
            if (takes(row, planning.command)) rows.push_back(&row);
        std::vector<OptionSpec> options;
        for (const OptionSpec& option : spec->options)
            if (option.names.front() != "-h") options.push_back(option);
        REQUIRE(options.size() == rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(rows[i]->name);
            CHECK(options[i].names.back() == rows[i]->name);
            CHECK(options[i].description == rows[i]->help);
            CHECK(options[i].required == rows[i]->required);
            if (rows[i]->value == FlagValue::on_off) CHECK(options[i].value == ValueKind::none);
            else if (rows[i]->value == FlagValue::choice) CHECK(options[i].choices == rows[i]->choices);
            else CHECK(options[i].type_name == rows[i]->type_name);
        }
    }
}

TEST_CASE("no command takes two rows of one name") {
    for (const PlanningCommand& planning : planning_commands)
        for (const FlagRow& row : flag_rows()) {
            if (!takes(row, planning.command)) continue;
            CAPTURE(planning.name);
            CAPTURE(row.name);
            CHECK(flag_row(row.name, planning.command) == &row);
        }
}

TEST_CASE("a batch line takes exactly the batch keys of its question's rows, by the rows' kinds") {
    for (const QuestionInfo& question : questions()) {
        CAPTURE(question.name);
        const PlanCommand command = plan_command_of(question.question);
        // The smallest line the question accepts: its required keys.
        nlohmann::json base = {{"cmd", question.name}};
        for (const FlagRow& row : flag_rows())
            if (takes(row, command) && row.required) base[std::string(row.batch_key)] = sample_value(row);
        CHECK(batch_error_of(base) == "");
        for (const FlagRow& any_row : flag_rows()) {
            // The row of this name that the question's command takes, if any.
            const FlagRow* row = flag_row(any_row.name, command);
            CAPTURE(any_row.name);
            const std::string key =
                any_row.batch_key.empty() ? std::string(any_row.name.substr(2)) : std::string(any_row.batch_key);
            nlohmann::json line = base;
            line[key] = sample_value(any_row);
            if (!row || row->batch_key.empty()) {
                CHECK(batch_error_of(line).find("is not a key of " + std::string(question.name)) != std::string::npos);
                continue;
            }
            CHECK(batch_error_of(line) == "");
            // A value of the wrong kind is refused with the key's name.
            line[key] = nlohmann::json::array({nlohmann::json::array()});
            CHECK(batch_error_of(line).starts_with("\"" + key + "\""));
            if (row->required) {
                nlohmann::json without = base;
                without.erase(key);
                CHECK(batch_error_of(without) == "no \"" + key + "\": " + std::string(row->missing));
            }
        }
    }
}

TEST_CASE("a batch value lands where the flag's value does") {
    BatchRequest request;
    parse_batch_request(R"({"cmd": "repair", "hw": "ampere", "have": ["lora"], "weights": {"lora": 3},)"
                        R"( "hw_cost": 4, "strict": true, "set": {"n": 2}})",
                        request);
    CHECK(request.flags.request.hardware == "ampere");
    CHECK(request.flags.request.have == std::vector<std::string>{"lora"});
    CHECK(request.flags.request.weights == std::vector<std::string>{"lora=3"});
    CHECK(request.flags.request.hardware_cost == "4");
    CHECK(request.flags.request.strict);
    CHECK(request.flags.rules.set == std::vector<std::string>{"n=2"});
    // repair's --limit starts from 10 on the command line and in batch alike.
    CHECK(request.flags.request.limit == "10");
    CHECK(batch_error(R"({"cmd": "repair", "hw": "ampere", "have": "lora", "weight": {"lora": 1}, "weights": {}})") ==
          "\"weight\" and \"weights\" are the same key; give one");
    CHECK(batch_error(R"({"cmd": "maximize", "hw": ""})").starts_with("\"hw\": the value is empty"));
    CHECK(batch_error(R"({"cmd": "maximize", "hw": "ampere", "format": "svg"})") ==
          "\"format\" must be \"json\" or \"vllm-args\", not \"svg\"");
}

TEST_CASE("every Request field a question reads is set by a row its command takes") {
    for (const QuestionInfo& question : questions()) {
        CAPTURE(question.name);
        for (std::string_view field : question.fields) {
            // The policy comes from three flags and missing_column from --hw-as or none.
            if (field == "policy" || field == "missing_column") continue;
            CAPTURE(field);
            const auto row = std::find_if(flag_rows().begin(), flag_rows().end(), [&](const FlagRow& r) {
                return r.field == field && takes(r, plan_command_of(question.question));
            });
            CHECK(row != flag_rows().end());
            CHECK(flag_of_field(field) == (row != flag_rows().end() ? row->name : ""));
        }
    }
}
