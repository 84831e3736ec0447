#include "model/import/page_history.hpp"

#include <map>

#include <planner/error.hpp>

#include "model/facts/page_history.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"
#include "model/io/user_file.hpp"

namespace planner {

namespace {

// SOURCES.tsv's columns, in order.
constexpr const char* kColumns[] = {"file", "commit", "commit_date", "first_release_tag", "path", "subject"};
constexpr size_t kColumnCount = std::size(kColumns);
// What establishes a state's release when SOURCES.tsv gives it.
constexpr const char* kReleaseSource = "SOURCES.tsv first_release_tag: the first release tag that contains the commit";

[[noreturn]] void fail_at(int line, const std::string& what) {
    throw InputError(std::string(kPageHistoryTable) + ":" + std::to_string(line) + ": " + what);
}

std::vector<std::string> fields_of(std::string_view line) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
        const size_t tab = line.find('\t', start);
        fields.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) return fields;
        start = tab + 1;
    }
}

bool is_hex(std::string_view text, size_t size) {
    return text.size() == size && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// A state's row, checked field by field.
PageState state_of(const std::vector<std::string>& fields, int line) {
    if (fields.size() != kColumnCount)
        fail_at(line, std::to_string(fields.size()) + " fields where the header has " + std::to_string(kColumnCount));
    PageState state;
    state.file = fields[0];
    state.commit = fields[1];
    state.date = fields[2];
    state.release = fields[3];
    state.path = fields[4];
    state.subject = fields[5];
    if (state.file.empty() || state.file.find('/') != std::string::npos || state.file.starts_with('.'))
        fail_at(line, "file '" + input_excerpt(state.file) + "' is not a file name in this directory");
    if (!is_hex(state.commit, 40)) fail_at(line, "commit '" + input_excerpt(state.commit) + "' is not 40 hex digits");
    if (!is_iso_date(state.date)) fail_at(line, "commit_date '" + input_excerpt(state.date) + "' is not YYYY-MM-DD");
    if (!state.release.empty() && !is_release_tag(state.release))
        fail_at(line, "first_release_tag '" + input_excerpt(state.release) + "' is not a release tag such as v0.6.4");
    if (!state.release.empty()) state.release_source = kReleaseSource;
    if (state.path.empty()) fail_at(line, "path is empty");
    return state;
}

// What makes two states one matrix: everything the JSON holds but the source fields.
std::string content_of(Matrix matrix) {
    matrix.id = "x";
    matrix.source.clear();
    matrix.sha256.clear();
    matrix.states.clear();
    return matrix_to_json(matrix);
}

}  // namespace

PageHistory import_page_history(const std::filesystem::path& directory, const ImportOptions& options) {
    const std::string table =
        read_user_file((directory / kPageHistoryTable).string(), limits::kMaxDocumentBytes, "table of page states");
    std::vector<PageState> rows;
    size_t start = 0;
    int line = 0;
    while (start < table.size()) {
        size_t end = table.find('\n', start);
        if (end == std::string::npos) end = table.size();
        std::string_view text(table.data() + start, end - start);
        if (text.ends_with('\r')) text.remove_suffix(1);
        start = end + 1;
        ++line;
        if (line == 1) {
            const std::vector<std::string> header = fields_of(text);
            bool same = header.size() == kColumnCount;
            for (size_t i = 0; same && i < kColumnCount; ++i) same = header[i] == kColumns[i];
            if (!same)
                fail_at(1, "the header must be file, commit, commit_date, first_release_tag, path, subject "
                           "(tab-separated)");
            continue;
        }
        if (text.empty()) continue;
        PageState state = state_of(fields_of(text), line);
        if (!rows.empty() && state.date < rows.back().date)
            fail_at(line, "commit_date " + state.date + " is older than the row before it (" + rows.back().date +
                              "); states are listed oldest first");
        for (const PageState& earlier : rows) {
            if (earlier.file == state.file) fail_at(line, "file " + state.file + " is listed twice");
            if (earlier.commit == state.commit) fail_at(line, "commit " + state.commit + " is listed twice");
            // A commit's first release never precedes an older commit's: main is one line of history.
            if (!earlier.release.empty() && !state.release.empty() &&
                *release_numbers(state.release) < *release_numbers(earlier.release))
                fail_at(line, "first_release_tag " + state.release + " is older than " + earlier.release +
                                  ", an older commit's; a later commit is first released no earlier");
        }
        rows.push_back(std::move(state));
    }
    if (rows.empty()) fail_at(line, "no page state is listed");

    PageHistory history;
    std::map<std::string, int> states_on_day;
    std::map<std::string, size_t> matrix_of_content;
    for (PageState& state : rows) {
        state.id = page_state_id(state.date, ++states_on_day[state.date]);
        const std::string bytes =
            read_user_file((directory / state.file).string(), limits::kMaxDocumentBytes, "page state");
        ImportOptions state_options = options;
        state_options.id = state.id;
        ImportResult imported = import_document(bytes, state.file, state_options);
        history.notes.insert(history.notes.end(), imported.notes.begin(), imported.notes.end());
        state.sha256 = imported.matrix.sha256;
        const std::string content = content_of(imported.matrix);
        auto [found, first] = matrix_of_content.emplace(content, history.matrices.size());
        if (first) history.matrices.push_back(std::move(imported.matrix));
        history.matrices[found->second].states.push_back(state);
        ++history.states;
    }
    return history;
}

}  // namespace planner
