// planner import: a matrix document in, the canonical planner-matrix/1 JSON out.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/render_json.hpp"
#include "model/error.hpp"
#include "model/import/importer.hpp"
#include "model/matrix_json.hpp"

namespace planner::cli {

namespace {

struct ImportFlags {
    std::string document, output, id;
    bool json = false;
};

std::string read_document(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open for reading");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw InputError(path + ": read error");
    return bytes.str();
}

// Write next to the target and rename over it, so that a failure leaves
// either the old file or the new one, never half of one.
void write_atomically(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    fs::path target(path);
    fs::path temporary = target;
    temporary += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(path + ": cannot write (directory missing or not writable)");
        out << text;
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw InputError(path + ": write failed");
        }
    }
    std::error_code error;
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw InputError(path + ": cannot replace: " + error.message());
    }
}

int run_import(const ImportFlags& flags) {
    ImportOptions options;
    options.id = flags.id;
    std::string file_name = std::filesystem::path(flags.document).filename().string();
    ImportResult imported = import_document(read_document(flags.document), file_name, options);
    for (const std::string& note : imported.notes) std::cerr << "planner: " << note << "\n";
    std::string text = matrix_to_json(imported.matrix);
    if (flags.output.empty()) {
        std::cout << text;  // already one JSON document, with or without --json
        return 0;
    }
    write_atomically(flags.output, text);
    if (flags.json) {
        ordered_json out = result_head("import", "ok");
        out["matrix"] = imported.matrix.id;
        out["source"] = imported.matrix.source;
        out["sha256"] = imported.matrix.sha256;
        out["output"] = flags.output;
        out["notes"] = imported.notes;
        std::cout << dump_json(out);
    } else {
        std::cout << "wrote " << flags.output << " (matrix " << imported.matrix.id << ", "
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
    command->add_option("DOC", flags->document, "the document to read")->required()->type_name("DOC");
    command->add_option("-o,--output", flags->output, "write the JSON to FILE instead of stdout")
        ->type_name("FILE");
    command->add_option("--id", flags->id, "matrix id to record (default: derived from the document)")
        ->type_name("ID");
    add_json_flag(*command, flags->json);
    command->footer(example_footer({"planner import compatibility_matrix.rst -o data/vllm-0.6.json --id vllm-0.6"}));
    commands.push_back({command, "import", [flags] { return run_import(*flags); }});
}

}  // namespace planner::cli
