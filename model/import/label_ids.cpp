#include "model/import/label_ids.hpp"

#include <optional>

#include "model/facts/label_slug.hpp"
#include "model/facts/taken_name.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"

namespace planner::importing {

namespace {

// The words of every note and error, one row per role.
struct RoleWords {
    const char* place;  // "hardware column"
    const char* kind;   // "hardware": which ids it is one of
};
constexpr RoleWords role_words[] = {
    {"feature column", "feature"},
    {"feature row", "feature"},
    {"hardware column", "hardware"},
};

const RoleWords& words_of(LabelRole role) { return role_words[static_cast<size_t>(role)]; }
bool is_hardware(LabelRole role) { return role == LabelRole::hardware_column; }

bool has_non_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

}  // namespace

LabelIds::LabelIds(const Document& doc, const Catalog& catalog, bool strict, std::vector<std::string>& notes)
    : doc_(doc), catalog_(catalog), strict_(strict), notes_(notes) {}

std::string LabelIds::id_of(const Label& label, std::string_view raw_text, LabelRole role, int line,
                            const char* where) {
    const bool hardware = is_hardware(role);
    auto find = [&](std::string_view name) {
        return hardware ? catalog_.find_hardware(name) : catalog_.find_feature(name);
    };
    const CatalogEntry* entry = find(label.text);
    if (!entry && !label.title.empty()) entry = find(label.title);
    if (entry) return entry->id;

    const RoleWords& words = words_of(role);
    const std::string shown = label.text.empty() ? std::string(raw_text) : label.text;
    const std::string slug = label_slug(shown);
    const std::string described = std::string(words.place) + " " + quote(shown);
    if (slug.empty())
        fail_at(doc_.file, line,
                "unknown " + std::string(words.kind) + " label " + quote(shown) + " in " + where +
                    ": it is not in the catalog and has no ASCII letter or digit to make an id from; add it to "
                    "data/catalog.json with an id");
    // A new id must not be a name the command line already reads otherwise
    // (the catalog's, of either kind; a vLLM flag; auto): nothing typed could
    // reach it. Said before --strict-labels, whose advice is to import the
    // label as a new id.
    for (const std::string& name : {slug, shown}) {
        const std::optional<TakenName> taken = taken_name(name, hardware, catalog_);
        if (!taken) continue;
        fail_at(doc_.file, line,
                described + " is not in the catalog, and " +
                    (name == slug ? "the id it would become, " + slug + "," : std::string("the label")) + " is " +
                    taken->meaning + "; " + taken_name_remedy(*taken, "the label"));
    }
    if (slug.size() > limits::kMaxIdBytes)
        fail_at(doc_.file, line,
                described + " would become an id of " + std::to_string(slug.size()) + " characters (" +
                    input_excerpt(slug) + "); an id has at most " + std::to_string(limits::kMaxIdBytes) +
                    ", as import --id: shorten the label, or add it to data/catalog.json with an id");
    const auto nearest = hardware ? catalog_.nearest_hardware(shown) : catalog_.nearest_features(shown);
    const std::string near = nearest.empty() ? "" : " (" + close_names(nearest) + ")";
    if (strict_)
        fail_at(doc_.file, line,
                described + " is not in the catalog" + near +
                    "; --strict-labels refuses labels the catalog lacks: add it to data/catalog.json, or import "
                    "without --strict-labels to read it as the new " + words.kind + " id " + slug);
    const size_t table = hardware ? 1 : 0;
    const std::string compared = normalize_name(shown);
    auto [use, first] = first_use_[table].emplace(slug, FirstUse{compared, shown, role, line});
    if (!first) {
        if (use->second.compared != compared)
            fail_at(doc_.file, line,
                    described + " would become " + words.kind + " id " + slug + ", which " +
                        words_of(use->second.role).place + " " + quote(use->second.shown) + " at line " +
                        std::to_string(use->second.line) +
                        " already became; two labels are never merged into one id: rename one of them, or add "
                        "both to one entry of data/catalog.json");
        return slug;
    }
    new_names_[table].emplace(slug, shown);
    notes_.push_back(doc_.file + ":" + std::to_string(line) + ": " + described + " is not in the catalog" + near +
                     "; it is read as the new " + words.kind + " id " + slug + ", shown as " + quote(shown) +
                     (has_non_ascii(shown) ? " (letters outside ASCII are no part of an id)" : "") +
                     " (--strict-labels refuses labels the catalog lacks)");
    return slug;
}

}  // namespace planner::importing
