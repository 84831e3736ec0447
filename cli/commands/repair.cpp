// planner repair: the smallest change that makes a configuration valid.
#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_repair_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::repair);
    add_plan_flags(*command, PlanCommand::repair, *flags);
    command->footer(example_footer({"planner repair --hw ampere --have lora,sd,cp --keep lora",
                                    "planner repair --hw volta --have cp,apc --allow-hw --hw-cost 2"}));
    commands.push_back(plan_command_entry(command, Question::repair, flags));
}

}  // namespace planner::cli
