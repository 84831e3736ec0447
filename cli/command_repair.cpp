// planner repair: the smallest change that makes a configuration valid.
#include "cli/command.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_repair_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command =
        app.add_subcommand("repair", "the smallest change that makes a configuration valid");
    add_plan_basics(*command, *flags);
    add_name_list_option(*command, "--have", flags->request.have, "the features on now")->required();
    add_name_list_option(*command, "--keep", flags->request.keep, "features whose state must not change");
    add_weight_option(*command, flags->request);
    add_policy_flags(*command, flags->request);
    command->add_flag("--allow-hw", flags->request.allow_hardware_change,
                      "allow switching the hardware class");
    command->add_option("--hw-cost", flags->request.hardware_cost,
                        "cost of a hardware switch against one feature toggle (default 1)")
        ->type_name("N");
    add_timeout_option(*command, flags->request);
    add_format_option(*command, *flags);
    command->footer(example_footer({"planner repair --hw ampere --have lora,sd,cp --keep lora",
                                    "planner repair --hw volta --have cp,apc --allow-hw --hw-cost 2"}));
    commands.push_back(plan_command_entry(command, "repair", flags,
                                          [](Engine& engine, const Matrix& matrix, const Request& request) {
                                              return engine.repair(matrix, request);
                                          }));
}

}  // namespace planner::cli
