#include "cli/batch_request.hpp"

#include <algorithm>
#include <array>

#include "model/error.hpp"
#include "model/strict_json.hpp"

namespace planner::cli {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> commands = {"maximize", "repair", "check", "explain", "enumerate"};

// The keys each command takes: its command-line flags, minus --json (a batch
// answer is always JSON) and --explain-order (text only).
std::vector<std::string_view> keys_of(std::string_view command) {
    std::vector<std::string_view> keys = {"id",     "cmd",           "hw",           "matrix", "strict",
                                          "forbid_partial", "forbid_unknown", "assume", "overlay"};
    std::vector<std::string_view> own;
    if (command == "maximize")
        own = {"must", "never", "prefer", "weights", "allow_hw", "timeout_ms", "format"};
    else if (command == "repair")
        own = {"have", "keep", "weights", "allow_hw", "hw_cost", "timeout_ms", "format"};
    else if (command == "check")
        own = {"have"};
    else if (command == "explain")
        own = {"must", "never", "timeout_ms"};
    else if (command == "enumerate")
        own = {"must", "never", "limit", "timeout_ms", "format"};
    keys.insert(keys.end(), own.begin(), own.end());
    return keys;
}

std::string joined(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::string_view item : items) {
        if (!out.empty()) out.append(", ");
        out.append(item);
    }
    return out;
}

[[noreturn]] void wrong_type(std::string_view key, std::string_view expected, const json& value) {
    std::string message = "\"";
    message.append(key).append("\" must be ").append(expected).append(", not ").append(value.dump());
    throw UsageError(message);
}

std::string string_of(std::string_view key, const json& value) {
    if (!value.is_string()) wrong_type(key, "a string", value);
    return value.get<std::string>();
}

bool bool_of(std::string_view key, const json& value) {
    if (!value.is_boolean()) wrong_type(key, "true or false", value);
    return value.get<bool>();
}

// Kept as text: build_request checks the range with the flag's own message.
std::string count_of(std::string_view key, const json& value) {
    if (!value.is_number_unsigned()) wrong_type(key, "a whole number", value);
    return std::to_string(value.get<unsigned long long>());
}

// A list of names, or one comma-separated string as on the command line.
std::vector<std::string> names_of(std::string_view key, const json& value) {
    if (value.is_string()) return {value.get<std::string>()};
    if (!value.is_array()) wrong_type(key, "a list of names", value);
    std::vector<std::string> names;
    for (const json& item : value) {
        if (!item.is_string()) wrong_type(key, "a list of names", value);
        names.push_back(item.get<std::string>());
    }
    return names;
}

// {"lora": 3} -> "lora=3", the command line's spelling.
std::vector<std::string> weights_of(const json& value) {
    if (!value.is_object()) wrong_type("weights", "an object of feature: whole number", value);
    std::vector<std::string> items;
    for (const auto& [name, weight] : value.items()) {
        if (!weight.is_number_unsigned()) wrong_type("weights", "an object of feature: whole number", value);
        std::string item = name;
        item.append("=").append(std::to_string(weight.get<unsigned long long>()));
        items.push_back(std::move(item));
    }
    return items;
}

void set_key(std::string_view key, const json& value, BatchRequest& request) {
    RequestFlags& flags = request.flags.request;
    if (key == "hw") flags.hardware = string_of(key, value);
    else if (key == "matrix") request.flags.matrix = string_of(key, value);
    else if (key == "assume") request.flags.overlay.assume = names_of(key, value);
    else if (key == "overlay") request.flags.overlay.files = names_of(key, value);
    else if (key == "strict") flags.strict = bool_of(key, value);
    else if (key == "forbid_partial") flags.forbid_partial = bool_of(key, value);
    else if (key == "forbid_unknown") flags.forbid_unknown = bool_of(key, value);
    else if (key == "must") flags.must = names_of(key, value);
    else if (key == "never") flags.never = names_of(key, value);
    else if (key == "prefer") flags.prefer = names_of(key, value);
    else if (key == "have") flags.have = names_of(key, value);
    else if (key == "keep") flags.keep = names_of(key, value);
    else if (key == "weights") flags.weights = weights_of(value);
    else if (key == "allow_hw") flags.allow_hardware_change = bool_of(key, value);
    else if (key == "hw_cost") flags.hardware_cost = count_of(key, value);
    else if (key == "timeout_ms") flags.timeout_ms = count_of(key, value);
    else if (key == "limit") flags.limit = count_of(key, value);
    else if (key == "format") {
        std::string format = string_of(key, value);
        if (format != "json" && format != "vllm-args")
            throw UsageError("\"format\" must be \"json\" or \"vllm-args\", not \"" + format + "\"");
        request.flags.format = format;
    }
}

}  // namespace

bool is_batch_command(std::string_view command) {
    return std::find(commands.begin(), commands.end(), command) != commands.end();
}

void parse_batch_request(std::string_view line, BatchRequest& request) {
    json document;
    try {
        document = parse_strict_json(line, "request");
    } catch (const json::parse_error& e) {
        // nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 5: ...":
        // the column and the reason are what help; the line number is the caller's.
        const std::string what = e.what();
        const size_t column = what.find("column");
        std::string message = "not a JSON object: ";
        message.append(column == std::string::npos ? what : what.substr(column));
        throw InputError(message);
    }
    if (!document.is_object()) {
        std::string message = "not a JSON object: ";
        throw InputError(message.append(document.dump().substr(0, 80)));
    }

    if (auto id = document.find("id"); id != document.end()) {
        if (!id->is_string() && !id->is_number() && !id->is_null())
            wrong_type("id", "a string or a number", *id);
        request.id = *id;
    }
    auto command = document.find("cmd");
    if (command == document.end())
        throw UsageError("no \"cmd\"; one of maximize, repair, check, explain, enumerate");
    request.command = string_of("cmd", *command);
    if (!is_batch_command(request.command))
        throw UsageError("unknown \"cmd\" \"" + request.command +
                         "\"; one of maximize, repair, check, explain, enumerate");

    const std::vector<std::string_view> keys = keys_of(request.command);
    for (const auto& [key, value] : document.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            throw UsageError("\"" + key + "\" is not a key of " + request.command + " (it takes " +
                             joined(keys) + ")");
        set_key(key, value, request);
    }
    if (!document.contains("hw")) throw UsageError("no \"hw\" (a hardware class, product or \"auto\")");
    if ((request.command == "check" || request.command == "repair") && !document.contains("have"))
        throw UsageError("no \"have\": " + request.command + " needs the features that are on");
}

}  // namespace planner::cli
