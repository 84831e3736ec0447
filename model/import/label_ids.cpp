#include "model/import/label_ids.hpp"

#include "model/facts/label_slug.hpp"

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
    const auto nearest = hardware ? catalog_.nearest_hardware(shown) : catalog_.nearest_features(shown);
    const std::string near = nearest.empty() ? "" : " (" + close_names(nearest) + ")";
    if (strict_)
        fail_at(doc_.file, line,
                described + " is not in the catalog" + near +
                    "; --strict-labels refuses labels the catalog lacks: add it to data/catalog.json, or import "
                    "without --strict-labels to read it as the new " + words.kind + " id " + slug);
    // A new id must not be the catalog's name for something else: the label
    // did not find that entry, so it does not mean it.
    if (const CatalogEntry* taken = find(slug))
        fail_at(doc_.file, line,
                described + " is not in the catalog, and the id it would become, " + slug +
                    ", is a name the catalog has for " + words.kind + " " + taken->id + " (" + taken->name +
                    ", data/catalog.json); if the label means " + taken->id +
                    ", add it to that entry's labels; if not, rename the label");
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
                     " (--strict-labels refuses labels the catalog lacks)");
    return slug;
}

}  // namespace planner::importing
