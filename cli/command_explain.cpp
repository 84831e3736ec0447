// planner explain: every minimal set of cells that makes a request impossible.
#include "cli/command.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_explain_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<PlanFlags>();
    CLI::App* command = app.add_subcommand(
        "explain", "why a request is impossible: all minimal sets of conflicting cells");
    add_plan_basics(*command, *flags);
    add_name_list_option(*command, "--must", flags->request.must, "features that must be on");
    add_name_list_option(*command, "--never", flags->request.never, "features that must be off");
    add_policy_flags(*command, flags->request);
    add_timeout_option(*command, flags->request);
    command->footer(example_footer({"planner explain --hw ampere --must lora,sd,cp"}));
    commands.push_back(plan_command_entry(command, "explain", flags,
                                          [](Engine& engine, const Matrix& matrix, const Request& request) {
                                              return engine.explain(matrix, request);
                                          }));
}

}  // namespace planner::cli
