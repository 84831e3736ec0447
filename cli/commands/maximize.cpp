// planner maximize: the best valid feature set on one hardware class.
#include "cli/commands/command.hpp"
#include "cli/commands/versions.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_maximize_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::maximize);
    add_plan_basics(*command, *flags);
    add_any_version_flag(*command, *flags);
    add_name_list_option(*command, "--must", flags->request.must, "features that must be on");
    add_name_list_option(*command, "--never", flags->request.never, "features that must be off");
    add_name_list_option(*command, "--prefer", flags->request.prefer,
                         "features in priority order, each worth more than all later ones together");
    add_weight_option(*command, flags->request);
    add_policy_flags(*command, flags->request);
    command->add_flag("--allow-hw", flags->request.allow_hardware_change,
                      "when infeasible, also suggest other hardware classes");
    add_timeout_option(*command, flags->request);
    add_format_option(*command, *flags);
    command->add_flag("--explain-order", flags->explain_order,
                      "print the order of the optimisation criteria");
    command->footer(example_footer({"planner maximize --hw a100 --must lora --prefer cp,apc",
                                    "planner maximize --hw ampere --must lora,sd   # infeasible: exit 1"}));
    commands.push_back(plan_command_entry(command, Question::maximize, flags));
}

}  // namespace planner::cli
