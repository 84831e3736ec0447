#pragma once
// The flags of the planning commands, one row each: the option the command
// line registers, the key a batch line gives, the Request field the library's
// messages name, the commands that take it, its help. CLI11's options are
// registered from these rows; help, the man page, completion and the
// did-you-mean of a mistyped flag are read back from CLI11 (command_tree.hpp);
// batch checks and sets its keys from the same rows (batch_request.cpp).
#include <CLI/CLI.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <planner/question.hpp>

#include "cli/flags/plan_flags.hpp"

namespace planner::cli {

// The commands that plan: the five questions and `versions`, as bits of a set.
enum class PlanCommand : unsigned {
    maximize = 1u << 0,
    repair = 1u << 1,
    check = 1u << 2,
    explain = 1u << 3,
    enumerate = 1u << 4,
    versions = 1u << 5,
};
using PlanCommands = unsigned;
PlanCommand plan_command_of(Question question);

// What a flag takes, on the command line and as a batch value.
enum class FlagValue {
    on_off,    // --strict; true or false
    text,      // --hw ampere; a string
    count,     // --limit 5; a whole number up to `most` (kept as text: build_request reads it)
    choice,    // --format vllm-args; one of `choices`
    names,     // --must lora,sd (repeatable); a list of names or one comma string
    weights,   // --weight lora=3 (repeatable); {"lora": 3}, each a whole number up to `most`
    settings,  // --set NAME=VALUE (repeatable); {"NAME": VALUE}
};

// Where a row's value goes in PlanFlags: one of the three, by `value`.
struct FlagTarget {
    bool& (*on_off)(PlanFlags&) = nullptr;
    std::string& (*text)(PlanFlags&) = nullptr;  // text, count, choice
    std::vector<std::string>& (*list)(PlanFlags&) = nullptr;
};

struct FlagRow {
    std::string_view name;       // "--must"
    std::string_view batch_key;  // "must"; "" where a batch line cannot say it (--json: batch answers in JSON)
    std::string_view field;      // the Request member it sets, as library errors name it; "" for none
    PlanCommands commands;       // the commands that take it
    FlagValue value;
    std::string_view type_name;  // "F,.."; "" for on_off and choice (choices give it)
    std::string help;
    FlagTarget target;
    bool required = false;                     // on the command line and in a batch line
    std::string_view missing = {};             // a batch line without the required key is told this
    std::string_view empty_refusal = {};       // non-empty: what an empty value is told
    std::vector<std::string> choices = {};     // for FlagValue::choice
    std::vector<std::string> batch_choices = {};  // what a batch line may give instead (its answer is JSON anyway)
    std::string_view initial = {};             // the value the command starts from, when not the struct's
    std::string_view batch_alias = {};         // a second spelling of batch_key kept from earlier releases
    unsigned long most = 0;                    // for count and weights: the largest number the flag takes
};

// Every row, in the order each command's help lists them.
std::span<const FlagRow> flag_rows();
bool takes(const FlagRow& row, PlanCommand command);
// The row of `name` that `command` takes; nullptr when it takes none.
const FlagRow* flag_row(std::string_view name, PlanCommand command);

// Registers every row `command` takes, in table order, bound to `flags`, and
// sets the rows' initial values.
void add_plan_flags(CLI::App& app, PlanCommand command, PlanFlags& flags);

// The first row named `name`, registered on a command that keeps its own
// flags (graph, matrix show, features): the same spelling, help and checks.
CLI::Option* add_table_flag(CLI::App& app, std::string_view name, bool& target);
CLI::Option* add_table_option(CLI::App& app, std::string_view name, std::string& target);
CLI::Option* add_table_option(CLI::App& app, std::string_view name, std::vector<std::string>& target);

// The initial values of `command`'s rows (repair's --limit 10): a batch line
// starts from them as the command line does.
void set_initial_values(PlanCommand command, PlanFlags& flags);

}  // namespace planner::cli
