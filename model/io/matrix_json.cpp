#include "model/io/matrix_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <set>

#include <planner/catalog.hpp>
#include <planner/error.hpp>

#include "model/facts/cell_link.hpp"
#include "model/facts/label_slug.hpp"
#include "model/facts/page_history.hpp"
#include "model/facts/taken_name.hpp"
#include "model/import/version_id.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"
#include "model/io/strict_json.hpp"

namespace planner {

namespace {

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}


using nlohmann::json;

std::string str(const std::string& s) { return json(s).dump(-1, ' ', false, json::error_handler_t::strict); }

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + str(items[i]);
    return out + "]";
}

std::string value(CellValue v) { return str(std::string(to_string(v))); }

// Pairs row by row and support feature by feature, whatever order they came in,
// so that equal matrices always print the same bytes.
std::vector<const PairCell*> ordered_pairs(const Matrix& m) {
    std::vector<const PairCell*> out;
    for (const auto& p : m.pairs) out.push_back(&p);
    std::stable_sort(out.begin(), out.end(), [&](const PairCell* x, const PairCell* y) {
        return std::pair(m.feature_index(x->a), m.feature_index(x->b)) <
               std::pair(m.feature_index(y->a), m.feature_index(y->b));
    });
    return out;
}

std::vector<const SupportCell*> ordered_support(const Matrix& m) {
    std::vector<const SupportCell*> out;
    for (const auto& s : m.support) out.push_back(&s);
    std::stable_sort(out.begin(), out.end(), [&](const SupportCell* x, const SupportCell* y) {
        return std::pair(m.feature_index(x->feature), m.hardware_index(x->hardware)) <
               std::pair(m.feature_index(y->feature), m.hardware_index(y->hardware));
    });
    return out;
}

// ",\n  \"feature_names\": {\"x\": \"X\"}" in the order of `ids`; "" when none.
std::string names_object(const char* key, const std::vector<std::string>& ids,
                         const std::map<std::string, std::string>& names) {
    std::string out;
    for (const std::string& id : ids) {
        auto found = names.find(id);
        if (found == names.end()) continue;
        out += std::string(out.empty() ? "" : ", ") + str(id) + ": " + str(found->second);
    }
    return out.empty() ? out : ",\n  \"" + std::string(key) + "\": {" + out + "}";
}

// "  \"states\": [\n    {...},\n    {...}\n  ],\n", one state a line, keys in declaration order.
std::string states_array(const std::vector<PageState>& states) {
    std::string out = "  \"states\": [";
    for (size_t i = 0; i < states.size(); ++i) {
        const PageState& s = states[i];
        out += std::string(i == 0 ? "\n" : ",\n") + "    {\"id\": " + str(s.id) + ", \"file\": " + str(s.file) +
               ", \"commit\": " + str(s.commit) + ", \"date\": " + str(s.date) + ", \"path\": " + str(s.path) +
               ", \"sha256\": " + str(s.sha256) + ", \"subject\": " + str(s.subject) +
               ", \"release\": " + str(s.release) + ", \"release_source\": " + str(s.release_source) + "}";
    }
    return out + "\n  ],\n";
}

}  // namespace

std::string matrix_to_json(const Matrix& m) {
    std::string out = "{\n";
    out += "  \"schema\": \"planner-matrix/1\",\n";
    out += "  \"id\": " + str(m.id) + ",\n";
    out += "  \"source\": " + str(m.source) + ",\n";
    out += "  \"sha256\": " + str(m.sha256) + ",\n";
    // Only a matrix shipped for states of vLLM's page has them: a document
    // imported alone keeps the bytes it always had.
    if (!m.states.empty()) out += states_array(m.states);
    out += "  \"features\": " + list(m.features) + ",\n";
    out += "  \"hardware\": " + list(m.hardware) + ",\n";
    out += "  \"diagonal\": {";
    bool first = true;
    for (const auto& feature : m.features) {
        auto it = m.diagonal.find(feature);
        if (it == m.diagonal.end()) continue;
        out += std::string(first ? "" : ", ") + str(feature) + ": " + value(it->second);
        first = false;
    }
    out += "},\n  \"pairs\": [";
    first = true;
    for (const PairCell* p : ordered_pairs(m)) {
        out += std::string(first ? "\n" : ",\n") + "    {\"a\": " + str(p->a) + ", \"b\": " + str(p->b) +
               ", \"value\": " + value(p->value) + ", \"links\": " + list(p->links) +
               ", \"marks\": " + list(p->marks) + "}";
        first = false;
    }
    out += first ? "],\n" : "\n  ],\n";
    out += "  \"support\": [";
    first = true;
    for (const SupportCell* s : ordered_support(m)) {
        out += std::string(first ? "\n" : ",\n") + "    {\"feature\": " + str(s->feature) +
               ", \"hardware\": " + str(s->hardware) + ", \"value\": " + value(s->value) +
               ", \"links\": " + list(s->links) + ", \"marks\": " + list(s->marks) + "}";
        first = false;
    }
    out += first ? "],\n" : "\n  ],\n";
    out += "  \"footnotes\": {";
    first = true;
    for (const auto& [mark, text] : m.footnotes) {
        out += std::string(first ? "\n" : ",\n") + "    " + str(mark) + ": " + str(text);
        first = false;
    }
    out += first ? "}" : "\n  }";
    // Only a matrix with ids the catalog lacks has these: every other file
    // keeps the bytes it always had.
    out += names_object("feature_names", m.features, m.feature_names);
    out += names_object("hardware_names", m.hardware, m.hardware_names);
    return out + "\n}\n";
}

namespace {

// Every complaint names the document and the field or cell.
struct Reader {
    std::string origin;

    [[noreturn]] void fail(const std::string& field, const std::string& what) const {
        throw InputError(origin + ": " + field + ": " + what);
    }

    const json& member(const json& object, const char* key, const std::string& field) const {
        auto it = object.find(key);
        if (it == object.end()) fail(field.empty() ? key : field + "." + key, "missing");
        return *it;
    }

    std::string text(const json& node, const std::string& field) const {
        if (!node.is_string()) fail(field, "must be a string, not " + std::string(node.type_name()));
        return node.get<std::string>();
    }

    std::vector<std::string> texts(const json& node, const std::string& field) const {
        if (!node.is_array()) fail(field, "must be an array of strings");
        std::vector<std::string> out;
        for (size_t i = 0; i < node.size(); ++i) out.push_back(text(node[i], field + "[" + std::to_string(i) + "]"));
        return out;
    }

    // A cell's links are shown as clickable URLs: only what is_cell_link allows.
    std::vector<std::string> links(const json& node, const std::string& field) const {
        std::vector<std::string> out = texts(node, field);
        for (size_t i = 0; i < out.size(); ++i)
            if (!is_cell_link(out[i]))
                fail(field + "[" + std::to_string(i) + "]", "'" + input_excerpt(out[i]) + "' " + cell_link_fault(out[i]));
        return out;
    }

    // As in a document: a link or mark with no value would hide what the cell says.
    void check_blank_says_nothing(CellValue value, const std::vector<std::string>& links,
                                  const std::vector<std::string>& marks, const std::string& field) const {
        if (value != CellValue::blank) return;
        if (!links.empty()) fail(field, "a blank cell with a link (" + links.front() + "): give its value");
        if (!marks.empty()) fail(field, "a blank cell with footnote mark '" + marks.front() + "': give its value");
    }

    CellValue cell_value(const json& node, const std::string& field) const {
        std::string name = text(node, field);
        auto v = cell_value_from_string(name);
        if (!v) fail(field, "'" + name + "' is not one of yes, no, partial, unknown, blank");
        return *v;
    }

    // An own id or display name that the command line reads as something
    // else (taken_name.hpp) could never be typed to mean it.
    void refuse_taken(const std::string& name, bool hardware, const std::string& field) const {
        const std::optional<TakenName> taken = taken_name(name, hardware, Catalog::builtin());
        if (!taken) return;
        fail(field, "'" + input_excerpt(name) + "' is " + taken->meaning + "; " +
                        (taken->same_kind_id.empty()
                             ? "typed anywhere, the name means that and never this id: rename it"
                             : "if it means " + taken->same_kind_id + ", use the id " + taken->same_kind_id +
                                   "; if not, rename it"));
    }

    // The command line finds an own id by its id or display name (own_names.hpp):
    // one name for two ids would pick one of them without a word, so, as the
    // importer never merges two labels into one id, two ids never share one.
    void refuse_shared_names(const std::vector<std::string>& ids, const std::map<std::string, std::string>& names,
                             const char* ids_key, const char* names_key, const char* kind) const {
        struct Claim {
            std::string id, field;
        };
        std::map<std::string, Claim> named;  // normalized name -> the id it names and the field that said so
        auto claim = [&](const std::string& name, const std::string& id, const std::string& field) {
            auto [first, fresh] = named.emplace(normalize_name(name), Claim{id, field});
            if (!fresh)
                fail(field, "'" + input_excerpt(name) + "' is also the name of " + kind + " " + first->second.id +
                                " (" + first->second.field +
                                "); two ids never share a name, as the command line compares names (case, '-', '_', "
                                "' ' and '.' aside): give each its own");
        };
        for (size_t i = 0; i < ids.size(); ++i) {
            const std::string& id = ids[i];
            const auto name = names.find(id);
            if (name != names.end() && normalize_name(name->second) == normalize_name(id)) continue;  // said below
            if (!Catalog::builtin().find_feature(id) && !Catalog::builtin().find_hardware(id))
                claim(id, id, std::string(ids_key) + "[" + std::to_string(i) + "]");
        }
        for (const std::string& id : ids)
            if (const auto name = names.find(id); name != names.end())
                claim(name->second, id, std::string(names_key) + "." + id);
    }

    // The states a shipped matrix stands for: each key a string of its form,
    // the first state the matrix's source, dates in order, ids unique.
    std::vector<PageState> states(const json& node, const Matrix& m) const {
        if (!node.is_array() || node.empty()) fail("states", "must be a non-empty array of page states");
        std::vector<PageState> out;
        for (size_t i = 0; i < node.size(); ++i) {
            const std::string field = "states[" + std::to_string(i) + "]";
            const json& item = node[i];
            if (!item.is_object()) fail(field, "must be an object");
            check_object_keys(item, {"id", "file", "commit", "date", "path", "sha256", "subject", "release",
                                     "release_source"},
                              field);
            PageState s;
            s.id = text(member(item, "id", field), field + ".id");
            s.file = text(member(item, "file", field), field + ".file");
            s.commit = text(member(item, "commit", field), field + ".commit");
            s.date = text(member(item, "date", field), field + ".date");
            s.path = text(member(item, "path", field), field + ".path");
            s.sha256 = text(member(item, "sha256", field), field + ".sha256");
            s.subject = text(member(item, "subject", field), field + ".subject");
            s.release = text(member(item, "release", field), field + ".release");
            s.release_source = text(member(item, "release_source", field), field + ".release_source");
            if (!is_page_state_id(s.id) || s.id.substr(10, 10) != s.date)
                fail(field + ".id", "'" + input_excerpt(s.id) + "' is not vllm-docs-DATE (or vllm-docs-DATE-N) of "
                                    "the state's date");
            if (s.commit.size() != 40 || s.commit.find_first_not_of("0123456789abcdef") != std::string::npos)
                fail(field + ".commit", "'" + input_excerpt(s.commit) + "' is not a commit hash (40 hex digits)");
            if (!is_sha256_hex(s.sha256)) fail(field + ".sha256", "is not a SHA-256 digest (64 lower-case hex digits)");
            if (!is_release_tag(s.release) && !s.release.empty())
                fail(field + ".release", "'" + input_excerpt(s.release) + "' is not a release tag such as v0.6.4");
            if (s.release.empty() != s.release_source.empty())
                fail(field + ".release_source", "a release needs its source, and only a release has one");
            if (!out.empty() && s.date < out.back().date) fail(field + ".date", "is older than the state before it");
            for (const PageState& before : out)
                if (before.id == s.id) fail(field + ".id", "'" + s.id + "' appears twice");
            out.push_back(std::move(s));
        }
        if (out.front().file != m.source || out.front().sha256 != m.sha256)
            fail("states[0]", "must be the matrix's source (file " + m.source + " and its sha256)");
        return out;
    }

    void check_object_keys(const json& object, std::initializer_list<const char*> keys,
                           const std::string& field) const {
        // A named variable, not a structured binding: clang 14 cannot capture those in a lambda.
        for (const auto& item : object.items()) {
            const std::string& key = item.key();
            if (std::find_if(keys.begin(), keys.end(), [&](const char* k) { return key == k; }) == keys.end())
                fail(field.empty() ? key : field + "." + key, "unknown field");
        }
    }
};

int line_of(std::string_view text, size_t byte) {
    byte = std::min(byte, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n'));
}

}  // namespace

Matrix matrix_from_json(std::string_view text, std::string_view origin_view) {
    const std::string origin(origin_view);
    if (text.size() > limits::kMaxMatrixJsonBytes)
        throw InputError(origin + ": the matrix file is " + std::to_string(text.size()) + " bytes; at most " +
                         limits::describe_bytes(limits::kMaxMatrixJsonBytes) + " are accepted");
    json doc;
    try {
        doc = parse_strict_json(text, origin);
    } catch (const json::parse_error& e) {
        throw InputError(origin + ":" + std::to_string(line_of(text, e.byte == 0 ? 0 : e.byte - 1)) +
                         ": not valid JSON (" + e.what() + ")");
    }
    Reader r{origin};
    if (!doc.is_object()) r.fail("document", "must be a JSON object");
    const std::string schema = r.text(r.member(doc, "schema", ""), "schema");
    if (schema != "planner-matrix/1") r.fail("schema", "'" + schema + "' is not planner-matrix/1");
    r.check_object_keys(doc, {"schema", "id", "source", "sha256", "states", "features", "hardware", "diagonal",
                              "pairs", "support", "footnotes", "feature_names", "hardware_names"},
                        "");

    const Catalog& catalog = Catalog::builtin();
    Matrix m;
    m.id = r.text(r.member(doc, "id", ""), "id");
    if (m.id.empty()) r.fail("id", "must not be empty");
    // The same rule as `import --id`, so that a hand-edited file cannot carry
    // an id (an escape sequence, a space) that the importer would refuse.
    try {
        importing::check_matrix_id(m.id);
    } catch (const UsageError& e) {
        r.fail("id", e.what());
    }
    m.source = r.text(r.member(doc, "source", ""), "source");
    // The digest of the document a file was imported from: `import` writes it and
    // every file in data/ has it; a matrix written by hand has no such document.
    if (doc.contains("sha256")) m.sha256 = r.text(doc["sha256"], "sha256");
    if (!m.sha256.empty() && !is_sha256_hex(m.sha256))
        r.fail("sha256", "'" + input_excerpt(m.sha256) + "' is not a SHA-256 digest (64 lower-case hex digits), as "
                         "import writes it");
    if (doc.contains("states")) m.states = r.states(doc["states"], m);
    m.features = r.texts(r.member(doc, "features", ""), "features");
    m.hardware = r.texts(r.member(doc, "hardware", ""), "hardware");
    if (m.features.empty()) r.fail("features", "must name at least one feature");
    if (m.features.size() > limits::kMaxFeatures)
        r.fail("features", std::to_string(m.features.size()) + " features; at most " +
                               std::to_string(limits::kMaxFeatures) + " are accepted");
    if (m.hardware.size() > limits::kMaxHardware)
        r.fail("hardware", std::to_string(m.hardware.size()) + " hardware classes; at most " +
                               std::to_string(limits::kMaxHardware) + " are accepted");
    // An id is the catalog's, or one the catalog lacks written as the importer
    // writes a new label's id (label_slug.hpp); a spelling of a catalog id
    // ("CP", "chunked-prefill") is refused, so one feature never has two ids.
    auto check_ids = [&](const std::vector<std::string>& ids, const char* key, const char* kind, auto find) {
        std::set<std::string> seen;
        for (size_t i = 0; i < ids.size(); ++i) {
            const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
            const CatalogEntry* entry = find(ids[i]);
            if (entry && entry->id != ids[i])
                r.fail(field, "'" + ids[i] + "' is not a " + kind + " id (the catalog's id for it is " + entry->id +
                                  ")");
            if (!entry && !is_label_slug(ids[i]))
                r.fail(field, "'" + input_excerpt(ids[i]) + "' is not a " + kind +
                                  " id: an id the catalog lacks is lower-case letters and digits joined by single "
                                  "'-' (" + (label_slug(ids[i]).empty() ? std::string("x-1") : label_slug(ids[i])) +
                                  ")");
            if (!entry) r.refuse_taken(ids[i], std::string(kind) == "hardware", field);
            if (ids[i].size() > limits::kMaxIdBytes)
                r.fail(field, "'" + input_excerpt(ids[i]) + "' has " + std::to_string(ids[i].size()) +
                                  " characters; an id has at most " + std::to_string(limits::kMaxIdBytes) +
                                  ", as import --id");
            if (!seen.insert(ids[i]).second) r.fail(field, "'" + ids[i] + "' appears twice");
        }
    };
    check_ids(m.features, "features", "feature", [&](const std::string& id) { return catalog.find_feature(id); });
    check_ids(m.hardware, "hardware", "hardware", [&](const std::string& id) { return catalog.find_hardware(id); });
    m.reindex();  // for feature_index / hardware_index below
    // Display names, for ids the catalog lacks only: a catalog id has its names.
    auto read_names = [&](const char* key, std::map<std::string, std::string>& names, auto has, auto find) {
        auto found = doc.find(key);
        if (found == doc.end()) return;
        if (!found->is_object()) r.fail(key, "must be an object");
        for (const auto& item : found->items()) {
            const std::string field = std::string(key) + "." + item.key();
            if (!has(item.key())) r.fail(field, "not one of the matrix's ids");
            if (find(item.key())) r.fail(field, "a catalog id, shown by the catalog's name; remove it here");
            const std::string name = r.text(item.value(), field);
            if (name.empty()) r.fail(field, "must not be empty");
            r.refuse_taken(name, std::string(key) == "hardware_names", field);
            names[item.key()] = name;
        }
    };
    read_names(
        "feature_names", m.feature_names, [&](const std::string& id) { return m.has_feature(id); },
        [&](const std::string& id) { return catalog.find_feature(id); });
    read_names(
        "hardware_names", m.hardware_names, [&](const std::string& id) { return m.has_hardware(id); },
        [&](const std::string& id) { return catalog.find_hardware(id); });
    r.refuse_shared_names(m.features, m.feature_names, "features", "feature_names", "feature");
    r.refuse_shared_names(m.hardware, m.hardware_names, "hardware", "hardware_names", "hardware");

    const json& diagonal = r.member(doc, "diagonal", "");
    if (!diagonal.is_object()) r.fail("diagonal", "must be an object");
    for (const auto& [key, node] : diagonal.items()) {
        if (!m.has_feature(key)) r.fail("diagonal." + key, "not one of the matrix's features");
        CellValue v = r.cell_value(node, "diagonal." + key);
        if (v != CellValue::yes && v != CellValue::blank) r.fail("diagonal." + key, "must be yes or blank");
        m.diagonal[key] = v;
    }
    for (const auto& feature : m.features)
        if (!m.diagonal.count(feature)) r.fail("diagonal." + feature, "missing");

    const json& pairs = r.member(doc, "pairs", "");
    if (!pairs.is_array()) r.fail("pairs", "must be an array");
    const size_t n = m.features.size();
    std::vector<int> pair_seen(n * n, -1);
    for (size_t k = 0; k < pairs.size(); ++k) {
        const std::string field = "pairs[" + std::to_string(k) + "]";
        const json& cell = pairs[k];
        if (!cell.is_object()) r.fail(field, "must be an object");
        r.check_object_keys(cell, {"a", "b", "value", "links", "marks"}, field);
        PairCell p;
        p.a = r.text(r.member(cell, "a", field), field + ".a");
        p.b = r.text(r.member(cell, "b", field), field + ".b");
        const int i = m.feature_index(p.a), j = m.feature_index(p.b);
        if (i < 0) r.fail(field + ".a", "'" + p.a + "' is not one of the matrix's features");
        if (j < 0) r.fail(field + ".b", "'" + p.b + "' is not one of the matrix's features");
        if (i <= j)
            r.fail(field, "(" + p.a + ", " + p.b + ") is not below the diagonal: a must come after b in features");
        const size_t slot = static_cast<size_t>(i) * n + static_cast<size_t>(j);
        if (pair_seen[slot] >= 0)
            r.fail(field, "(" + p.a + ", " + p.b + ") repeats pairs[" + std::to_string(pair_seen[slot]) + "]");
        pair_seen[slot] = static_cast<int>(k);
        p.value = r.cell_value(r.member(cell, "value", field), field + ".value");
        p.links = r.links(r.member(cell, "links", field), field + ".links");
        p.marks = r.texts(r.member(cell, "marks", field), field + ".marks");
        r.check_blank_says_nothing(p.value, p.links, p.marks, field);
        m.pairs.push_back(std::move(p));
    }
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < i; ++j)
            if (pair_seen[i * n + j] < 0)
                r.fail("pairs", "cell (" + m.features[i] + ", " + m.features[j] + ") is missing");

    const json& support = r.member(doc, "support", "");
    if (!support.is_array()) r.fail("support", "must be an array");
    const size_t h = m.hardware.size();
    std::vector<int> support_seen(n * h, -1);
    for (size_t k = 0; k < support.size(); ++k) {
        const std::string field = "support[" + std::to_string(k) + "]";
        const json& cell = support[k];
        if (!cell.is_object()) r.fail(field, "must be an object");
        r.check_object_keys(cell, {"feature", "hardware", "value", "links", "marks"}, field);
        SupportCell s;
        s.feature = r.text(r.member(cell, "feature", field), field + ".feature");
        s.hardware = r.text(r.member(cell, "hardware", field), field + ".hardware");
        const int f = m.feature_index(s.feature), w = m.hardware_index(s.hardware);
        if (f < 0) r.fail(field + ".feature", "'" + s.feature + "' is not one of the matrix's features");
        if (w < 0) r.fail(field + ".hardware", "'" + s.hardware + "' is not one of the matrix's hardware");
        const size_t slot = static_cast<size_t>(f) * h + static_cast<size_t>(w);
        if (support_seen[slot] >= 0)
            r.fail(field, "(" + s.feature + ", " + s.hardware + ") repeats support[" +
                              std::to_string(support_seen[slot]) + "]");
        support_seen[slot] = static_cast<int>(k);
        s.value = r.cell_value(r.member(cell, "value", field), field + ".value");
        s.links = r.links(r.member(cell, "links", field), field + ".links");
        s.marks = r.texts(r.member(cell, "marks", field), field + ".marks");
        r.check_blank_says_nothing(s.value, s.links, s.marks, field);
        m.support.push_back(std::move(s));
    }
    for (size_t f = 0; f < n; ++f)
        for (size_t w = 0; w < h; ++w)
            if (support_seen[f * h + w] < 0)
                r.fail("support", "cell (" + m.features[f] + ", " + m.hardware[w] + ") is missing");

    const json& footnotes = r.member(doc, "footnotes", "");
    if (!footnotes.is_object()) r.fail("footnotes", "must be an object");
    for (const auto& [mark, node] : footnotes.items()) m.footnotes[mark] = r.text(node, "footnotes." + mark);
    auto check_marks = [&](const std::vector<std::string>& marks, const std::string& field) {
        for (const auto& mark : marks)
            if (!m.footnotes.count(mark)) r.fail(field, "mark '" + mark + "' has no entry in footnotes");
    };
    for (size_t k = 0; k < m.pairs.size(); ++k) check_marks(m.pairs[k].marks, "pairs[" + std::to_string(k) + "].marks");
    for (size_t k = 0; k < m.support.size(); ++k)
        check_marks(m.support[k].marks, "support[" + std::to_string(k) + "].marks");
    m.reindex();
    return m;
}

void refuse_ids_the_catalog_lacks(const Matrix& matrix, std::string_view origin) {
    const Catalog& catalog = Catalog::builtin();
    auto refuse = [&](const std::vector<std::string>& ids, const char* key, const char* kind, auto find) {
        for (size_t i = 0; i < ids.size(); ++i)
            if (!find(ids[i]))
                throw InputError(std::string(origin) + ": " + key + "[" + std::to_string(i) + "]: " + kind + " id '" +
                                 ids[i] + "' is not in the catalog; --strict-labels refuses ids the catalog lacks, "
                                          "and this file names ids the catalog lacks: add it to data/catalog.json, or "
                                          "leave out --strict-labels to plan with it");
    };
    refuse(matrix.features, "features", "feature", [&](const std::string& id) { return catalog.find_feature(id); });
    refuse(matrix.hardware, "hardware", "hardware", [&](const std::string& id) { return catalog.find_hardware(id); });
}

}  // namespace planner
