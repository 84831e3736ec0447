// --format for the commands whose answer is a plan (maximize, repair, enumerate).
#include "cli/flags/choice_option.hpp"
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_format_option(CLI::App& command, PlanFlags& flags) {
    restrict_to(command.add_option("--format", flags.format,
                                   "text (default) or vllm-args: the plan as a `vllm serve` command line of the "
                                   "matrix's vLLM release; with --json, a \"vllm_args\" object beside each plan"),
                {"text", "vllm-args"});
}

}  // namespace planner::cli
