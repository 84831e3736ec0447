// planner explain: every minimal set of cells that makes a request impossible.
#include "cli/commands/command.hpp"
#include "cli/commands/versions.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_explain_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::explain);
    add_plan_basics(*command, *flags);
    add_any_version_flag(*command, *flags);
    add_name_list_option(*command, "--must", flags->request.must, "features that must be on");
    add_name_list_option(*command, "--never", flags->request.never, "features that must be off");
    add_policy_flags(*command, flags->request);
    add_timeout_option(*command, flags->request);
    command->footer(example_footer({"planner explain --hw ampere --must lora,sd,cp"}));
    commands.push_back(plan_command_entry(command, Question::explain, flags));
}

}  // namespace planner::cli
