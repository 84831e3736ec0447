// planner import: a matrix document in, the canonical planner-matrix/1 JSON out.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <planner/error.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/output/safe_output.hpp"
#include "cli/output/stdout_guard.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "model/import/importer.hpp"
#include "model/import/page_history.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"
#include "model/io/user_file.hpp"

namespace planner::cli {

namespace {

struct ImportFlags {
    std::string document, output, id;
    bool json = false;
    bool strict_labels = false;  // --strict-labels
    bool output_given = false;  // -o '' is a mistake to report, not "stdout"
    bool id_given = false;      // --id '' too: a script's unset variable, not "derive one"
};

// Whether `path` is the file stdout points at (/dev/stdout, /proc/self/fd/1,
// or the file stdout was redirected to): then the matrix is stdout's one
// document, and a summary after it would make two.
bool is_stdout(const std::string& path) {
    struct stat target {}, out {};
    return ::stat(path.c_str(), &target) == 0 && ::fstat(STDOUT_FILENO, &out) == 0 &&
           target.st_dev == out.st_dev && target.st_ino == out.st_ino;
}

// DOC is a directory of page states (SOURCES.tsv and the files it lists):
// one file per distinct matrix, OUTDIR/ID.json, each listing its states.
int run_history_import(const ImportFlags& flags) {
    if (flags.id_given)
        throw UsageError("--id: a directory of page states names each matrix by its first state's date "
                         "(vllm-docs-YYYY-MM-DD); leave --id out");
    if (!flags.output_given)
        throw UsageError("-o: a directory of page states gives one matrix file per distinct matrix; give -o DIR, "
                         "the directory to write them to");
    std::error_code error;
    if (!std::filesystem::is_directory(flags.output, error))
        throw UsageError("-o " + flags.output + ": not a directory; with a directory of page states, -o names the "
                         "directory the matrix files go to (create it first)");
    if (std::filesystem::equivalent(flags.output, flags.document, error))
        throw UsageError("-o " + flags.output + " is the directory being read; write the matrices to another one");
    ImportOptions options;
    options.strict_labels = flags.strict_labels;
    const PageHistory history = import_page_history(flags.document, options);
    // Every target is looked at before the first is written, so that one that
    // cannot be replaced (a directory, a FIFO) leaves all the others as they were.
    std::vector<std::string> written;
    for (const Matrix& matrix : history.matrices) {
        const std::string path = (std::filesystem::path(flags.output) / (matrix.id + ".json")).string();
        struct stat target {};
        if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode))
            throw InputError(path + ": cannot write: it is " + std::string(file_kind_name(target.st_mode)) +
                             ", which is never replaced; nothing was written");
        written.push_back(path);
    }
    print_import_notes(history.notes);
    for (size_t i = 0; i < written.size(); ++i)
        write_output_file(written[i], matrix_to_json(history.matrices[i]), "-o", {flags.document});
    if (flags.json) {
        ordered_json out = result_head("import", "ok");
        out["states"] = history.states;
        ordered_json files = ordered_json::array();
        for (size_t i = 0; i < written.size(); ++i)
            files.push_back({{"matrix", history.matrices[i].id},
                             {"states", history.matrices[i].states.size()},
                             {"output", written[i]}});
        out["matrices"] = std::move(files);
        out["notes"] = history.notes;
        std::cout << dump_json(out);
    } else {
        std::cerr << "planner: wrote " << written.size() << " matrices for " << history.states << " page states to "
                  << flags.output << " (" << history.matrices.front().id << " ... " << history.matrices.back().id
                  << ")\n";
    }
    return 0;
}

int run_import(const ImportFlags& flags) {
    // A directory is a page history when it holds the table of states; any
    // other is refused below as a document that is not a regular file.
    std::error_code no_table;
    if (std::filesystem::is_directory(flags.document, no_table) &&
        std::filesystem::exists(std::filesystem::path(flags.document) / kPageHistoryTable, no_table))
        return run_history_import(flags);
    if (flags.id_given && flags.id.empty())
        throw UsageError("--id must not be empty: give the matrix id to record (vllm-0.9), or leave --id out "
                         "to derive it from the document");
    ImportOptions options;
    options.id = flags.id;
    options.strict_labels = flags.strict_labels;
    std::string file_name = std::filesystem::path(flags.document).filename().string();
    const std::string document = read_user_file(flags.document, limits::kMaxDocumentBytes, "document");
    ImportResult imported = import_document(document, file_name, options);
    print_import_notes(imported.notes);
    std::string text = matrix_to_json(imported.matrix);
    if (!flags.output_given) {
        std::cout << text;  // already one JSON document, with or without --json
        return 0;
    }
    const bool output_is_stdout = is_stdout(flags.output);
    write_output_file(flags.output, text, "-o", {flags.document});
    if (output_is_stdout) return 0;
    if (flags.json) {
        ordered_json out = result_head("import", "ok");
        out["matrix"] = imported.matrix.id;
        out["source"] = imported.matrix.source;
        out["sha256"] = imported.matrix.sha256;
        out["output"] = flags.output;
        out["notes"] = imported.notes;
        std::cout << dump_json(out);
        if (!stdout_is_writable())
            std::cerr << "planner: " << flags.output << " was written; only this summary could not be\n";
    } else {
        // A confirmation, not the answer: stdout stays free for the reader
        // of the file, and a stdout that cannot take it fails nothing.
        std::cerr << "planner: wrote " << flags.output << " (matrix " << imported.matrix.id << ", "
                  << imported.matrix.features.size() << " features, " << imported.matrix.hardware.size()
                  << " hardware classes)\n";
    }
    return 0;
}

}  // namespace

void add_import_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<ImportFlags>();
    CLI::App* command = app.add_subcommand(
        "import", "read a compatibility-matrix document (Markdown, reStructuredText, MyST) and "
                  "print its canonical JSON");
    command->add_option("DOC", flags->document,
                        "the document to read, or a directory of page states (SOURCES.tsv and the pages it lists)")
        ->required()
        ->type_name("FILE|DIR");
    command->add_option("-o,--output", flags->output,
                        "write the JSON to FILE instead of stdout (for a directory of page states: the directory "
                        "to write one file per distinct matrix to)")
        ->type_name("FILE")
        ->each([flags](const std::string&) { flags->output_given = true; });
    command->add_option("--id", flags->id, "matrix id to record (default: derived from the document)")
        ->type_name("ID")
        ->each([flags](const std::string&) { flags->id_given = true; });
    add_table_flag(*command, "--strict-labels", flags->strict_labels);
    add_table_flag(*command, "--json", flags->json);
    command->footer(example_footer({"planner import compatibility_matrix.rst -o data/vllm-0.6.json --id vllm-0.6"}));
    commands.push_back({command, "import", [flags] { return run_import(*flags); }});
}

}  // namespace planner::cli
