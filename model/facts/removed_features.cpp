// data/removed-features.json read and turned into error rules for the page
// states it applies to.
#include "model/facts/removed_features.hpp"

#include <planner/error.hpp>

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "model/facts/page_history.hpp"
#include "model/io/embedded_data.hpp"
#include "model/io/json_lines.hpp"
#include "model/io/strict_json.hpp"

namespace planner {

namespace {

using nlohmann::json;

// The keys an entry may have.
constexpr std::string_view kEntryKeys[] = {"feature", "applies_from", "release", "replaced_by", "verified", "source"};

std::string text_of(const json& entry, const char* key, const std::string& at, bool required) {
    if (!entry.contains(key)) {
        if (required) throw InputError(at + ": \"" + key + "\" is missing");
        return "";
    }
    if (!entry[key].is_string()) throw InputError(at + ": \"" + key + "\" must be a string");
    return entry[key].get<std::string>();
}

// The line of the entry naming `feature` (its "feature" key).
size_t entry_line(std::string_view text, const std::string& feature) {
    const std::string needle = "\"feature\": \"" + feature + "\"";
    const size_t at = text.find(needle);
    return at == std::string_view::npos ? 0 : line_of_byte(text, at);
}

}  // namespace

std::vector<RemovedFeature> parse_removed_features(std::string_view text, const std::string& where) {
    json doc;
    try {
        doc = parse_strict_json(text, where);
    } catch (const json::parse_error& e) {
        throw InputError(where + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.is_object() || doc.value("schema", "") != "planner-removed-features/1")
        throw InputError(where + ": \"schema\" must be \"planner-removed-features/1\"");
    if (!doc.contains("removed") || !doc["removed"].is_array())
        throw InputError(where + ": \"removed\" must be an array");
    std::vector<RemovedFeature> out;
    for (size_t i = 0; i < doc["removed"].size(); ++i) {
        const json& entry = doc["removed"][i];
        std::string at = where + ": removed[" + std::to_string(i) + "]";
        if (!entry.is_object()) throw InputError(at + " must be an object");
        for (const auto& [key, value] : entry.items())
            if (std::find(std::begin(kEntryKeys), std::end(kEntryKeys), key) == std::end(kEntryKeys))
                throw InputError(at + ": unknown key \"" + key + "\"");
        RemovedFeature removal;
        removal.feature = text_of(entry, "feature", at, true);
        removal.line = entry_line(text, removal.feature);
        if (removal.line) at = where + ":" + std::to_string(removal.line) + ": " + removal.feature;
        removal.applies_from = text_of(entry, "applies_from", at, true);
        if (!is_iso_date(removal.applies_from))
            throw InputError(at + ": \"applies_from\" must be a date YYYY-MM-DD, not '" + removal.applies_from + "'");
        removal.release = text_of(entry, "release", at, false);
        if (!removal.release.empty() && !is_release_tag(removal.release))
            throw InputError(at + ": \"release\" must be a tag like v0.10.0, not '" + removal.release + "'");
        removal.replaced_by = text_of(entry, "replaced_by", at, false);
        if (!entry.contains("verified") || !entry["verified"].is_boolean())
            throw InputError(at + ": \"verified\" must be true or false");
        removal.verified = entry["verified"].get<bool>();
        if (!entry.contains("source") || !entry["source"].is_object())
            throw InputError(at + ": \"source\" must be an object with a url");
        removal.source.url = text_of(entry["source"], "url", at + ": source", true);
        removal.source.quote = text_of(entry["source"], "quote", at + ": source", false);
        removal.source.note = text_of(entry["source"], "note", at + ": source", false);
        if (!removal.source.url.starts_with("https://"))
            throw InputError(at + ": source \"url\" must be an https link");
        for (const RemovedFeature& earlier : out)
            if (earlier.feature == removal.feature)
                throw InputError(at + ": " + removal.feature + " is listed twice");
        out.push_back(std::move(removal));
    }
    return out;
}

const std::vector<RemovedFeature>& removed_features() {
    static const std::vector<RemovedFeature> list = [] {
        const EmbeddedFile* file = find_embedded_file("removed-features.json");
        if (!file) return std::vector<RemovedFeature>{};
        return parse_removed_features(file->content, std::string(kRemovedFeaturesFile));
    }();
    return list;
}

std::string page_date(const Matrix& matrix) { return matrix.states.empty() ? "" : matrix.states.front().date; }

const RemovedFeature* removal_for(const Matrix& matrix, std::string_view feature) {
    const std::string date = page_date(matrix);
    if (date.empty()) return nullptr;
    for (const RemovedFeature& removal : removed_features())
        if (removal.feature == feature && removal.applies_from <= date) return &removal;
    return nullptr;
}

std::string removal_text(const RemovedFeature& removal) {
    std::string out = "vLLM removed " + removal.feature;
    out += removal.release.empty() ? " (page states from " + removal.applies_from + " on)"
                                   : " in " + removal.release + " (page states from " + removal.applies_from + " on)";
    if (!removal.replaced_by.empty()) out += "; instead: " + removal.replaced_by;
    return out;
}

bool removals_apply(const Matrix& matrix) {
    for (const RemovedFeature& removal : removed_features())
        if (matrix.has_feature(removal.feature) && removal_for(matrix, removal.feature)) return true;
    return false;
}

std::optional<RuleFile> removal_rules(const Matrix& matrix) {
    RuleFile file;
    file.id = "vllm-removed-features";
    file.file = std::string(kRemovedFeaturesFile);
    for (const RemovedFeature& removal : removed_features()) {
        if (!matrix.has_feature(removal.feature) || !removal_for(matrix, removal.feature)) continue;
        Rule rule;
        rule.id = "vllm-removed-" + removal.feature;
        rule.kind = RuleKind::error;
        rule.forbid = {parse_literal(removal.feature, file.file)};
        rule.source = removal.source;
        // The removal itself is sourced; an inferred date or release is said in
        // the note (`unverified` means a rule without any source).
        rule.source.note = removal_text(removal) + (removal.verified ? "" : " [date inferred, not verified]") +
                           (rule.source.note.empty() ? "" : ": " + rule.source.note);
        rule.file = file.file;
        rule.line = removal.line;
        file.rules.push_back(std::move(rule));
    }
    if (file.rules.empty()) return std::nullopt;
    return file;
}

}  // namespace planner
