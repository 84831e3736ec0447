// planner enumerate: every inclusion-maximal valid feature set.
#include "cli/commands/command.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_enumerate_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::enumerate);
    add_plan_basics(*command, *flags);
    add_name_list_option(*command, "--must", flags->request.must, "features that must be on");
    add_name_list_option(*command, "--never", flags->request.never, "features that must be off");
    add_policy_flags(*command, flags->request);
    command->add_option("--limit", flags->request.limit, "print at most N sets (0: all)")->type_name("N");
    add_timeout_option(*command, flags->request);
    add_format_option(*command, *flags);
    command->footer(example_footer({"planner enumerate --hw hopper --must lora --limit 5"}));
    commands.push_back(plan_command_entry(command, Question::enumerate, flags));
}

}  // namespace planner::cli
