// planner enumerate: every inclusion-maximal valid feature set.
#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_enumerate_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::enumerate);
    add_plan_flags(*command, PlanCommand::enumerate, *flags);
    command->footer(example_footer({"planner enumerate --hw hopper --must lora --limit 5"}));
    commands.push_back(plan_command_entry(command, Question::enumerate, flags));
}

}  // namespace planner::cli
