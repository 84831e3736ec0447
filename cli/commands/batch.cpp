// planner batch: one JSON request per line on stdin, one JSON answer per line
// on stdout, in order, flushed after each. One engine (one Z3 context) and one
// copy of each matrix serve the whole stream: an autotuner pays the start-up
// once, not per question.
#include <iostream>
#include <map>

#include <planner/error.hpp>
#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/commands/lru_cache.hpp"
#include "cli/flags/batch_request.hpp"
#include "cli/flags/have_flag.hpp"
#include "cli/flags/request_fields.hpp"
#include "cli/output/stdout_guard.hpp"
#include "cli/process_engine.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/json_line.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/vllm_args_text.hpp"
#include "model/io/limits.hpp"
#include "model/io/user_file.hpp"

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

// nlohmann's parser skips a byte order mark at the start of each line and
// stops reading at a NUL byte, so "\xEF\xBB\xBF{...}" on line 7 and
// "{...}\0garbage" would pass as requests. A BOM belongs before the first line
// of the stream only, and no line of JSON text holds a NUL.
void check_line_bytes(const std::string& line, size_t number) {
    if (number > 1 && line.starts_with("\xEF\xBB\xBF"))
        throw InputError("starts with a byte order mark (U+FEFF); only the first line of the stream may");
    if (const size_t nul = line.find('\0'); nul != std::string::npos)
        throw InputError("a NUL byte at column " + std::to_string(nul + 1) + "; a request line is JSON text");
}

bool is_blank(const std::string& line) {
    return line.find_first_not_of(" \t") == std::string::npos;
}

class BatchSession {
public:
    ordered_json answer(const BatchRequest& request) {
        const Matrix& matrix = matrix_for(request.flags);
        // A copy: the next line's lookup may drop the cache entry.
        const std::vector<std::string> import_notes = base_matrix(request.flags).notes;
        Report report;
        report.question = request.question;
        report.matrix = &matrix;
        report.request = build_request(request.flags.request, matrix);
        apply_rules_flags(request.flags.rules, report.request,
                          [&](const std::string& file) -> const RuleFile& { return rules_file(file); });
        report.rules_args = request.flags.rules.files;
        report.set_args = request.flags.rules.set;
        report.matrix_arg = request.flags.matrix;
        report.hardware_arg = request.flags.request.hardware;
        report.format = request.flags.format.empty() ? "text" : request.flags.format;
        report.assume_args = request.flags.overlay.assume;
        report.overlay_args = request.flags.overlay.files;
        report.result = process_engine().ask(request.question, matrix, report.request);
        std::optional<Matrix> stand_in;
        attach_hardware_context(report, request.flags.request, stand_in);
        attach_import_notes(report, import_notes);
        describe_defaults_off(report);
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
    // gets the message. Both caches are bounded (README, "batch"): a stream
    // of distinct what-ifs reuses memory instead of keeping every matrix.
    const Matrix& matrix_for(const PlanFlags& flags) {
        std::string key = base_matrix_key(flags);
        for (const auto* list : {&flags.overlay.files, &flags.overlay.assume}) {
            key.push_back('\n');
            for (const std::string& item : *list) key.append(item).push_back('\x1f');
        }
        if (!has_overlay(flags.overlay)) return base_matrix(flags).matrix;
        return matrices_.get(key, [&] { return apply_overlay_flags(flags.overlay, base_matrix(flags).matrix); });
    }

    // A document read with and without strict labels is two loads: one may fail.
    static std::string base_matrix_key(const PlanFlags& flags) {
        return flags.strict_labels ? flags.matrix + "\n--strict-labels" : flags.matrix;
    }

    // With the importer's notes, which every answer on the matrix carries.
    const NotedMatrix& base_matrix(const PlanFlags& flags) {
        return base_matrices_.get(base_matrix_key(flags),
                                  [&] { return load_matrix_with_notes(flags.matrix, flags.strict_labels); });
    }

    // Each distinct rules file is read once per session; one that fails to
    // read is not kept, so every line naming it gets the message.
    const RuleFile& rules_file(const std::string& path) {
        auto found = rules_files_.find(path);
        if (found == rules_files_.end()) found = rules_files_.emplace(path, read_rules_file(path)).first;
        return found->second;
    }

    std::map<std::string, RuleFile> rules_files_;
    static constexpr size_t base_matrix_cache_size = 8;
    static constexpr size_t overlaid_matrix_cache_size = 16;
    LruCache<NotedMatrix> base_matrices_{base_matrix_cache_size};
    LruCache<Matrix> matrices_{overlaid_matrix_cache_size};
};

int run_batch() {
    require_open_stdin("batch input");
    check_stdin_is_input("batch input");
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
            check_line_bytes(line, number);
            parse_batch_request(line, request);
            document = session.answer(request);
        } catch (const std::exception& e) {
            const bool known = dynamic_cast<const UsageError*>(&e) || dynamic_cast<const InputError*>(&e);
            std::string message = where;
            if (!known) message.append("internal error: ");
            const auto* request_error = dynamic_cast<const RequestError*>(&e);
            message.append(request_error ? message_in_flags(*request_error) : e.what());
            std::cerr << "planner: " << message << "\n";
            document = error_json(request.command.empty() ? "batch" : request.command, message);
        }
        std::cout << json_line_with_id_text(request.id_text.empty() ? "null" : request.id_text, document) << '\n';
        if (!stdout_is_writable()) {
            const int failed = finish_stdout(2);
            std::cerr << "planner: batch stopped after line " << number << ": its answer could not be written\n";
            return failed;
        }
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
        "   \"weight\": {\"cp\": 2}, \"matrix\": \"vllm-0.8-zh\", \"strict\": false, \"timeout_ms\": 1000}\n"
        "cmd is one of the commands below; the other keys are its flags without dashes (\"weights\" is an\n"
        "alias of \"weight\"; format: \"json\" or \"vllm-args\"; --any-version has no batch form):\n" +
        batch_keys_text() +
        "Each answer is the document `planner CMD --json` prints, on one line, with \"id\" first. A bad\n"
        "line gets {\"id\", ..., \"status\": \"error\", \"error\": \"line N: ...\"} and the stream goes on;\n"
        "blank lines are skipped; the exit code is 0 at the end of input.\n" +
        example_footer({"printf '%s\\n' '{\"id\": 1, \"cmd\": \"check\", \"hw\": \"h100\", \"have\": [\"lora\", \"cp\"]}' | planner batch"}));
    commands.push_back({command, "batch", [] { return run_batch(); }});
}

}  // namespace planner::cli
