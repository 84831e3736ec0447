#include "model/facts/taken_name.hpp"

#include "model/facts/feature_spelling.hpp"

namespace planner {

namespace {

std::string catalog_meaning(const char* kind, const CatalogEntry& entry) {
    return std::string("a name the catalog has for ") + kind + " " + entry.id + " (" + entry.name +
           ", data/catalog.json)";
}

}  // namespace

std::optional<TakenName> taken_name(std::string_view name, bool hardware, const Catalog& catalog) {
    if (normalize_name(name) == normalize_name(kDetectHardware))
        return TakenName{"the word with which --hw (and batch's \"hw\") asks to detect this machine's hardware", ""};
    if (const CatalogEntry* entry = catalog.find_feature(name))
        return TakenName{catalog_meaning("feature", *entry), hardware ? "" : entry->id};
    if (const HardwareName found = catalog.find_hardware_name(name); found.hardware) {
        std::string meaning = catalog_meaning("hardware", *found.hardware);
        if (found.product)
            meaning = "a name the catalog has for product " + found.product->id + " (" + found.product->name +
                      ", hardware " + found.hardware->id + ", data/catalog.json)";
        return TakenName{meaning, hardware ? found.hardware->id : ""};
    }
    if (const std::optional<FeatureSpelling> flag = find_feature_spelling(name); flag && !flag->flag.empty())
        return TakenName{"vLLM's flag " + flag->flag + ", which the command line reads as " +
                             (flag->negated ? "not " + flag->id + " (the feature turned off)" : "feature " + flag->id) +
                             " (data/vllm-args.json)",
                         hardware || flag->negated ? "" : flag->id};
    return std::nullopt;
}

std::string taken_name_remedy(const TakenName& taken, std::string_view thing) {
    const std::string rename = "rename " + std::string(thing);
    if (taken.same_kind_id.empty())
        return "typed anywhere, the name means that and never the new id: " + rename;
    return "if " + std::string(thing) + " means " + taken.same_kind_id + ", add it to that entry's labels; if not, " +
           rename;
}

}  // namespace planner
