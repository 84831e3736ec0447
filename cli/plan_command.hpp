#pragma once
// The common path of the planning commands (maximize, repair, check, explain,
// enumerate): load the matrix, resolve the flags into a Request, ask the
// engine, render the Report, map the status to the exit code.
#include <memory>
#include <optional>
#include <string>

#include "cli/commands/command.hpp"
#include "cli/flags/plan_flags.hpp"
#include "cli/render/report.hpp"

namespace planner::cli {

// After the engine answered: the notes about the --hw name join the result's,
// and when the engine planned on a stand-in column (blackwell), report.matrix
// becomes that matrix (kept in `stand_in`) so that its cells can be shown.
void attach_hardware_context(Report& report, const RequestFlags& flags, std::optional<Matrix>& stand_in);

// The importer's notes on a document read with --matrix DOC (mojibake
// repaired, a table going on after a blank line, a new label): first among
// the answer's notes, so that text and JSON say what the answer rests on.
void attach_import_notes(Report& report, const std::vector<std::string>& notes);

// Runs the engine and prints; returns the exit code. A result that failed the
// engine's re-check (status error) is a bug report on stderr and exit 2.
int run_plan_command(Question question, const PlanFlags& flags);

// Everything run_plan_command resolves before it asks the engine (the matrix,
// the overlay, the request); throws the UsageError or InputError it would.
void check_plan_flags(Question question, const PlanFlags& flags);

// The Command entry of a planning command: `run` asks the engine `question`,
// `check` is check_plan_flags.
Command plan_command_entry(CLI::App* command, Question question, std::shared_ptr<PlanFlags> flags);

// The subcommand of a question: its name and summary from the table of
// questions (include/planner/question.hpp).
CLI::App* add_question_command(CLI::App& app, Question question);

}  // namespace planner::cli
