#pragma once
// Canonical feature and hardware ids with every name a user or a matrix
// document may use for them, and the GPU products that name a hardware
// class. The facts come from data/catalog.json.
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

namespace planner {

struct CatalogEntry {
    std::string id;           // canonical, lower case: "cp", "ampere"
    std::string name;         // human name: "chunked prefill"
    std::string description;  // one line
    std::vector<std::string> labels;   // as the matrix documents print them: "CP", "prmpt adptr"
    std::vector<std::string> aliases;  // long names, generic names, compute capabilities
    // Hardware only: no matrix vLLM has published has a column for it
    // (blackwell), so a plan for it defaults to every support cell unknown.
    bool no_published_column = false;
};

// One GPU product, with what its driver reports.
struct Product {
    std::string id;        // "a100-80gb"
    std::string name;      // as nvidia-smi or rocm-smi prints it: "NVIDIA A100-SXM4-80GB"
    std::string hardware;  // its class: "ampere"
    std::vector<std::string> aliases;
    double memory_gib = 0;       // nvidia-smi's memory.total MiB / 1024 (or the datasheet, unverified)
    std::string memory_source;
    bool memory_verified = false;
    std::string capability;      // CUDA compute capability "8.0", or the AMD gfx architecture
    std::string capability_source;
    std::string family;          // "a100" when the name covers several memory sizes
    bool family_default = false; // the one a bare family name means
};

// A series of NVIDIA model numbers and the generation it belongs to, for
// names the products do not list. The first digit alone misleads: Quadro RTX
// 5000 is Turing, not the Blackwell of the RTX 50 series.
struct ModelSeries {
    std::string letters;     // the normalized name's leading letters: "rtx", "gtx", "rtxa"
    std::string digits;      // the digits that follow, '#' for any one: "20##", "#000"
    std::string suffix;      // what follows the digits: "" none, "*" anything, else exactly that
    std::string hardware;    // the catalog class; "" (null in the JSON) for a generation no class covers
    std::string generation;  // "Turing", "Pascal": said in the suggestion
    std::string capability;  // the series' compute capability: "7.5"
    std::string examples;    // "Quadro RTX 3000/4000/5000/6000/8000"
    std::string source;      // where the series' compute capability is listed
};

// "80.0 GiB"; "~48.0 GiB" for a datasheet figure the driver's was not checked against.
std::string memory_text(const Product& product);

// A name typed for hardware, resolved.
struct HardwareName {
    const CatalogEntry* hardware = nullptr;  // the class; nullptr when unknown
    const Product* product = nullptr;        // when the name is a product (or a family)
    // "a100 = NVIDIA A100-SXM4-80GB (assuming 80 GB; say a100-40gb for the other)"
    // when the name is a family of several memory sizes; "" otherwise.
    std::string assumption;
};

// How every message offers names close to an unknown one: "nearest known:
// a, b, c", or "no close match" when none is close (never an empty list).
std::string close_names(const std::vector<std::string>& nearest);

class Catalog {
public:
    // The catalog compiled in from data/catalog.json.
    static const Catalog& builtin();
    // Parse a catalog document; throws InputError naming `origin` on bad input.
    static Catalog parse(std::string_view json_text, std::string_view origin);

    const std::vector<CatalogEntry>& features() const { return features_; }
    const std::vector<CatalogEntry>& hardware() const { return hardware_; }
    const std::vector<Product>& products() const { return products_; }
    // Words set aside before a model number ("nvidia", "geforce"), lower case.
    const std::vector<std::string>& brand_words() const { return brand_words_; }
    // In the order they are tried: the first row that matches a name wins.
    const std::vector<ModelSeries>& model_series() const { return model_series_; }

    // Any spelling (id, label, alias; case, '-', '_', ' ' and '.' ignored;
    // "8.0", "sm_80" and "cc80" for compute capabilities; for hardware also
    // a product as nvidia-smi or rocm-smi prints it, the brand words
    // ("NVIDIA", "Tesla", "GeForce", ...) aside). nullptr if unknown.
    const CatalogEntry* find_feature(std::string_view name) const;
    const CatalogEntry* find_hardware(std::string_view name) const;
    HardwareName find_hardware_name(std::string_view name) const;

    // Known names close to `name`, best first, for "did you mean": within a
    // Damerau-Levenshtein distance of max(1, length / 3) of the name as
    // compared (normalized), at most `count`; none when nothing is that close.
    // For hardware, a name shaped like a product of a known generation
    // ("h300") gets that generation's products only, never another class's.
    std::vector<std::string> nearest_features(std::string_view name, size_t count = 3) const;
    std::vector<std::string> nearest_hardware(std::string_view name, size_t count = 3) const;

    // Canonical id for user input; throws UsageError with the close names
    // (or "no close match").
    std::string resolve_feature(std::string_view name) const;
    std::string resolve_hardware(std::string_view name) const;

    // What resolve_hardware says about an unknown name, without the quote of
    // the name: "unknown Hopper-generation product? known: h100, h200, ..." or
    // "nearest known: ..." or "no close match".
    std::string hardware_suggestion(std::string_view name) const;

private:
    std::vector<CatalogEntry> features_, hardware_;
    std::vector<Product> products_;
    std::vector<std::string> brand_words_;
    std::vector<ModelSeries> model_series_;
    // Every spelling, normalized once, to its index (the first entry that has
    // it wins, as a scan in order would find): a lookup is one hash, not a
    // normalization of every name the catalog has (30 us, which the importer
    // paid for each of millions of one-cell tables).
    struct Spellings {
        std::unordered_map<std::string, size_t> features, hardware, products, family_defaults;
    };
    Spellings spellings_;
    void index_spellings();
    // A model-number name the catalog knows (a product, a family, a class
    // alias such as b580 or v5e), normalized, as shown, and its class.
    struct ModelName {
        std::string key, shown, hardware;
    };
    std::vector<ModelName> model_names() const;
    // The product-generation guess behind nearest_hardware: the class whose
    // model names share the name's letters (and, where those span classes,
    // its first digit: rtx-3xxx is Ampere, rtx-4xxx Ada, b5xx Intel). nullptr when none.
    const CatalogEntry* generation_of(std::string_view normalized) const;
};

// Lower case without '-', '_', ' ', '.': the form in which names are compared.
std::string normalize_name(std::string_view name);
// The same for hardware: letters and digits only, the built-in catalog's
// brand words dropped when a model number remains ("NVIDIA GeForce RTX 4090"
// -> "rtx4090", but "AMD" stays "amd").
std::string normalize_hardware_name(std::string_view name);

size_t edit_distance(std::string_view a, std::string_view b);  // Damerau-Levenshtein (adjacent swaps count 1)

}  // namespace planner
