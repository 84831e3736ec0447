#pragma once
// `--format vllm-args`: a plan as the `vllm serve` command line of the vLLM
// release its matrix comes from, with what a flag cannot say (values to fill
// in, per-request parameters, what the model must be) listed beside it.
#include <string>

#include <planner/vllm_args.hpp>

#include "cli/render/report.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"

namespace planner::cli {

// The tokens of the vLLM release of `matrix` for `plan`; UsageError when no
// release series covers the matrix id.
VllmArgs plan_vllm_args(const Plan& plan, const Matrix& matrix);

// `vllm serve '<MODEL>' --flag ...`, each token quoted for a POSIX shell.
std::string vllm_serve_line(const VllmArgs& args);

// {"vllm", "command", "argv", "flags", "placeholders", "request_parameters",
//  "model_properties", "notes"}
ordered_json vllm_args_json(const VllmArgs& args);

// Adds "vllm_args" next to each plan of the document: at the top for
// maximize and repair when there is a plan (ok, timeout), in every item of
// "plans" for enumerate. Other documents stay as they are.
void add_vllm_args_json(ordered_json& document, const Report& report);

// The text answer with --format vllm-args; an answer without a plan
// (infeasible) is the usual text report, which says why.
std::string render_vllm_args_text(const Report& report, const Style& style);

}  // namespace planner::cli
