#include "cli/flags/batch_request.hpp"

#include <algorithm>
#include <array>

#include <planner/error.hpp>

#include "cli/flags/options.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

using nlohmann::json;

// The keys each command takes: its command-line flags, minus --json (a batch
// answer is always JSON) and --explain-order (text only).
std::vector<std::string_view> keys_of(std::string_view command) {
    std::vector<std::string_view> keys = {"id",     "cmd",           "hw",           "hw_as", "matrix", "strict_labels", "strict",
                                          "forbid_partial", "forbid_unknown", "assume", "overlay",
                                          "rules", "set"};
    std::vector<std::string_view> own;
    if (command == "maximize")
        own = {"must", "never", "prefer", "weight", "allow_hw", "timeout_ms", "format"};
    else if (command == "repair")
        own = {"have", "keep", "weight", "allow_hw", "hw_cost", "limit", "timeout_ms", "format"};
    else if (command == "check")
        own = {"have"};
    else if (command == "explain")
        own = {"must", "never", "timeout_ms"};
    else if (command == "enumerate")
        own = {"must", "never", "limit", "timeout_ms", "format"};
    keys.insert(keys.end(), own.begin(), own.end());
    return keys;
}

[[noreturn]] void wrong_type(std::string_view key, std::string_view expected, const json& value) {
    std::string message = "\"";
    message.append(input_excerpt(key)).append("\" must be ").append(expected).append(", not ").append(input_excerpt(value.dump()));
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
std::vector<std::string> weights_of(std::string_view key, const json& value) {
    if (!value.is_object()) wrong_type(key, "an object of feature: whole number", value);
    std::vector<std::string> items;
    for (const auto& [name, weight] : value.items()) {
        if (!weight.is_number_unsigned()) wrong_type(key, "an object of feature: whole number", value);
        std::string item = name;
        item.append("=").append(std::to_string(weight.get<unsigned long long>()));
        items.push_back(std::move(item));
    }
    return items;
}

// {"pipeline_parallel_size": 2, "sd_method": "eagle"} -> "NAME=VALUE", as --set is typed.
std::vector<std::string> settings_of(std::string_view key, const json& value) {
    if (!value.is_object()) wrong_type(key, "an object of variable: value", value);
    std::vector<std::string> items;
    for (const auto& [name, setting] : value.items()) {
        if (setting.is_string()) items.push_back(name + "=" + setting.get<std::string>());
        else if (setting.is_number_integer()) items.push_back(name + "=" + setting.dump());
        else wrong_type(key, "an object of variable: value (a string or an integer)", value);
    }
    return items;
}

void set_key(std::string_view key, const json& value, BatchRequest& request) {
    RequestFlags& flags = request.flags.request;
    if (key == "hw") {
        flags.hardware = string_of(key, value);
        if (flags.hardware.empty()) throw UsageError(std::string("\"hw\": ") + kEmptyHardware);
    } else if (key == "hw_as") {
        flags.hardware_as = string_of(key, value);
        if (flags.hardware_as.empty()) throw UsageError(std::string("\"hw_as\": ") + kEmptyHardwareAs);
    } else if (key == "matrix") {
        request.flags.matrix = string_of(key, value);
        if (request.flags.matrix.empty())
            throw UsageError("\"matrix\" must not be empty (leave the key out for the default matrix)");
    }
    else if (key == "strict_labels") request.flags.strict_labels = bool_of(key, value);
    else if (key == "assume") request.flags.overlay.assume = names_of(key, value);
    else if (key == "overlay") request.flags.overlay.files = names_of(key, value);
    else if (key == "rules") request.flags.rules.files = names_of(key, value);
    else if (key == "set") request.flags.rules.set = settings_of(key, value);
    else if (key == "strict") flags.strict = bool_of(key, value);
    else if (key == "forbid_partial") flags.forbid_partial = bool_of(key, value);
    else if (key == "forbid_unknown") flags.forbid_unknown = bool_of(key, value);
    else if (key == "must") flags.must = names_of(key, value);
    else if (key == "never") flags.never = names_of(key, value);
    else if (key == "prefer") flags.prefer = names_of(key, value);
    else if (key == "have") flags.have = names_of(key, value);
    else if (key == "keep") flags.keep = names_of(key, value);
    else if (key == "weight" || key == "weights") flags.weights = weights_of(key, value);
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

size_t skip_space(std::string_view text, size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) ++at;
    return at;
}

// `at` is on the opening quote; the index past the closing one.
size_t end_of_string(std::string_view text, size_t at) {
    for (++at; at < text.size() && text[at] != '"'; ++at)
        if (text[at] == '\\') ++at;
    return at + 1;
}

size_t end_of_value(std::string_view text, size_t at) {
    if (at >= text.size()) return text.size();
    if (text[at] == '"') return end_of_string(text, at);
    if (text[at] != '{' && text[at] != '[') return std::min(text.size(), text.find_first_of(",}] \t\r\n", at));
    size_t depth = 0;
    while (at < text.size()) {
        const char c = text[at];
        if (c == '"') {
            at = end_of_string(text, at);
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if ((c == '}' || c == ']') && --depth == 0) return at + 1;
        ++at;
    }
    return at;
}

// The text of the value of `key` in the JSON object `object_text`, read
// before (and without) parsing it: nlohmann keeps a number beyond 64 bits only
// as a double, which has lost the digits an id needs, and refuses one beyond
// double range (1e400). Empty when the text is not an object of that shape;
// the parse that follows says what is wrong with it.
std::string_view raw_member_text(std::string_view object_text, std::string_view key) {
    size_t at = skip_space(object_text, 0);
    if (at >= object_text.size() || object_text[at] != '{') return {};
    at = skip_space(object_text, at + 1);
    while (at < object_text.size() && object_text[at] == '"') {
        const size_t key_end = end_of_string(object_text, at);
        if (key_end > object_text.size()) return {};
        const json parsed_key = json::parse(object_text.substr(at, key_end - at), nullptr, false);
        const bool wanted = parsed_key.is_string() && parsed_key.get<std::string>() == key;
        const size_t colon = skip_space(object_text, key_end);
        if (colon >= object_text.size() || object_text[colon] != ':') return {};
        const size_t value_start = skip_space(object_text, colon + 1);
        const size_t value_end = end_of_value(object_text, value_start);
        if (wanted) return object_text.substr(value_start, value_end - value_start);
        at = skip_space(object_text, value_end);
        if (at < object_text.size() && object_text[at] == ',') at = skip_space(object_text, at + 1);
    }
    return {};
}

// Whether `text` is one JSON number token, by the grammar of RFC 8259:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) {
    size_t at = 0;
    auto digits = [&] {
        const size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
        return at > start;
    };
    if (at < text.size() && text[at] == '-') ++at;
    if (at < text.size() && text[at] == '0') ++at;
    else if (!digits()) return false;
    if (at < text.size() && text[at] == '.' && (++at, !digits())) return false;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        ++at;
        if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
        if (!digits()) return false;
    }
    return at == text.size();
}

// nlohmann's syntax error quotes what it last read, which may be a whole
// megabyte-long token.
std::string shortened_parse_error(std::string what) {
    constexpr std::string_view marker = "last read: '";
    const size_t start = what.find(marker);
    if (start == std::string::npos) return what;
    const size_t token = start + marker.size();
    const size_t end = what.rfind('\'');
    if (end == std::string::npos || end < token) return what;
    return what.substr(0, token) + input_excerpt(std::string_view(what).substr(token, end - token)) + what.substr(end);
}

}  // namespace

std::string batch_keys_text() {
    std::string out;
    for (const QuestionInfo& question : questions()) {
        std::vector<std::string_view> keys = keys_of(question.name);
        out.append("  ").append(question.name).append(": ").append(join(keys)).append("\n");
    }
    return out;
}

bool is_batch_command(std::string_view command) {
    return question_named(command).has_value();
}

void parse_batch_request(std::string_view line, BatchRequest& request) {
    // An id is echoed, never computed with, so any number token is one, even
    // beyond double range: the line is parsed with it as 0, and its text kept.
    std::string_view number_id = raw_member_text(line, "id");
    if (!is_json_number(number_id)) number_id = {};
    std::string line_with_plain_id;
    if (!number_id.empty()) {
        request.id_text = number_id;  // so that an answer to a line that does not parse still carries it
        const size_t at = static_cast<size_t>(number_id.data() - line.data());
        line_with_plain_id.append(line.substr(0, at)).append("0").append(line.substr(at + number_id.size()));
    }
    json document;
    try {
        document = parse_strict_json(number_id.empty() ? line : std::string_view(line_with_plain_id), "request");
    } catch (const json::parse_error& e) {
        // nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 5: ...":
        // the column and the reason are what help; the line number is the caller's.
        const std::string what = e.what();
        const size_t column = what.find("column");
        std::string message = "not a JSON object: ";
        message.append(shortened_parse_error(column == std::string::npos ? what : what.substr(column)));
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
        request.id_text = number_id.empty() ? id->dump() : std::string(number_id);
    }
    auto command = document.find("cmd");
    if (command == document.end())
        throw UsageError("no \"cmd\"; one of maximize, repair, check, explain, enumerate");
    request.command = string_of("cmd", *command);
    const std::optional<Question> question = question_named(request.command);
    if (!question)
        throw UsageError("unknown \"cmd\" \"" + input_excerpt(request.command) +
                         "\"; one of maximize, repair, check, explain, enumerate");
    request.question = *question;
    if (request.question == Question::repair) request.flags.request.limit = "10";  // the command line's default

    const std::vector<std::string_view> keys = keys_of(request.command);
    const bool takes_weight = std::find(keys.begin(), keys.end(), "weight") != keys.end();
    if (takes_weight && document.contains("weight") && document.contains("weights"))
        throw UsageError("\"weight\" and \"weights\" are the same key; give one");
    for (const auto& [key, value] : document.items()) {
        // "weights", the spelling of earlier releases, stays an alias of "weight".
        const bool known = std::find(keys.begin(), keys.end(), key) != keys.end() || (takes_weight && key == "weights");
        if (!known)
            throw UsageError("\"" + input_excerpt(key) + "\" is not a key of " + request.command + " (it takes " +
                             join(keys) + ")");
        set_key(key, value, request);
    }
    if (!document.contains("hw")) throw UsageError("no \"hw\" (a hardware class, product or \"auto\")");
    if (info(request.question).needs_have && !document.contains("have"))
        throw UsageError("no \"have\": " + request.command + " needs the features that are on");
}

}  // namespace planner::cli
