#include "cli/options.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "cli/hardware_auto.hpp"
#include "model/catalog.hpp"
#include "model/error.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

// Shipped matrices that have a row for `feature`, for the error that sends
// the user to one of them.
std::vector<std::string> matrices_with_feature(std::string_view feature) {
    std::vector<std::string> ids;
    for (const ShippedMatrix& shipped : shipped_matrices())
        if (load_matrix(shipped.id).has_feature(feature)) ids.push_back(shipped.id);
    return ids;
}

}  // namespace

void add_json_flag(CLI::App& command, bool& json) {
    command.add_flag("--json", json, "print one JSON document on stdout (schema planner-result/1)");
}

void add_matrix_option(CLI::App& command, std::string& matrix) {
    command.add_option("--matrix", matrix,
                       "matrix id (planner matrix list) or file (planner-matrix JSON or a "
                       "document import reads); default: the newest shipped")
        ->type_name("ID|FILE");
}

void add_hardware_option(CLI::App& command, std::string& hardware, bool required) {
    auto* option = command.add_option("--hw", hardware,
                                      "hardware class or product (ampere, a100, sm80, h100, mi300x, ...), or auto: this machine's")
                       ->type_name("HW");
    if (required) option->required();
}

CLI::Option* add_name_list_option(CLI::App& command, const std::string& flag, std::vector<std::string>& raw,
                          const std::string& help) {
    return command.add_option(flag, raw, help + " (comma list, repeatable)")
        ->type_name("F,..")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_weight_option(CLI::App& command, RequestFlags& flags) {
    command.add_option("--weight", flags.weights,
                       "feature weights, e.g. lora=3,cp=2 (whole numbers, default 1 each)")
        ->type_name("F=N,..")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_policy_flags(CLI::App& command, RequestFlags& flags) {
    command.add_flag("--strict", flags.strict, "forbid partial and unknown cells");
    command.add_flag("--forbid-partial", flags.forbid_partial, "forbid partial cells");
    command.add_flag("--forbid-unknown", flags.forbid_unknown, "forbid unknown cells");
}

void add_timeout_option(CLI::App& command, RequestFlags& flags) {
    command.add_option("--timeout-ms", flags.timeout_ms, "give up after N milliseconds (0: no limit)")
        ->type_name("N");
}

std::vector<std::string> split_names(std::string_view flag, const std::vector<std::string>& raw) {
    std::vector<std::string> names;
    for (const std::string& value : raw) {
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

std::vector<std::string> resolve_features(std::string_view flag, const std::vector<std::string>& raw,
                                          const Matrix& matrix) {
    std::vector<std::string> ids;
    for (const std::string& name : split_names(flag, raw)) {
        std::string id;
        try {
            id = Catalog::builtin().resolve_feature(name);
        } catch (const UsageError& e) {
            throw UsageError(std::string(flag) + ": " + e.what());
        }
        if (!matrix.has_feature(id)) {
            auto others = matrices_with_feature(id);
            throw UsageError(std::string(flag) + ": feature '" + id + "' has no row in matrix " +
                             matrix.id +
                             (others.empty() ? "; no shipped matrix has it"
                                             : "; matrices that have it: " + join(others) +
                                                   " (pick one with --matrix)"));
        }
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
}

std::string resolve_hardware_in(std::string_view raw, const Matrix& matrix) {
    std::string id;
    try {
        id = Catalog::builtin().resolve_hardware(hardware_argument(raw));
    } catch (const UsageError& e) {
        throw UsageError(std::string("--hw: ") + e.what());
    }
    if (!matrix.has_hardware(id)) {
        auto others = matrices_with_hardware(id);
        throw UsageError("--hw: hardware '" + id + "' has no column in matrix " + matrix.id +
                         (others.empty() ? "; no shipped matrix has it (a newer matrix document may: "
                                           "planner import DOC -o FILE, then --matrix FILE)"
                                         : "; matrices that have it: " + join(others) +
                                               " (pick one with --matrix)"));
    }
    return id;
}

unsigned long parse_count(std::string_view flag, std::string_view text, unsigned long max) {
    unsigned long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value > max)
        throw UsageError(std::string(flag) + ": '" + std::string(text) +
                         "' is not a whole number from 0 to " + std::to_string(max));
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
    if (!flags.hardware.empty()) request.hardware = resolve_hardware_in(flags.hardware, matrix);
    request.must = resolve_features("--must", flags.must, matrix);
    request.never = resolve_features("--never", flags.never, matrix);
    request.prefer = resolve_features("--prefer", flags.prefer, matrix);
    request.have = resolve_features("--have", flags.have, matrix);
    request.keep = resolve_features("--keep", flags.keep, matrix);
    request.weights = parse_weights(flags.weights, matrix);
    request.policy = policy_from(flags);
    request.allow_hardware_change = flags.allow_hardware_change;
    request.hardware_cost = static_cast<int>(parse_count("--hw-cost", flags.hardware_cost, max_weight));
    request.timeout_ms = static_cast<unsigned>(parse_count("--timeout-ms", flags.timeout_ms, 86400000));
    request.limit = parse_count("--limit", flags.limit, 1000000);

    for (const std::string& id : request.must)
        if (std::find(request.never.begin(), request.never.end(), id) != request.never.end())
            throw UsageError("'" + id + "' is both --must and --never");
    for (const std::string& id : request.prefer)
        if (std::find(request.never.begin(), request.never.end(), id) != request.never.end())
            throw UsageError("'" + id + "' is both --prefer and --never");
    return request;
}

}  // namespace planner::cli
