#include <planner/catalog.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include <planner/error.hpp>

#include "model/facts/model_series.hpp"
#include "model/io/embedded_data.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/strings.hpp"

namespace planner {

std::string normalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ' || c == '.' || c == '\t') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

namespace {

bool has_digit(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// A catalog's own form of normalize_hardware_name: its brand words, not the
// built-in catalog's, which it may be in the middle of building.
std::string normalize_hardware_name(std::string_view name, const std::vector<std::string>& brand_words) {
    std::vector<std::string> words(1);
    for (char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte)) words.back().push_back(static_cast<char>(std::tolower(byte)));
        else if (!words.back().empty()) words.emplace_back();
    }
    std::string all, model;
    for (const std::string& word : words) {
        all += word;
        if (std::find(brand_words.begin(), brand_words.end(), word) == brand_words.end()) model += word;
    }
    return has_digit(model) ? model : all;
}

}  // namespace

std::string memory_text(const Product& product) {
    char text[32];
    std::snprintf(text, sizeof text, "%s%.1f GiB", product.memory_verified ? "" : "~", product.memory_gib);
    return text;
}

std::string normalize_hardware_name(std::string_view name) {
    return normalize_hardware_name(name, Catalog::builtin().brand_words());
}

size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: rows i-2, i-1 and i of the full table.
    std::vector<size_t> before(b.size() + 1), above(b.size() + 1), row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) above[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, above);
        std::swap(above, row);
    }
    return above[b.size()];
}

namespace {

std::vector<CatalogEntry> parse_entries(const nlohmann::json& list, std::string_view origin,
                                        const char* key) {
    if (!list.is_array())
        throw InputError(std::string(origin) + ": \"" + key + "\" must be an array");
    std::vector<CatalogEntry> entries;
    for (const auto& item : list) {
        CatalogEntry entry;
        try {
            entry.id = item.at("id").get<std::string>();
            entry.name = item.at("name").get<std::string>();
            entry.description = item.at("description").get<std::string>();
            entry.labels = item.at("labels").get<std::vector<std::string>>();
            entry.aliases = item.at("aliases").get<std::vector<std::string>>();
            entry.no_published_column = item.value("no_published_column", false);
        } catch (const nlohmann::json::exception& e) {
            throw InputError(std::string(origin) + ": entry " + std::to_string(entries.size()) +
                             " of \"" + key + "\": " + e.what());
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

// "8.0", "cc80", "compute80", "sm_80" all name compute capability 8.0 -> "sm80";
// "10.0" and "sm_100" -> "sm100".
std::string compute_capability_form(const std::string& normalized) {
    std::string digits = normalized;
    for (std::string_view prefix : {"compute", "cc", "sm"})
        if (digits.rfind(prefix, 0) == 0) {
            digits = digits.substr(prefix.size());
            break;
        }
    const bool all_digits = std::all_of(digits.begin(), digits.end(),
                                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if ((digits.size() == 2 || digits.size() == 3) && all_digits) return "sm" + digits;
    return normalized;
}

std::string hardware_key(std::string_view name, const std::vector<std::string>& brand_words) {
    return compute_capability_form(normalize_hardware_name(name, brand_words));
}

using Normalizer = std::function<std::string(std::string_view)>;

void index_entries(const std::vector<CatalogEntry>& entries, const Normalizer& normalize,
                   std::unordered_map<std::string, size_t>& index) {
    for (size_t k = 0; k < entries.size(); ++k) {
        const CatalogEntry& entry = entries[k];
        for (const std::string* name : {&entry.id, &entry.name}) index.emplace(normalize(*name), k);
        for (const auto& label : entry.labels) index.emplace(normalize(label), k);
        for (const auto& alias : entry.aliases) index.emplace(normalize(alias), k);
    }
    index.erase("");
}

template <typename Entry>
const Entry* find_in(const std::vector<Entry>& entries, const std::unordered_map<std::string, size_t>& index,
                     const std::string& key) {
    auto found = index.find(key);
    return found == index.end() ? nullptr : &entries[found->second];
}

// Names compared by the distance rule: within max(1, length / 3) edits.
struct CloseNames {
    std::string key;
    Normalizer normalize;
    std::vector<std::pair<size_t, std::string>> scored;
    std::set<std::string> seen;

    size_t limit() const { return std::max<size_t>(1, key.size() / 3); }
    void consider(const std::string& candidate) {
        const std::string other = normalize(candidate);
        if (!seen.insert(other).second) return;  // "lora" and "LoRA" are one suggestion
        const size_t gap = other.size() > key.size() ? other.size() - key.size() : key.size() - other.size();
        if (gap > limit()) return;  // also keeps a huge typed name from costing anything
        const size_t distance = edit_distance(key, other);
        if (distance <= limit()) scored.emplace_back(distance, candidate);
    }
    std::vector<std::string> best(size_t count) {
        std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        std::vector<std::string> out;
        for (size_t i = 0; i < scored.size() && out.size() < count; ++i) out.push_back(scored[i].second);
        return out;
    }
};

std::vector<Product> parse_products(const nlohmann::json& list, std::string_view origin,
                                    const std::vector<CatalogEntry>& classes) {
    if (!list.is_array()) throw InputError(std::string(origin) + ": \"products\" must be an array");
    std::vector<Product> products;
    for (const auto& item : list) {
        Product product;
        try {
            product.id = item.at("id").get<std::string>();
            product.name = item.at("name").get<std::string>();
            product.hardware = item.at("hardware").get<std::string>();
            product.aliases = item.at("aliases").get<std::vector<std::string>>();
            product.memory_gib = item.at("memory_gib").get<double>();
            product.memory_source = item.at("memory_source").get<std::string>();
            product.memory_verified = item.at("memory_verified").get<bool>();
            product.capability = item.at("capability").get<std::string>();
            product.capability_source = item.at("capability_source").get<std::string>();
            product.family = item.value("family", "");
            product.family_default = item.value("default", false);
        } catch (const nlohmann::json::exception& e) {
            throw InputError(std::string(origin) + ": product " + std::to_string(products.size()) + ": " + e.what());
        }
        if (std::none_of(classes.begin(), classes.end(), [&](const auto& c) { return c.id == product.hardware; }))
            throw InputError(std::string(origin) + ": product " + product.id + ": unknown hardware class '" +
                             product.hardware + "'");
        products.push_back(std::move(product));
    }
    for (const Product& product : products) {
        if (product.family.empty()) continue;
        const auto defaults = std::count_if(products.begin(), products.end(), [&](const Product& other) {
            return other.family == product.family && other.family_default;
        });
        if (defaults != 1)
            throw InputError(std::string(origin) + ": family " + product.family +
                             " needs exactly one product with \"default\": true");
    }
    return products;
}

// Lower case ASCII letters and digits: the form in which hardware names are compared.
bool is_compared_form(std::string_view text, bool digits_too) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (digits_too && c >= '0' && c <= '9');
    });
}

std::vector<std::string> parse_brand_words(const nlohmann::json& list, std::string_view origin) {
    std::vector<std::string> words;
    try {
        words = list.get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw InputError(std::string(origin) + ": \"brand_words\" must be an array of strings: " + e.what());
    }
    // A word in another form would never equal a word of a normalized name.
    for (size_t k = 0; k < words.size(); ++k)
        if (!is_compared_form(words[k], true))
            throw InputError(std::string(origin) + ": brand word " + std::to_string(k) + " '" + words[k] +
                             "' must be lower-case ASCII letters and digits, as hardware names are compared");
    return words;
}

std::vector<ModelSeries> parse_model_series(const nlohmann::json& list, std::string_view origin,
                                            const std::vector<CatalogEntry>& classes) {
    if (!list.is_array()) throw InputError(std::string(origin) + ": \"model_series\" must be an array");
    std::vector<ModelSeries> rows;
    for (const auto& item : list) {
        const std::string row_name = std::string(origin) + ": model_series row " + std::to_string(rows.size());
        ModelSeries row;
        try {
            row.letters = item.at("letters").get<std::string>();
            row.digits = item.at("digits").get<std::string>();
            row.suffix = item.at("suffix").get<std::string>();
            // null: a generation no class covers, which the suggestion says.
            const nlohmann::json& hardware = item.at("hardware");
            row.hardware = hardware.is_null() ? "" : hardware.get<std::string>();
            row.generation = item.at("generation").get<std::string>();
            row.capability = item.at("capability").get<std::string>();
            row.examples = item.at("examples").get<std::string>();
            row.source = item.at("source").get<std::string>();
        } catch (const nlohmann::json::exception& e) {
            throw InputError(row_name + ": " + e.what());
        }
        const std::string named = row_name + " (" + row.letters + row.digits + row.suffix + ")";
        // Each part must be one a normalized name can have there, or the row never matches.
        if (!is_compared_form(row.letters, false))
            throw InputError(named + ": \"letters\" must be lower-case ASCII letters");
        if (row.digits.empty() || !std::all_of(row.digits.begin(), row.digits.end(), [](char c) {
                return c == '#' || std::isdigit(static_cast<unsigned char>(c));
            }))
            throw InputError(named + ": \"digits\" must be digits and '#'");
        if (row.suffix != "*" && !row.suffix.empty() &&
            (!is_compared_form(row.suffix, true) || std::isdigit(static_cast<unsigned char>(row.suffix.front()))))
            throw InputError(named + ": \"suffix\" must be \"\", \"*\" or lower-case ASCII letters and digits "
                                     "that do not start with a digit");
        if (!row.hardware.empty() &&
            std::none_of(classes.begin(), classes.end(), [&](const auto& c) { return c.id == row.hardware; }))
            throw InputError(named + ": unknown hardware class '" + row.hardware + "'");
        for (const std::string* text : {&row.generation, &row.capability, &row.examples, &row.source})
            if (text->empty()) throw InputError(named + ": generation, capability, examples and source must be given");
        rows.push_back(std::move(row));
    }
    return rows;
}

// The leading letters of a normalized product id and the digit after them:
// "h100" -> ("h", '1'); "rtx3090" -> ("rtx", '3'); no digit -> ("", 0).
std::pair<std::string, char> model_prefix(std::string_view normalized) {
    size_t letters = 0;
    while (letters < normalized.size() && std::isalpha(static_cast<unsigned char>(normalized[letters]))) ++letters;
    if (letters == 0 || letters == normalized.size() || !std::isdigit(static_cast<unsigned char>(normalized[letters])))
        return {"", 0};
    return {std::string(normalized.substr(0, letters)), normalized[letters]};
}

// A name shaped like a model number: letters, digits, at most a short suffix ("h300", "rtx5070ti").
bool looks_like_model_number(std::string_view normalized) {
    size_t i = 0;
    while (i < normalized.size() && std::isalpha(static_cast<unsigned char>(normalized[i]))) ++i;
    const size_t digits_from = i;
    while (i < normalized.size() && std::isdigit(static_cast<unsigned char>(normalized[i]))) ++i;
    return digits_from > 0 && digits_from <= 3 && i - digits_from >= 1 && normalized.size() - i <= 3 &&
           std::all_of(normalized.begin() + static_cast<std::ptrdiff_t>(i), normalized.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

}  // namespace

Catalog Catalog::parse(std::string_view json_text, std::string_view origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(std::string(origin) + ": " + e.what());
    }
    if (!doc.is_object() || doc.value("schema", "") != "planner-catalog/1")
        throw InputError(std::string(origin) + ": not a planner-catalog/1 document");
    Catalog catalog;
    catalog.features_ = parse_entries(doc["features"], origin, "features");
    catalog.hardware_ = parse_entries(doc["hardware"], origin, "hardware");
    if (doc.contains("products")) catalog.products_ = parse_products(doc["products"], origin, catalog.hardware_);
    if (doc.contains("brand_words")) catalog.brand_words_ = parse_brand_words(doc["brand_words"], origin);
    if (doc.contains("model_series"))
        catalog.model_series_ = parse_model_series(doc["model_series"], origin, catalog.hardware_);
    catalog.index_spellings();
    return catalog;
}

void Catalog::index_spellings() {
    const auto key = [this](std::string_view name) { return hardware_key(name, brand_words_); };
    index_entries(features_, normalize_name, spellings_.features);
    index_entries(hardware_, key, spellings_.hardware);
    for (size_t k = 0; k < products_.size(); ++k) {
        const Product& product = products_[k];
        for (const std::string* name : {&product.id, &product.name}) spellings_.products.emplace(key(*name), k);
        for (const auto& alias : product.aliases) spellings_.products.emplace(key(alias), k);
        if (product.family_default) spellings_.family_defaults.emplace(key(product.family), k);
    }
    spellings_.products.erase("");
    spellings_.family_defaults.erase("");
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog = [] {
        const EmbeddedFile* file = find_embedded_file("catalog.json");
        if (!file) throw InputError("catalog.json was not compiled into this planner");
        return parse(file->content, "data/catalog.json");
    }();
    return catalog;
}

const CatalogEntry* Catalog::find_feature(std::string_view name) const {
    return find_in(features_, spellings_.features, normalize_name(name));
}

HardwareName Catalog::find_hardware_name(std::string_view name) const {
    const std::string key = hardware_key(name, brand_words_);
    HardwareName found;
    if ((found.hardware = find_in(hardware_, spellings_.hardware, key))) return found;
    found.product = find_in(products_, spellings_.products, key);
    if (!found.product) {
        found.product = find_in(products_, spellings_.family_defaults, key);
        if (found.product) {
            std::vector<std::string> others;
            for (const Product& product : products_)
                if (product.family == found.product->family && &product != found.product) others.push_back(product.id);
            found.assumption = std::string(name) + " = " + found.product->id + " (" + found.product->name + ", " +
                               memory_text(*found.product) + "): assumed; say " + join(others, " or ") +
                               (others.size() == 1 ? " for the other" : " for the others");
        }
    }
    if (found.product)
        for (const CatalogEntry& entry : hardware_)
            if (entry.id == found.product->hardware) found.hardware = &entry;
    return found;
}

const CatalogEntry* Catalog::find_hardware(std::string_view name) const { return find_hardware_name(name).hardware; }

std::vector<Catalog::ModelName> Catalog::model_names() const {
    std::vector<ModelName> out;
    for (const Product& product : products_) {
        const std::string& shown = product.family.empty() ? product.id : product.family;
        out.push_back({normalize_hardware_name(product.id, brand_words_), shown, product.hardware});
    }
    for (const CatalogEntry& entry : hardware_)
        for (const std::string& alias : entry.aliases) {
            const std::string key = normalize_hardware_name(alias, brand_words_);
            // sm80 is a compute capability, not a model: sm130 is no "Blackwell product".
            if (looks_like_model_number(key) && model_prefix(key).first != "sm") out.push_back({key, alias, entry.id});
        }
    return out;
}

const CatalogEntry* Catalog::generation_of(std::string_view normalized) const {
    // NVIDIA's series naming first (the catalog's model_series): the first digit
    // would put Quadro RTX 5000 (Turing) with the RTX 50 series (Blackwell).
    if (const ModelSeries* series = model_series_of(model_series_, normalized)) {
        for (const CatalogEntry& entry : hardware_)
            if (entry.id == series->hardware) return &entry;
        return nullptr;  // a generation no class covers (Pascal)
    }
    if (!looks_like_model_number(normalized)) return nullptr;
    const auto [letters, digit] = model_prefix(normalized);
    // Letters alone first; the first digit too where the letters span classes.
    for (bool with_digit : {false, true}) {
        std::set<std::string> classes;
        for (const ModelName& known : model_names()) {
            const auto [their_letters, their_digit] = model_prefix(known.key);
            if (their_letters == letters && (!with_digit || their_digit == digit)) classes.insert(known.hardware);
        }
        if (classes.size() == 1)
            for (const CatalogEntry& entry : hardware_)
                if (entry.id == *classes.begin()) return &entry;
        if (classes.empty()) return nullptr;
    }
    return nullptr;
}

std::vector<std::string> Catalog::nearest_features(std::string_view name, size_t count) const {
    CloseNames close{normalize_name(name), normalize_name, {}, {}};
    for (const CatalogEntry& entry : features_) {
        close.consider(entry.id);
        for (const auto& label : entry.labels) close.consider(label);
        for (const auto& alias : entry.aliases) close.consider(alias);
    }
    return close.best(count);
}

std::vector<std::string> Catalog::nearest_hardware(std::string_view name, size_t count) const {
    const auto compared = [this](std::string_view text) { return hardware_key(text, brand_words_); };
    const std::string key = compared(name);
    if (const CatalogEntry* generation = generation_of(key)) {
        // A family by its family name.
        const std::string letters = model_prefix(key).first;
        std::vector<std::string> out;
        // Its model names with the same letters; every one of the class when
        // none shares them (gtx1660 is Turing, whose known names are rtx and t).
        for (bool same_letters : {true, false}) {
            for (const ModelName& known : model_names()) {
                if (known.hardware != generation->id) continue;
                if (same_letters && model_prefix(known.key).first != letters) continue;
                if (std::find(out.begin(), out.end(), known.shown) == out.end()) out.push_back(known.shown);
            }
            if (!out.empty()) break;
        }
        return out;
    }
    CloseNames close{key, compared, {}, {}};
    for (const CatalogEntry& entry : hardware_) {
        close.consider(entry.id);
        for (const auto& alias : entry.aliases) close.consider(alias);
    }
    for (const Product& product : products_) {
        if (!product.family.empty()) close.consider(product.family);
        close.consider(product.id);
        for (const auto& alias : product.aliases) close.consider(alias);
    }
    std::vector<std::string> out = close.best(products_.size());
    // A model number whose letters span classes (a200: Ampere's a100, Intel's
    // a770) keeps to names with those letters, never h200.
    const std::string letters = model_prefix(key).first;
    const std::vector<ModelName> known_models = model_names();
    if (looks_like_model_number(key) && letters != "sm" &&
        std::any_of(known_models.begin(), known_models.end(),
                    [&](const ModelName& known) { return model_prefix(known.key).first == letters; }))
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [&](const std::string& name) { return model_prefix(compared(name)).first != letters; }),
                  out.end());
    if (out.size() > count) out.resize(count);
    return out;
}

std::string close_names(const std::vector<std::string>& nearest) {
    return nearest.empty() ? std::string("no close match") : "nearest known: " + join(nearest);
}

std::string Catalog::hardware_suggestion(std::string_view name) const {
    const std::string key = hardware_key(name, brand_words_);
    if (const ModelSeries* series = model_series_of(model_series_, key); series && series->hardware.empty())
        return "a " + series->generation + "-generation product (" + series->source +
               "): no hardware class of the planner covers it";
    if (const CatalogEntry* generation = generation_of(key)) {
        const bool nvidia = generation->name.rfind("NVIDIA", 0) == 0;
        return "an unknown " + generation->labels.front() + (nvidia ? "-generation" : "") +
               " product? known: " + join(nearest_hardware(name, products_.size())) + "; if it is one, --hw " +
               generation->id + " plans for its class";
    }
    const auto close = nearest_hardware(name);
    return close_names(close);
}

std::string Catalog::resolve_feature(std::string_view name) const {
    if (const CatalogEntry* entry = find_feature(name)) return entry->id;
    const auto close = nearest_features(name);
    throw UsageError("unknown feature '" + input_excerpt(name) + "'; " +
                     close_names(close) +
                     " (planner features lists them all)");
}

std::string Catalog::resolve_hardware(std::string_view name) const {
    if (const CatalogEntry* entry = find_hardware(name)) return entry->id;
    throw UsageError("unknown hardware '" + input_excerpt(name) + "'; " + hardware_suggestion(name) +
                     " (planner hardware lists them all)");
}

}  // namespace planner
