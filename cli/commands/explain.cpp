// planner explain: every minimal set of cells that makes a request impossible.
#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_explain_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::explain);
    add_plan_flags(*command, PlanCommand::explain, *flags);
    command->footer(example_footer({"planner explain --hw ampere --must lora,sd,cp"}));
    commands.push_back(plan_command_entry(command, Question::explain, flags));
}

}  // namespace planner::cli
