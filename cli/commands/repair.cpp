// planner repair: the smallest change that makes a configuration valid.
#include "cli/commands/command.hpp"
#include "cli/commands/versions.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_repair_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = add_question_command(app, Question::repair);
    add_plan_basics(*command, *flags);
    add_any_version_flag(*command, *flags);
    add_name_list_option(*command, "--have", flags->request.have, "the features on now")->required();
    add_name_list_option(*command, "--keep", flags->request.keep, "features whose state must not change");
    add_weight_option(*command, flags->request);
    add_policy_flags(*command, flags->request);
    command->add_flag("--allow-hw", flags->request.allow_hardware_change,
                      "allow switching the hardware class");
    command->add_option("--hw-cost", flags->request.hardware_cost,
                        "cost of a hardware switch against one feature toggle (default 1; needs --allow-hw)")
        ->type_name("N")
        ->check(non_empty_value());
    flags->request.limit = "10";
    command->add_option("--limit", flags->request.limit,
                        "list at most N of the repairs that share the smallest cost (default 10, 0: all)")
        ->type_name("N");
    add_timeout_option(*command, flags->request);
    add_format_option(*command, *flags);
    command->footer(example_footer({"planner repair --hw ampere --have lora,sd,cp --keep lora",
                                    "planner repair --hw volta --have cp,apc --allow-hw --hw-cost 2"}));
    commands.push_back(plan_command_entry(command, Question::repair, flags));
}

}  // namespace planner::cli
