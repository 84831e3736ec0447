#include <planner/vllm_args.hpp>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include <planner/catalog.hpp>
#include <planner/error.hpp>

#include "model/facts/label_slug.hpp"
#include "model/io/embedded_data.hpp"
#include "model/io/strings.hpp"

namespace planner {

std::string_view to_string(VllmControl control) {
    switch (control) {
        case VllmControl::flag: return "flag";
        case VllmControl::request: return "request";
        case VllmControl::model: return "model";
    }
    return "flag";
}

const VllmFeatureMapping* VllmSeries::find(std::string_view feature) const {
    for (const VllmFeatureMapping& mapping : features)
        if (mapping.feature == feature) return &mapping;
    return nullptr;
}

std::vector<std::string> VllmArgs::argv() const {
    std::vector<std::string> out;
    for (const VllmFlag& flag : flags) out.insert(out.end(), flag.args.begin(), flag.args.end());
    return out;
}

namespace {

using nlohmann::json;

// "<DRAFT_MODEL>" inside a token: '<', upper-case letters, digits or '_', '>'.
std::vector<std::string> placeholders_in(std::string_view token) {
    std::vector<std::string> found;
    for (size_t open = token.find('<'); open != std::string_view::npos;
         open = token.find('<', open + 1)) {
        size_t close = open + 1;
        while (close < token.size() &&
               (std::isupper(static_cast<unsigned char>(token[close])) ||
                std::isdigit(static_cast<unsigned char>(token[close])) || token[close] == '_'))
            ++close;
        if (close < token.size() && token[close] == '>' && close > open + 1)
            found.emplace_back(token.substr(open, close - open + 1));
    }
    return found;
}


VllmControl control_from(const std::string& text, const std::string& where) {
    if (text == "flag") return VllmControl::flag;
    if (text == "request") return VllmControl::request;
    if (text == "model") return VllmControl::model;
    throw InputError(where + ": kind must be flag, request or model, not '" + text + "'");
}

std::vector<std::string> string_list(const json& entry, const char* key, const std::string& where) {
    if (!entry.contains(key)) return {};
    const json& value = entry.at(key);
    if (!value.is_array())
        throw InputError(where + ": \"" + key + "\" must be an array of strings");
    std::vector<std::string> out;
    for (const json& item : value) {
        if (!item.is_string())
            throw InputError(where + ": \"" + key + "\" must be an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::string text_field(const json& entry, const char* key, const std::string& where, bool required) {
    if (!entry.contains(key)) {
        if (required) throw InputError(where + ": \"" + key + "\" is missing");
        return "";
    }
    if (!entry.at(key).is_string()) throw InputError(where + ": \"" + key + "\" must be a string");
    return entry.at(key).get<std::string>();
}

// "feature": a canonical catalog id, not an alias.
std::string canonical_feature_field(const json& entry, const std::string& where) {
    std::string feature = text_field(entry, "feature", where, true);
    const CatalogEntry* known = Catalog::builtin().find_feature(feature);
    if (!known || known->id != feature) throw InputError(where + ": '" + feature + "' is not a canonical feature id");
    return feature;
}

VllmFeatureMapping parse_mapping(const json& entry, const std::string& where,
                                 const std::set<std::string>& declared_placeholders) {
    if (!entry.is_object()) throw InputError(where + ": must be an object");
    VllmFeatureMapping mapping;
    mapping.feature = canonical_feature_field(entry, where);
    const std::string at = where + " (" + mapping.feature + ")";
    mapping.control = control_from(text_field(entry, "kind", at, true), at);
    mapping.on = string_list(entry, "on", at);
    mapping.off = string_list(entry, "off", at);
    mapping.parameters = string_list(entry, "parameters", at);
    mapping.requirement = text_field(entry, "requirement", at, false);
    mapping.note = text_field(entry, "note", at, false);
    mapping.source = text_field(entry, "source", at, true);
    if (mapping.source.empty()) throw InputError(at + ": \"source\" is empty");
    if (entry.contains("verified")) {
        if (!entry.at("verified").is_boolean())
            throw InputError(at + ": \"verified\" must be true or false");
        mapping.verified = entry.at("verified").get<bool>();
    }
    if (mapping.control == VllmControl::request && mapping.parameters.empty())
        throw InputError(at + ": a request feature needs \"parameters\"");
    if (mapping.control == VllmControl::model && mapping.requirement.empty())
        throw InputError(at + ": a model feature needs \"requirement\"");
    for (const auto* tokens : {&mapping.on, &mapping.off})
        for (const std::string& token : *tokens)
            for (const std::string& name : placeholders_in(token))
                if (!declared_placeholders.count(name))
                    throw InputError(at + ": placeholder " + name +
                                     " is not declared in \"placeholders\"");
    return mapping;
}

std::vector<VllmDefault> parse_defaults(const json& block, const std::string& where) {
    std::vector<VllmDefault> out;
    if (!block.contains("defaults_on")) return out;
    if (!block.at("defaults_on").is_array()) throw InputError(where + ": \"defaults_on\" must be an array");
    for (size_t i = 0; i < block.at("defaults_on").size(); ++i) {
        const json& entry = block.at("defaults_on")[i];
        const std::string at = where + ", defaults_on " + std::to_string(i);
        if (!entry.is_object()) throw InputError(at + ": must be an object");
        VllmDefault item;
        item.feature = canonical_feature_field(entry, at);
        item.source = text_field(entry, "source", at, true);
        if (item.source.empty()) throw InputError(at + ": \"source\" is empty");
        if (entry.contains("verified")) {
            if (!entry.at("verified").is_boolean()) throw InputError(at + ": \"verified\" must be true or false");
            item.verified = entry.at("verified").get<bool>();
        }
        for (const VllmDefault& earlier : out)
            if (earlier.feature == item.feature) throw InputError(at + ": '" + item.feature + "' is listed twice");
        out.push_back(std::move(item));
    }
    return out;
}

// "vllm-0.8.5" -> "0.8": the first "digits.digits" in the id.
std::string series_of(std::string_view matrix_id) {
    for (size_t i = 0; i < matrix_id.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(matrix_id[i]))) continue;
        if (i > 0 && std::isdigit(static_cast<unsigned char>(matrix_id[i - 1]))) continue;
        size_t dot = i;
        while (dot < matrix_id.size() && std::isdigit(static_cast<unsigned char>(matrix_id[dot])))
            ++dot;
        if (dot + 1 >= matrix_id.size() || matrix_id[dot] != '.' ||
            !std::isdigit(static_cast<unsigned char>(matrix_id[dot + 1])))
            continue;
        size_t end = dot + 1;
        while (end < matrix_id.size() && std::isdigit(static_cast<unsigned char>(matrix_id[end])))
            ++end;
        return std::string(matrix_id.substr(i, end - i));
    }
    return "";
}

}  // namespace

VllmArgsMap VllmArgsMap::parse(std::string_view json_text, std::string_view origin) {
    const std::string where(origin);
    json doc;
    try {
        doc = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw InputError(where + ": " + e.what());
    }
    if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "planner-vllm-args/1")
        throw InputError(where + ": not a planner-vllm-args/1 document");
    VllmArgsMap map;
    std::set<std::string> declared;
    if (!doc.contains("placeholders") || !doc["placeholders"].is_object())
        throw InputError(where + ": \"placeholders\" must be an object of name -> meaning");
    for (const auto& [name, meaning] : doc["placeholders"].items()) {
        if (!meaning.is_string() || placeholders_in(name) != std::vector<std::string>{name})
            throw InputError(where + ": placeholder '" + name +
                             "' must look like <NAME> and have a string meaning");
        declared.insert(name);
        map.placeholders_.emplace_back(name, meaning.get<std::string>());
    }
    if (!doc.contains("series") || !doc["series"].is_array() || doc["series"].empty())
        throw InputError(where + ": \"series\" must be a non-empty array");
    for (size_t s = 0; s < doc["series"].size(); ++s) {
        const json& block = doc["series"][s];
        const std::string at = where + ": series " + std::to_string(s);
        if (!block.is_object()) throw InputError(at + ": must be an object");
        VllmSeries series;
        series.vllm = text_field(block, "vllm", at, true);
        if (series_of(series.vllm) != series.vllm)
            throw InputError(at + ": \"vllm\" must be a release series like 0.7, not '" +
                             series.vllm + "'");
        for (const VllmSeries& earlier : map.series_)
            if (earlier.vllm == series.vllm)
                throw InputError(at + ": vLLM " + series.vllm + " is mapped twice");
        series.description = text_field(block, "description", at, false);
        series.defaults_on = parse_defaults(block, at + " (vLLM " + series.vllm + ")");
        if (!block.contains("features") || !block["features"].is_array())
            throw InputError(at + " (vLLM " + series.vllm + "): \"features\" must be an array");
        const json& features = block["features"];
        for (size_t f = 0; f < features.size(); ++f) {
            VllmFeatureMapping mapping =
                parse_mapping(features[f],
                              at + " (vLLM " + series.vllm + "), feature " + std::to_string(f),
                              declared);
            if (series.find(mapping.feature))
                throw InputError(at + " (vLLM " + series.vllm + "): feature '" + mapping.feature +
                                 "' is mapped twice");
            series.features.push_back(std::move(mapping));
        }
        map.series_.push_back(std::move(series));
    }
    return map;
}

const VllmArgsMap& VllmArgsMap::builtin() {
    static const VllmArgsMap map = [] {
        const EmbeddedFile* file = find_embedded_file("vllm-args.json");
        if (!file) throw InputError("vllm-args.json was not compiled into this planner");
        return parse(file->content, "data/vllm-args.json");
    }();
    return map;
}

std::string VllmArgsMap::series_list() const {
    std::vector<std::string> names;
    for (const VllmSeries& series : series_) names.push_back(series.vllm);
    return join(names, ", ");
}

const VllmSeries* VllmArgsMap::find_series(std::string_view matrix_id) const {
    const std::string wanted = series_of(matrix_id);
    for (const VllmSeries& series : series_)
        if (!wanted.empty() && series.vllm == wanted) return &series;
    return nullptr;
}

const VllmSeries& VllmArgsMap::series_for(std::string_view matrix_id) const {
    const std::string wanted = series_of(matrix_id);
    if (wanted.empty())
        throw UsageError("matrix '" + std::string(matrix_id) +
                         "' names no vLLM release, so its engine flags are unknown; "
                         "flags are mapped for vLLM " + series_list());
    for (const VllmSeries& series : series_)
        if (series.vllm == wanted) return series;
    throw UsageError("no vLLM engine flag mapping for vLLM " + wanted + " (matrix '" +
                     std::string(matrix_id) + "'); flags are mapped for vLLM " + series_list());
}

VllmArgs VllmArgsMap::translate(std::string_view matrix_id, std::string_view hardware,
                                const std::vector<std::string>& enabled,
                                const std::vector<std::string>& matrix_features) const {
    const VllmSeries& series = series_for(matrix_id);
    VllmArgs result;
    result.matrix = std::string(matrix_id);
    result.vllm = series.vllm;
    // A class the catalog lacks (a matrix's own column, such as gaudi) is named by its id.
    const CatalogEntry* known_hardware = Catalog::builtin().find_hardware(hardware);
    result.hardware = known_hardware   ? known_hardware->id
                      : is_label_slug(hardware) ? std::string(hardware)
                                                : Catalog::builtin().resolve_hardware(hardware);  // throws
    const std::set<std::string> on(enabled.begin(), enabled.end());
    for (const std::string& feature : enabled)
        if (std::find(matrix_features.begin(), matrix_features.end(), feature) ==
            matrix_features.end())
            throw UsageError("feature '" + feature + "' is not a feature of matrix '" +
                             result.matrix + "'");

    std::set<std::string> placeholders_seen;
    for (const std::string& feature : matrix_features) {
        const bool is_on = on.count(feature) > 0;
        const VllmFeatureMapping* mapping = series.find(feature);
        if (!mapping) {
            result.notes.push_back(feature + ": no vLLM " + series.vllm +
                                   " mapping; switch it " + (is_on ? "on" : "off") +
                                   " by hand");
            continue;
        }
        const std::vector<std::string>& tokens = is_on ? mapping->on : mapping->off;
        if (!tokens.empty()) {
            result.flags.push_back({feature, is_on, tokens, mapping->verified});
            for (const std::string& token : tokens)
                for (const std::string& name : placeholders_in(token))
                    if (placeholders_seen.insert(name).second) {
                        std::string meaning;
                        for (const auto& [known, text] : placeholders_)
                            if (known == name) meaning = text;
                        result.placeholders.push_back({name, meaning, feature});
                    }
            if (!mapping->verified)
                result.notes.push_back(feature + ": the spelling of " + join(tokens, " ") +
                                       " is not confirmed for vLLM " + series.vllm + " (" +
                                       mapping->source + ")");
        }
        if (!is_on) continue;
        if (mapping->control == VllmControl::request)
            result.request_parameters.push_back({feature, mapping->parameters, mapping->note});
        if (mapping->control == VllmControl::model)
            result.model_properties.push_back({feature, mapping->requirement});
        if (!mapping->note.empty() && mapping->control != VllmControl::request)
            result.notes.push_back(feature + ": " + mapping->note);
    }
    return result;
}

std::string release_name(const Matrix& matrix) {
    if (matrix.states.empty() || matrix.states.front().release.empty()) return matrix.id;
    return "vllm-" + matrix.states.front().release.substr(1);
}

VllmArgs vllm_args(std::string_view matrix_id, std::string_view hardware,
                   const std::vector<std::string>& enabled,
                   const std::vector<std::string>& matrix_features) {
    return VllmArgsMap::builtin().translate(matrix_id, hardware, enabled, matrix_features);
}

std::string shell_quote(std::string_view token) {
    const bool plain = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("-_=./,:@+%").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(token);
    std::string out = "'";
    for (char c : token) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

}  // namespace planner
