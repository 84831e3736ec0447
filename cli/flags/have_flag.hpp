#pragma once
// --have in its two forms. `lora,sd` is the exact set of features on, so
// every feature vLLM turns on by default but the list leaves out counts as
// off; `+lora,+sd,-apc` is a change from the defaults of the matrix's vLLM
// release (data/vllm-args.json, "defaults_on"). The answers name the
// defaults a set turns off, whichever form was typed.
#include <string>
#include <vector>

#include <planner/matrix.hpp>

#include "cli/render/report.hpp"

namespace planner::cli {

// Canonical ids: in the order given for the exact form, in matrix order for
// the signed form. `--have ''` is the empty set. Mixing the forms, a sign on
// a matrix whose release defaults are unknown, or +f with -f is a UsageError.
// A default whose cell on `hardware` is "no" is not one there (vLLM leaves
// it off by itself).
std::vector<std::string> resolve_have(const std::vector<std::string>& raw, const Matrix& matrix,
                                      const std::string& hardware);

// The features on by default in the matrix's vLLM release (on `hardware`)
// that `on` leaves off, in matrix order; empty when the release is unknown.
std::vector<std::string> defaults_turned_off(const Matrix& matrix, const std::string& hardware,
                                             const std::vector<std::string>& on);

// Fills report.defaults_release and report.defaults_off from the answer's
// plan (maximize, repair) or the --have set (check).
void describe_defaults_off(Report& report);

}  // namespace planner::cli
