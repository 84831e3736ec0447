// planner maximize: the best valid feature set on one hardware class.
#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_maximize_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::maximize);
    add_plan_flags(*command, PlanCommand::maximize, *flags);
    command->footer(example_footer({"planner maximize --hw a100 --must lora --prefer cp,apc",
                                    "planner maximize --hw ampere --must lora,sd   # infeasible: exit 1"}));
    commands.push_back(plan_command_entry(command, Question::maximize, flags));
}

}  // namespace planner::cli
