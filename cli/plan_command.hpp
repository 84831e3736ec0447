#pragma once
// The common path of the planning commands (maximize, repair, check, explain,
// enumerate): load the matrix, resolve the flags into a Request, ask the
// engine, render the Report, map the status to the exit code.
#include <functional>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/overlay_options.hpp"
#include "cli/report.hpp"

namespace planner::cli {

struct PlanFlags {
    RequestFlags request;
    std::string matrix;
    bool json = false;
    bool explain_order = false;
    OverlayFlags overlay;  // --assume, --overlay
    bool any_version = false;          // --any-version (cli/any_version_command.hpp)
    std::vector<std::string> matrices;  // every --matrix given, in order
    std::string format = "text";  // --format: text, or vllm-args (maximize, repair, enumerate)
};

using EngineCall = std::function<Result(Engine&, const Matrix&, const Request&)>;

// Adds --matrix, --json, --hw (required), --assume, --overlay and --any-version to `command`.
void add_plan_basics(CLI::App& command, PlanFlags& flags);

// Adds --format text|vllm-args (defined with the vllm-args renderer).
void add_format_option(CLI::App& command, PlanFlags& flags);

// Runs the engine and prints; returns the exit code. A result that failed the
// engine's re-check (status error) is a bug report on stderr and exit 2.
int run_plan_command(const std::string& name, const PlanFlags& flags, const EngineCall& call);

// Everything run_plan_command resolves before it asks the engine (the matrix,
// the overlay, the request); throws the UsageError or InputError it would.
void check_plan_flags(const std::string& name, const PlanFlags& flags);

// The Command entry of a planning command: `run` answers through `call`,
// `check` is check_plan_flags.
Command plan_command_entry(CLI::App* command, const std::string& name, std::shared_ptr<PlanFlags> flags,
                           EngineCall call);

}  // namespace planner::cli
