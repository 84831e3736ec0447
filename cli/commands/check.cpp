// planner check: is this exact configuration valid (the fast path for scripts).
#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_check_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::check);
    add_plan_flags(*command, PlanCommand::check, *flags);
    command->footer(example_footer({"planner check --hw h100 --have lora,cp,apc",
                                    "planner check --hw ampere --have lora,sd --json   # invalid: exit 1"}));
    commands.push_back(plan_command_entry(command, Question::check, flags));
}

}  // namespace planner::cli
