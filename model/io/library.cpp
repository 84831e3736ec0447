#include <planner/library.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include <planner/diff.hpp>
#include <planner/error.hpp>

#include "model/facts/page_history.hpp"
#include "model/import/importer.hpp"
#include "model/io/embedded_data.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/strings.hpp"
#include "model/io/user_file.hpp"

namespace planner {

namespace {

// What a release tag's state rests on when SOURCES.tsv gives the commit's first release.
constexpr const char* kFirstReleaseSource = "by SOURCES.tsv first_release_tag";

struct Shipped {
    ShippedMatrix info;
    Matrix matrix;
};

// A state of vLLM's page among all shipped ones, oldest first.
struct StateRef {
    PageState state;
    size_t matrix = 0;  // index in page_history()
};

struct Release {
    std::string tag;  // "v0.6.4"
    size_t state = 0;  // index in all_states()
    std::string source;
};

// How far a translation is from an upstream state: every difference `diff`
// finds (cell values, their links and marks, the diagonal, footnotes, features
// and hardware one of them lacks) counted once.
size_t distance(const Matrix& a, const Matrix& b) {
    const MatrixDiff diff = diff_matrices(a, b);
    return diff.value_changes.size() + diff.evidence_changes.size() + diff.diagonal_changes.size() +
           diff.footnote_changes.size() + diff.features_added.size() + diff.features_removed.size() +
           diff.hardware_added.size() + diff.hardware_removed.size();
}

// "vllm-0.6-zh" -> {0, 6}: the vLLM release a document's id names; ids
// naming none sort first, so that one with a version is always the default.
std::vector<int> version_of(std::string_view id) {
    std::vector<int> parts;
    size_t pos = id.find_first_of("0123456789");
    while (pos < id.size() && std::isdigit(static_cast<unsigned char>(id[pos]))) {
        int value = 0;
        while (pos < id.size() && std::isdigit(static_cast<unsigned char>(id[pos])))
            value = value * 10 + (id[pos++] - '0');
        parts.push_back(value);
        if (pos + 1 < id.size() && id[pos] == '.' && std::isdigit(static_cast<unsigned char>(id[pos + 1])))
            ++pos;
        else
            break;
    }
    return parts;
}

// The states of vLLM's page are files named by their first state's id
// (data/history/vllm-docs-*.json); they are parsed only when a question
// names one, so a plain answer pays for the documents it may use alone.
bool is_page_history_file(std::string_view name) { return name.starts_with("vllm-docs-"); }

std::vector<Shipped> parse_shipped(bool page_history) {
    std::vector<Shipped> out;
    for (const EmbeddedFile& file : embedded_files()) {
        // data/ also holds catalogs; a matrix says so in its schema.
        if (!file.name.ends_with(".json") || file.content.find("\"planner-matrix/1\"") == std::string_view::npos ||
            is_page_history_file(file.name) != page_history)
            continue;
        Matrix m = matrix_from_json(file.content, "data/" + std::string(file.name));
        if (m.states.empty() == page_history)
            throw InputError("data/" + std::string(file.name) + ": a page state's file lists its states, and only one");
        ShippedMatrix info{m.id, m.source, m.features.size(), m.hardware.size(), m.states, "", 0};
        out.push_back(Shipped{std::move(info), std::move(m)});
    }
    return out;
}

// vllm-0.6 and the translated copies, oldest first: the last is the default.
const std::vector<Shipped>& documents() {
    static const std::vector<Shipped> all = [] {
        std::vector<Shipped> out = parse_shipped(false);
        // A translation sorts after the original of the same release.
        std::stable_sort(out.begin(), out.end(), [](const Shipped& x, const Shipped& y) {
            auto vx = version_of(x.info.id), vy = version_of(y.info.id);
            return vx != vy ? vx < vy : x.info.id < y.info.id;
        });
        return out;
    }();
    return all;
}

// The distinct matrices of vLLM's page, by their first state, oldest first.
const std::vector<Shipped>& page_history() {
    static const std::vector<Shipped> all = [] {
        std::vector<Shipped> out = parse_shipped(true);
        std::sort(out.begin(), out.end(), [](const Shipped& x, const Shipped& y) {
            return x.matrix.states.front().date != y.matrix.states.front().date
                       ? x.matrix.states.front().date < y.matrix.states.front().date
                       : x.info.id < y.info.id;
        });
        return out;
    }();
    return all;
}

// Both, the page's states first; each document names the upstream state
// nearest to it by content (the first of equally near ones, the oldest).
const std::vector<Shipped>& shipped() {
    static const std::vector<Shipped> all = [] {
        std::vector<Shipped> out = page_history();
        for (Shipped document : documents()) {
            size_t best = SIZE_MAX;
            for (const Shipped& state : page_history()) {
                const size_t d = distance(state.matrix, document.matrix);
                if (d < best) {
                    best = d;
                    document.info.translates = state.info.id;
                    document.info.differences = d;
                }
            }
            out.push_back(std::move(document));
        }
        return out;
    }();
    return all;
}

const std::vector<StateRef>& all_states() {
    static const std::vector<StateRef> states = [] {
        std::vector<StateRef> out;
        for (size_t m = 0; m < page_history().size(); ++m)
            for (const PageState& state : page_history()[m].matrix.states) out.push_back({state, m});
        std::stable_sort(out.begin(), out.end(),
                         [](const StateRef& x, const StateRef& y) { return x.state.date < y.state.date; });
        return out;
    }();
    return states;
}

std::optional<size_t> state_index(std::string_view id) {
    const auto& states = all_states();
    for (size_t i = 0; i < states.size(); ++i)
        if (states[i].state.id == id) return i;
    return std::nullopt;
}

std::optional<size_t> state_of_commit(std::string_view commit) {
    const auto& states = all_states();
    for (size_t i = 0; i < states.size(); ++i)
        if (states[i].state.commit == commit) return i;
    return std::nullopt;
}

// Releases the shipped data establishes, oldest first: each tag SOURCES.tsv
// gives as a commit's first release (its state: the newest one first
// released in it or before), and each entry of data/page-releases.json.
const std::vector<Release>& all_releases() {
    static const std::vector<Release> releases = [] {
        std::map<std::vector<int>, Release> by_version;
        const auto& states = all_states();
        for (const StateRef& ref : states) {
            if (ref.state.release.empty()) continue;
            const std::vector<int> tag = *release_numbers(ref.state.release);
            if (by_version.count(tag)) continue;
            size_t newest = 0;
            for (size_t i = 0; i < states.size(); ++i)
                if (!states[i].state.release.empty() && *release_numbers(states[i].state.release) <= tag) newest = i;
            by_version[tag] = Release{ref.state.release, newest, kFirstReleaseSource};
        }
        if (const EmbeddedFile* file = find_embedded_file("page-releases.json")) {
            const std::string where = "data/page-releases.json";
            const nlohmann::json doc = parse_strict_json(file->content, where);
            for (const nlohmann::json& entry : doc.at("releases")) {
                const std::string tag = entry.at("release").get<std::string>();
                const auto numbers = release_numbers(tag);
                const auto state = state_of_commit(entry.at("commit").get<std::string>());
                if (!numbers || !state || by_version.count(*numbers))
                    throw InputError(where + ": release " + tag + " is not a new tag naming a shipped state's commit");
                by_version[*numbers] = Release{tag, *state, entry.at("source").get<std::string>()};
            }
        }
        std::vector<Release> out;
        for (auto& [numbers, release] : by_version) out.push_back(std::move(release));
        return out;
    }();
    return releases;
}

std::string release_list() {
    std::vector<std::string> names;
    for (const Release& release : all_releases()) names.push_back("vllm-" + release.tag.substr(1));
    return join(names);
}

std::string known_ids() {
    std::string out;
    for (const Shipped& s : documents()) out += (out.empty() ? "" : ", ") + s.info.id;
    const auto& states = all_states();
    if (!states.empty())
        out += (out.empty() ? "" : ", ") + std::string("the states of vLLM's page ") + states.front().state.id +
               " to " + states.back().state.id + ", the releases " + release_list() +
               " and their lines (vllm-0.7), a date (2025-07-30)";
    return out;
}

bool looks_like_path(std::string_view name) {
    return name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos ||
           name.ends_with(".json") || name.ends_with(".md") || name.ends_with(".rst") || name.ends_with(".txt");
}

// The shipped matrix of one state: its cells, named and sourced as that state.
Matrix matrix_of_state(size_t index) {
    const StateRef& ref = all_states()[index];
    Matrix m = page_history()[ref.matrix].matrix;
    m.id = ref.state.id;
    m.source = ref.state.file;
    m.sha256 = ref.state.sha256;
    m.states = {ref.state};
    return m;
}

std::string short_commit(const PageState& state) { return state.commit.substr(0, 8); }

// "vllm-0.7.3" -> the release's state; "vllm-0.7" -> its line's newest
// release's; "2025-07-30" -> the newest state on or before that day. The
// note says what the name was taken for.
std::optional<std::pair<size_t, std::string>> state_named(std::string_view name) {
    if (auto index = state_index(name)) return std::make_pair(*index, std::string());
    const auto& states = all_states();
    if (states.empty()) return std::nullopt;
    if (is_iso_date(name)) {
        std::optional<size_t> newest;
        for (size_t i = 0; i < states.size(); ++i)
            if (states[i].state.date <= name) newest = i;
        if (!newest)
            throw UsageError("matrix " + std::string(name) + ": the oldest state of vLLM's page shipped is " +
                             states.front().state.id + "; no state is on or before " + std::string(name));
        const PageState& state = states[*newest].state;
        return std::make_pair(*newest, std::string(name) + " is " + state.id + ": the newest state of vLLM's page "
                                           "on or before that day (commit " + short_commit(state) + ", " +
                                           state.subject + ")");
    }
    if (!name.starts_with("vllm-")) return std::nullopt;
    const auto numbers = release_numbers("v" + std::string(name.substr(5)));
    if (!numbers) return std::nullopt;
    const std::string asked(name);
    const Release* found = nullptr;
    for (const Release& release : all_releases()) {
        const std::vector<int> tag = *release_numbers(release.tag);
        const bool same = numbers->size() == 3 ? tag == *numbers : tag[0] == (*numbers)[0] && tag[1] == (*numbers)[1];
        if (same) found = &release;  // the newest of a line
    }
    if (!found)
        throw UsageError("unknown matrix '" + input_excerpt(asked) + "'; shipped matrices: " + known_ids() +
                         " (a release the shipped data does not establish is named by the date of its page state)");
    const PageState& state = states[found->state].state;
    std::string note = asked + " is " + state.id + ": the page as release " + found->tag + " shipped it (commit " +
                       short_commit(state) + "; " + found->source + ")";
    if (numbers->size() == 2) note = asked + " is the newest release of that line, " + found->tag + ", which is " +
                                     state.id + " (commit " + short_commit(state) + "; " + found->source + ")";
    return std::make_pair(found->state, note);
}

}  // namespace

std::vector<ShippedMatrix> shipped_matrices() {
    std::vector<ShippedMatrix> out;
    for (const Shipped& s : shipped()) out.push_back(s.info);
    return out;
}

std::vector<ShippedRelease> shipped_releases() {
    std::vector<ShippedRelease> out;
    for (const Release& release : all_releases()) {
        const PageState& state = all_states()[release.state].state;
        out.push_back({release.tag, state.id, release.source});
    }
    return out;
}

Matrix load_matrix(std::string_view id_or_file) {
    std::vector<std::string> unread;
    return load_matrix(id_or_file, unread);
}

Matrix load_matrix(std::string_view id_or_file, std::vector<std::string>& import_notes, bool strict_labels) {
    const auto& all = documents();
    if (id_or_file.empty()) {
        if (all.empty()) throw InputError("no matrix was compiled into this planner (data/ has none)");
        return all.back().matrix;
    }
    const std::string path(id_or_file);
    std::error_code ec;
    const bool file_exists = std::filesystem::exists(std::filesystem::symlink_status(path, ec));
    const bool has_separator = path.find('/') != std::string::npos;
    auto refuse_ambiguous = [&] {
        throw UsageError("'" + path + "' is both a shipped matrix and a file in this directory; write ./" + path +
                         " for the file, or rename the file (or run from another directory) for the shipped matrix");
    };
    if (!has_separator) {
        for (const Shipped& s : all) {
            if (s.info.id != id_or_file) continue;
            if (file_exists) refuse_ambiguous();
            return s.matrix;
        }
        if (auto named = state_named(id_or_file)) {
            if (file_exists) refuse_ambiguous();
            if (!named->second.empty()) import_notes.push_back(named->second);
            return matrix_of_state(named->first);
        }
    }
    if (!looks_like_path(path) && !file_exists)
        throw UsageError("unknown matrix '" + input_excerpt(path) + "'; shipped matrices: " + known_ids() +
                         " (or give a file: a planner-matrix JSON or a matrix document)");
    // Either kind of file may come here, so the larger cap; each reader applies its own.
    const std::string content =
        read_user_file(path, std::max(limits::kMaxDocumentBytes, limits::kMaxMatrixJsonBytes), "matrix file");
    const std::string_view text = without_byte_order_mark(content);
    const size_t first = text.find_first_not_of(" \t\r\n");
    // A planner-matrix document is a JSON object; anything else is a document to import.
    if (first != std::string::npos && text[first] == '{') {
        Matrix matrix = matrix_from_json(text, path);
        if (strict_labels) refuse_ids_the_catalog_lacks(matrix, path);
        return matrix;
    }
    ImportOptions options;
    options.strict_labels = strict_labels;
    ImportResult imported = import_document(content, std::filesystem::path(path).filename().string(), options);
    import_notes.insert(import_notes.end(), imported.notes.begin(), imported.notes.end());
    return std::move(imported.matrix);
}

const Matrix& shipped_matrix(std::string_view id) {
    for (const Shipped& s : documents())
        if (s.info.id == id) return s.matrix;
    for (const Shipped& s : page_history())
        if (s.info.id == id) return s.matrix;
    throw InputError("internal: '" + std::string(id) + "' is not a shipped matrix");
}

namespace {

// The documents shipped on their own that `has`, and the newest state of the
// page that does: the ids an error sends the user to, a handful, not forty.
template <typename Has>
std::vector<std::string> matrices_that(Has has) {
    std::vector<std::string> out;
    std::string newest_state;
    for (const Shipped& s : documents())
        if (has(s.matrix)) out.push_back(s.info.id);
    for (const Shipped& s : page_history())
        if (has(s.matrix)) newest_state = s.matrix.states.back().id;
    if (!newest_state.empty()) out.push_back(newest_state);
    return out;
}

}  // namespace

std::vector<std::string> matrices_with_hardware(std::string_view hardware) {
    return matrices_that([&](const Matrix& m) { return m.has_hardware(hardware); });
}

std::vector<std::string> matrices_with_feature(std::string_view feature) {
    return matrices_that([&](const Matrix& m) { return m.has_feature(feature); });
}

}  // namespace planner
