// --format for the commands whose answer is a plan (maximize, repair, enumerate).
#include "cli/plan_command.hpp"

namespace planner::cli {

void add_format_option(CLI::App& command, PlanFlags& flags) {
    command
        .add_option("--format", flags.format,
                    "text (default) or vllm-args: the plan as a `vllm serve` command line of the "
                    "matrix's vLLM release; with --json, a \"vllm_args\" object beside each plan")
        ->type_name("FMT")
        ->check(CLI::IsMember({"text", "vllm-args"}));
}

}  // namespace planner::cli
