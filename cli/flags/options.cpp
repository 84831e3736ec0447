#include "cli/flags/options.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/missing_column.hpp>

#include "cli/flags/hardware_auto.hpp"
#include "cli/flags/have_flag.hpp"
#include "model/facts/own_names.hpp"
#include "model/facts/removed_features.hpp"
#include "model/facts/feature_spelling.hpp"
#include "model/facts/taken_name.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

CLI::Validator non_empty_value() {
    // An empty value is a script's unset variable, never a choice of the default.
    return CLI::Validator([](const std::string& value) { return value.empty() ? "must not be empty" : ""; },
                          "", "non-empty");
}

void refuse_control_characters(std::string_view flag, std::string_view value) {
    for (size_t at = 0; at < value.size(); ++at) {
        const auto byte = static_cast<unsigned char>(value[at]);
        if (byte >= 0x20 && byte != 0x7f) continue;
        // Escaped, so that the message shows what was typed on one line.
        std::string shown;
        for (const char c : value.substr(0, std::min<size_t>(value.size(), 80))) {
            const auto b = static_cast<unsigned char>(c);
            if (b >= 0x20 && b != 0x7f) {
                shown.push_back(c);
                continue;
            }
            constexpr char hex[] = "0123456789abcdef";
            shown.append("\\x").push_back(hex[b >> 4]);
            shown.push_back(hex[b & 0xf]);
        }
        throw UsageError(std::string(flag) + ": '" + shown + "' holds a control character (byte " +
                         std::to_string(at + 1) + "); no name has one");
    }
}

std::vector<std::string> split_names(std::string_view flag, const std::vector<std::string>& raw) {
    std::vector<std::string> names;
    for (const std::string& value : raw) {
        refuse_control_characters(flag, value);
        size_t start = 0;
        while (true) {
            size_t comma = value.find(',', start);
            std::string item = value.substr(start, comma == std::string::npos ? std::string::npos
                                                                              : comma - start);
            // Spaces around commas are a typing habit, not part of a name.
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            if (item.empty())
                throw UsageError(std::string(flag) + ": empty name in '" + value + "'");
            names.push_back(item);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return names;
}

std::vector<SignedFeature> resolve_signed_features(std::string_view flag, const std::vector<std::string>& raw,
                                                   const Matrix& matrix) {
    std::vector<SignedFeature> out;
    for (const std::string& name : split_names(flag, raw)) {
        std::optional<FeatureSpelling> spelling = find_feature_spelling(name);
        if (!spelling) {
            if (std::string own = own_feature_id(matrix, name); !own.empty()) spelling = FeatureSpelling{own, false, "", false};
        }
        if (!spelling)
            if (const auto close = nearest_features_in(matrix, name); !close.empty())
                throw UsageError(std::string(flag) + ": unknown feature '" + input_excerpt(name) + "'; " +
                                 close_names(close) + " (planner features --matrix FILE lists them all)");
        if (!spelling) {
            try {
                Catalog::builtin().resolve_feature(name);  // throws with the close names
            } catch (const UsageError& e) {
                throw UsageError(std::string(flag) + ": " + e.what());
            }
        }
        const std::string& id = spelling->id;
        if (!matrix.has_feature(id)) {
            auto others = matrices_with_feature(id);
            // The row left the page because vLLM removed the feature: say so, with the source.
            std::string removed;
            if (const RemovedFeature* removal = removal_for(matrix, id))
                removed = "; " + removal_text(*removal) + ": " + removal->source.url +
                          (removal->source.quote.empty() ? "" : " (\"" + removal->source.quote + "\")");
            throw UsageError(std::string(flag) + ": feature '" + id + "' has no row in matrix " +
                             matrix.id + removed +
                             (others.empty() ? "; no shipped matrix has it"
                                             : "; matrices that have it: " + join(others) +
                                                   " (pick one with --matrix)"));
        }
        const auto same = std::find_if(out.begin(), out.end(), [&](const SignedFeature& f) { return f.id == id; });
        if (same == out.end()) {
            out.push_back({id, spelling->negated, name});
        } else if (same->negated != spelling->negated) {
            throw UsageError(std::string(flag) + ": '" + same->typed + "' and '" + name + "' say opposite things about " +
                             id);
        }
    }
    return out;
}

std::vector<std::string> resolve_features(std::string_view flag, const std::vector<std::string>& raw,
                                          const Matrix& matrix) {
    std::vector<std::string> ids;
    for (const SignedFeature& feature : resolve_signed_features(flag, raw, matrix)) {
        if (feature.negated)
            throw UsageError(std::string(flag) + ": '" + feature.typed + "' turns " + feature.id + " off; " +
                             std::string(flag) + " takes features to turn on (--never " + feature.id +
                             " says it must stay off)");
        ids.push_back(feature.id);
    }
    return ids;
}

namespace {

// The class a value of `flag` (--hw or --hw-as) names (a product, a
// capability, auto: this machine's), or a column of `matrix` the catalog
// lacks (gaudi). Every message names `flag`.
std::string resolve_hardware_id(std::string_view flag, std::string_view raw, unsigned timeout_ms,
                                const Matrix& matrix) {
    const std::string prefix = std::string(flag) + ": ";
    if (raw.empty()) throw UsageError(prefix + kEmptyHardware);
    refuse_control_characters(flag, raw);
    std::string name;
    try {
        name = hardware_argument(flag, raw, timeout_ms);
    } catch (const UsageError& e) {
        throw UsageError(prefix + e.what());
    }
    if (const CatalogEntry* entry = Catalog::builtin().find_hardware(name)) return entry->id;
    if (std::string own = own_hardware_id(matrix, name); !own.empty()) return own;
    if (const auto close = nearest_hardware_in(matrix, name); !close.empty())
        throw UsageError(prefix + "unknown hardware '" + input_excerpt(name) + "'; " + close_names(close) +
                         " (planner hardware --matrix FILE lists them all)");
    try {
        return Catalog::builtin().resolve_hardware(name);
    } catch (const UsageError& e) {
        throw UsageError(prefix + e.what());
    }
}

[[noreturn]] void refuse_missing_column(std::string_view flag, const std::string& id, const Matrix& matrix) {
    auto others = matrices_with_hardware(id);
    throw UsageError(std::string(flag) + ": hardware '" + id + "' has no column in matrix " + matrix.id +
                     (others.empty() ? "; no shipped matrix has it (a newer matrix document may: "
                                       "planner import DOC -o FILE, then --matrix FILE)"
                                     : "; matrices that have it: " + join(others) + " (pick one with --matrix)"));
}

}  // namespace

std::string resolve_shown_hardware(std::string_view raw, const Matrix& matrix, std::string_view command) {
    const std::string id = resolve_hardware_id("--hw", raw, 0, matrix);
    if (matrix.has_hardware(id)) return id;
    const CatalogEntry* entry = Catalog::builtin().find_hardware(id);
    if (!entry || !entry->no_published_column) refuse_missing_column("--hw", id, matrix);
    // A stand-in column is an assumption a plan states, not a column to show.
    const std::string stand_in = suggested_stand_in(matrix, id);
    std::string message = "--hw: no compatibility matrix vLLM has published has a " + id +
                          " column, so planner " + std::string(command) + " has none to show";
    if (!stand_in.empty())
        message += "; planner " + std::string(command) + " --hw " + stand_in + " shows the column that --hw-as " +
                   stand_in + " would borrow";
    message += "; to plan for " + id + ", maximize, repair, check, explain, enumerate and versions take --hw " +
               std::string(raw) + " (every " + id + " cell unknown)" +
               (stand_in.empty() ? "" : " or --hw " + std::string(raw) + " --hw-as " + stand_in);
    throw UsageError(message);
}

std::string resolve_hardware_in(std::string_view raw, const Matrix& matrix, unsigned timeout_ms,
                                std::string_view flag) {
    const std::string id = resolve_hardware_id(flag, raw, timeout_ms, matrix);
    if (!matrix.has_hardware(id)) refuse_missing_column(flag, id, matrix);
    return id;
}

namespace {

// --hw for a planning request: a class the matrix lacks is planned for with a
// stand-in column when --hw-as names one, or when no published matrix has
// the class at all (every cell unknown); otherwise refused as before.
void resolve_planned_hardware(const RequestFlags& flags, const Matrix& matrix, Request& request) {
    const std::string id = resolve_hardware_id("--hw", flags.hardware, request.timeout_ms, matrix);
    const CatalogEntry* entry = Catalog::builtin().find_hardware(id);
    if (!flags.hardware_as.empty()) {
        if (matrix.has_hardware(id))
            throw UsageError("--hw-as: matrix " + matrix.id + " has its own column for " + id +
                             "; --hw-as is for a class it has none for");
        request.hardware = id;
        request.hardware_as = resolve_hardware_in(flags.hardware_as, matrix, request.timeout_ms, "--hw-as");
        request.missing_column = MissingColumn::borrow;
        return;
    }
    if (!matrix.has_hardware(id) && entry && entry->no_published_column) {
        request.hardware = id;
        request.missing_column = MissingColumn::all_unknown;
        return;
    }
    request.hardware = resolve_hardware_in(flags.hardware, matrix, request.timeout_ms);
}

}  // namespace

std::vector<std::string> hardware_name_notes(const RequestFlags& flags) {
    if (flags.hardware.empty() || normalize_name(flags.hardware) == normalize_name(kDetectHardware)) return {};
    const HardwareName name = Catalog::builtin().find_hardware_name(flags.hardware);
    if (name.assumption.empty()) return {};
    return {name.assumption};
}

std::string not_a_count(std::string_view who, std::string_view text, unsigned long max) {
    std::string message(who);
    message.append(": '").append(input_excerpt(text)).append("' is not a whole number from 0 to ");
    return message.append(std::to_string(max));
}

unsigned long parse_count(std::string_view flag, std::string_view text, unsigned long max) {
    unsigned long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value > max)
        throw UsageError(not_a_count(flag, text, max));
    return value;
}

std::map<std::string, int> parse_weights(const std::vector<std::string>& raw, const Matrix& matrix) {
    std::map<std::string, int> weights;
    for (const std::string& item : split_names("--weight", raw)) {
        size_t equals = item.find('=');
        if (equals == std::string::npos)
            throw UsageError("--weight: '" + item + "' is not of the form feature=number");
        std::string name = item.substr(0, equals);
        std::string number = item.substr(equals + 1);
        std::string id = resolve_features("--weight", {name}, matrix).front();
        int weight = static_cast<int>(parse_count("--weight " + name, number, max_weight));
        auto [slot, inserted] = weights.emplace(id, weight);
        if (!inserted && slot->second != weight)
            throw UsageError("--weight: two weights for '" + id + "' (" + std::to_string(slot->second) +
                             " and " + std::to_string(weight) + ")");
    }
    return weights;
}

Policy policy_from(const RequestFlags& flags) {
    Policy policy;
    policy.forbid_partial = flags.strict || flags.forbid_partial;
    policy.forbid_unknown = flags.strict || flags.forbid_unknown;
    return policy;
}

Request build_request(const RequestFlags& flags, const Matrix& matrix) {
    Request request;
    request.timeout_ms = static_cast<unsigned>(parse_count("--timeout-ms", flags.timeout_ms, max_timeout_ms));
    if (!flags.hardware.empty()) resolve_planned_hardware(flags, matrix, request);
    else if (!flags.hardware_as.empty()) throw UsageError("--hw-as needs --hw: the class to plan for");
    // A negating spelling (--enforce-eager = not cuda-graph) swaps --must and
    // --never, and keeps its feature under --keep (--have: have_flag.cpp).
    for (const SignedFeature& feature : resolve_signed_features("--must", flags.must, matrix))
        (feature.negated ? request.never : request.must).push_back(feature.id);
    for (const SignedFeature& feature : resolve_signed_features("--never", flags.never, matrix))
        (feature.negated ? request.must : request.never).push_back(feature.id);
    request.prefer = resolve_features("--prefer", flags.prefer, matrix);
    // The defaults a class cannot have are those of the column actually
    // planned on: the borrowed one under --hw-as (cuda-graph is off on cpu).
    request.have = resolve_have(flags.have, matrix,
                                request.hardware_as.empty() ? request.hardware : request.hardware_as);
    for (const SignedFeature& feature : resolve_signed_features("--keep", flags.keep, matrix))
        request.keep.push_back(feature.id);
    request.weights = parse_weights(flags.weights, matrix);
    request.policy = policy_from(flags);
    request.allow_hardware_change = flags.allow_hardware_change;
    // A price for a switch that is not allowed would be a flag without effect.
    if (!flags.hardware_cost.empty() && !flags.allow_hardware_change)
        throw UsageError("--hw-cost needs --allow-hw: it is the cost of a hardware switch, which only --allow-hw "
                         "allows");
    request.hardware_cost =
        flags.hardware_cost.empty() ? 1 : static_cast<int>(parse_count("--hw-cost", flags.hardware_cost, max_weight));
    request.limit = parse_count("--limit", flags.limit, max_limit);

    for (const std::string& id : request.must)
        if (std::find(request.never.begin(), request.never.end(), id) != request.never.end())
            throw UsageError("'" + id + "' is both --must and --never");
    for (const std::string& id : request.prefer)
        if (std::find(request.never.begin(), request.never.end(), id) != request.never.end())
            throw UsageError("'" + id + "' is both --prefer and --never");
    return request;
}

}  // namespace planner::cli
