// planner batch: one JSON request per line on stdin, one JSON answer per line
// on stdout, in order, flushed after each. One engine (one Z3 context) and one
// copy of each matrix serve the whole stream: an autotuner pays the start-up
// once, not per question.
#include <iostream>
#include <map>

#include "cli/batch_request.hpp"
#include "cli/command.hpp"
#include "cli/json_line.hpp"
#include "cli/process_engine.hpp"
#include "cli/render_json.hpp"
#include "cli/render_vllm_args.hpp"
#include "model/error.hpp"
#include "model/limits.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

namespace {

// One line of stdin without its "\n" (and "\r"). A line longer than `cap` is
// read to its end but not kept, so one runaway line costs no memory and the
// stream goes on with the next. False at the end of input.
bool next_line(std::streambuf& in, size_t cap, std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (int c = in.sbumpc(); c != std::char_traits<char>::eof(); c = in.sbumpc()) {
        any = true;
        if (c == '\n') break;
        if (line.size() < cap) line.push_back(static_cast<char>(c));
        else too_long = true;
    }
    if (!too_long && !line.empty() && line.back() == '\r') line.pop_back();
    return any;
}

bool is_blank(const std::string& line) {
    return line.find_first_not_of(" \t") == std::string::npos;
}

Result call_engine(Engine& engine, const std::string& command, const Matrix& matrix, const Request& request) {
    if (command == "maximize") return engine.maximize(matrix, request);
    if (command == "repair") return engine.repair(matrix, request);
    if (command == "check") return engine.check(matrix, request);
    if (command == "explain") return engine.explain(matrix, request);
    return engine.enumerate(matrix, request);
}

class BatchSession {
public:
    ordered_json answer(const BatchRequest& request) {
        const Matrix& matrix = matrix_for(request.flags);
        Report report;
        report.command = request.command;
        report.matrix = &matrix;
        report.request = build_request(request.flags.request, matrix);
        report.matrix_arg = request.flags.matrix;
        report.result = call_engine(process_engine(), request.command, matrix, report.request);
        if (report.result.status == Status::error)
            std::cerr << "planner: internal error: " << report.result.message
                      << "\nThis is a bug in planner, not in your request; please report it with the "
                         "request line.\n";
        ordered_json document = report_json(report);
        if (request.flags.format == "vllm-args") add_vllm_args_json(document, report);
        return document;
    }

private:
    // Keyed by "matrix" as the request spells it ("" = the default) and its
    // overlays; a load that fails is not kept, so every line asking for it
    // gets the message.
    const Matrix& matrix_for(const PlanFlags& flags) {
        std::string key = flags.matrix;
        for (const auto* list : {&flags.overlay.files, &flags.overlay.assume}) {
            key.push_back('\n');
            for (const std::string& item : *list) key.append(item).push_back('\x1f');
        }
        auto found = matrices_.find(key);
        if (found == matrices_.end()) {
            const Matrix& base = base_matrix(flags.matrix);
            found = matrices_.emplace(key, has_overlay(flags.overlay) ? apply_overlay_flags(flags.overlay, base) : base).first;
        }
        return found->second;
    }

    const Matrix& base_matrix(const std::string& id) {
        auto found = base_matrices_.find(id);
        if (found == base_matrices_.end()) found = base_matrices_.emplace(id, load_matrix(id)).first;
        return found->second;
    }

    std::map<std::string, Matrix> base_matrices_, matrices_;
};

int run_batch() {
    BatchSession session;
    std::streambuf& in = *std::cin.rdbuf();
    std::string line;
    bool too_long = false;
    for (size_t number = 1; next_line(in, limits::kMaxBatchLineBytes, line, too_long); ++number) {
        if (!too_long && is_blank(line)) continue;
        BatchRequest request;
        ordered_json document;
        std::string where = "line ";
        where.append(std::to_string(number)).append(": ");
        try {
            if (too_long)
                throw InputError(std::string("longer than ")
                                     .append(limits::describe_bytes(limits::kMaxBatchLineBytes))
                                     .append(", the most a request line may be"));
            parse_batch_request(line, request);
            document = session.answer(request);
        } catch (const std::exception& e) {
            const bool known = dynamic_cast<const UsageError*>(&e) || dynamic_cast<const InputError*>(&e);
            std::string message = where;
            if (!known) message.append("internal error: ");
            message.append(e.what());
            std::cerr << "planner: " << message << "\n";
            document = error_json(request.command.empty() ? "batch" : request.command, message);
        }
        std::cout << json_line_with_id(request.id, document) << '\n' << std::flush;
    }
    return 0;
}

}  // namespace

void add_batch_command(CLI::App& app, Commands& commands) {
    CLI::App* command = app.add_subcommand(
        "batch", "answer JSON requests, one per line on stdin, with JSON lines on stdout (for autotuners)");
    command->footer(
        "Each line is one request, e.g.\n"
        "  {\"id\": 7, \"cmd\": \"maximize\", \"hw\": \"a100\", \"must\": [\"lora\"], \"never\": [], \"prefer\": [],\n"
        "   \"weights\": {\"cp\": 2}, \"matrix\": \"vllm-0.8-zh\", \"strict\": false, \"timeout_ms\": 1000}\n"
        "cmd: maximize, repair, check, explain or enumerate; the other keys are the command's flags\n"
        "without dashes (hw, matrix, must, never, prefer, weights, have, keep, strict, forbid_partial,\n"
        "forbid_unknown, assume, overlay, allow_hw, hw_cost, limit, timeout_ms, format: \"json\" or\n"
        "\"vllm-args\"); --any-version has no batch form.\n"
        "Each answer is the document `planner CMD --json` prints, on one line, with \"id\" first. A bad\n"
        "line gets {\"id\", ..., \"status\": \"error\", \"error\": \"line N: ...\"} and the stream goes on;\n"
        "blank lines are skipped; the exit code is 0 at the end of input.\n" +
        example_footer({"printf '%s\\n' '{\"id\": 1, \"cmd\": \"check\", \"hw\": \"h100\", \"have\": [\"lora\", \"cp\"]}' | planner batch"}));
    commands.push_back({command, "batch", [] { return run_batch(); }});
}

}  // namespace planner::cli
