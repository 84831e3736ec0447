#include "cli/flags/batch_request.hpp"

#include <algorithm>
#include <array>

#include <planner/error.hpp>

#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

using nlohmann::json;
// A line's keys in the order written: the command line reads its flags in
// that order too, and --weight lora=3,LoRA=4 and {"lora": 3, "LoRA": 4} name
// their two weights alike.
using nlohmann::ordered_json;

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
// without parsing it: nlohmann keeps a number beyond 64 bits only as a double,
// which has lost the digits an id needs, refuses one beyond double range
// (1e400), and gives -0 back as 0 and 1e1 as 10.0, which a message quoting
// the value must not. Empty when the text is not an object of that shape (the
// parse says what is wrong with it). Linear in the text: called for a few keys
// a line, never for each of a list's items.
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

// The keys of a question's lines: "id" and "cmd", then the batch keys of the
// flag rows it takes (flag_table.cpp), in their order.
std::vector<std::string_view> keys_of(Question question) {
    std::vector<std::string_view> keys = {"id", "cmd"};
    for (const FlagRow& row : flag_rows())
        if (!row.batch_key.empty() && takes(row, plan_command_of(question))) keys.push_back(row.batch_key);
    return keys;
}

// The row a key of a `question` line sets; nullptr for a key it does not take.
const FlagRow* row_of_key(std::string_view key, Question question) {
    for (const FlagRow& row : flag_rows())
        if (!row.batch_key.empty() && (row.batch_key == key || row.batch_alias == key) &&
            takes(row, plan_command_of(question)))
            return &row;
    return nullptr;
}

[[noreturn]] void wrong_type(std::string_view key, std::string_view expected, const ordered_json& value) {
    std::string message = "\"";
    message.append(input_excerpt(key)).append("\" must be ").append(expected).append(", not ").append(input_excerpt(value.dump()));
    throw UsageError(message);
}

std::string string_of(std::string_view key, const ordered_json& value) {
    if (!value.is_string()) wrong_type(key, "a string", value);
    return value.get<std::string>();
}

bool bool_of(std::string_view key, const ordered_json& value) {
    if (!value.is_boolean()) wrong_type(key, "true or false", value);
    return value.get<bool>();
}

// A member's value as `object_text` wrote it, for a message.
std::string as_written(const ordered_json& value, std::string_view object_text, std::string_view key) {
    const std::string_view written = raw_member_text(object_text, key);
    return written.empty() ? value.dump() : std::string(written);
}

bool is_count_up_to(const ordered_json& value, unsigned long most) {
    return value.is_number_unsigned() && value.get<unsigned long long>() <= most;
}

std::string quoted_key(std::string_view key) {
    return "\"" + input_excerpt(key) + "\"";
}

// Kept as text, as the command line keeps it; refused here with the flag's
// words, naming the key, since build_request would name the flag.
std::string count_of(const FlagRow& row, std::string_view key, const ordered_json& value, std::string_view line) {
    if (!is_count_up_to(value, row.most))
        throw UsageError(not_a_count(quoted_key(key), as_written(value, line, key), row.most));
    return std::to_string(value.get<unsigned long long>());
}

// A list of names, or one comma-separated string as on the command line.
std::vector<std::string> names_of(std::string_view key, const ordered_json& value) {
    if (value.is_string()) return {value.get<std::string>()};
    if (!value.is_array()) wrong_type(key, "a list of names", value);
    std::vector<std::string> names;
    for (const ordered_json& item : value) {
        if (!item.is_string()) wrong_type(key, "a list of names", value);
        names.push_back(item.get<std::string>());
    }
    return names;
}

// {"lora": 3} -> "lora=3", the command line's spelling, in the order written;
// a weight is refused as --weight refuses it ("--weight lora: ..."), naming
// the key ("\"weight\" lora: ...").
std::vector<std::string> weights_of(const FlagRow& row, std::string_view key, const ordered_json& value,
                                    std::string_view line) {
    if (!value.is_object()) wrong_type(key, "an object of feature: whole number", value);
    std::vector<std::string> items;
    for (const auto& [name, weight] : value.items()) {
        if (!is_count_up_to(weight, row.most))
            throw UsageError(not_a_count(quoted_key(key) + " " + input_excerpt(name),
                                         as_written(weight, raw_member_text(line, key), name), row.most));
        std::string item = name;
        item.append("=").append(std::to_string(weight.get<unsigned long long>()));
        items.push_back(std::move(item));
    }
    return items;
}

// {"pipeline_parallel_size": 2, "sd_method": "eagle"} -> "NAME=VALUE", as --set is typed.
std::vector<std::string> settings_of(std::string_view key, const ordered_json& value) {
    if (!value.is_object()) wrong_type(key, "an object of variable: value", value);
    std::vector<std::string> items;
    for (const auto& [name, setting] : value.items()) {
        if (setting.is_string()) items.push_back(name + "=" + setting.get<std::string>());
        else if (setting.is_number_integer()) items.push_back(name + "=" + setting.dump());
        else wrong_type(key, "an object of variable: value (a string or an integer)", value);
    }
    return items;
}

std::string one_of(const std::vector<std::string>& choices) {
    std::string out;
    for (size_t i = 0; i < choices.size(); ++i)
        out.append(i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ").append("\"" + choices[i] + "\"");
    return out;
}

// The value of `key` into the flag's place, read by what the flag takes and
// refused as the command line refuses it. `line` is the request, for quoting a
// value as written.
void set_key(const FlagRow& row, std::string_view key, const ordered_json& value, std::string_view line,
             PlanFlags& flags) {
    switch (row.value) {
    case FlagValue::on_off: row.target.on_off(flags) = bool_of(key, value); return;
    case FlagValue::count: row.target.text(flags) = count_of(row, key, value, line); return;
    case FlagValue::names: row.target.list(flags) = names_of(key, value); return;
    case FlagValue::weights: row.target.list(flags) = weights_of(row, key, value, line); return;
    case FlagValue::settings: row.target.list(flags) = settings_of(key, value); return;
    case FlagValue::text: {
        std::string text = string_of(key, value);
        if (text.empty() && !row.empty_refusal.empty())
            throw UsageError("\"" + std::string(key) + "\": " + std::string(row.empty_refusal));
        row.target.text(flags) = std::move(text);
        return;
    }
    case FlagValue::choice: {
        std::string text = string_of(key, value);
        const std::vector<std::string>& choices = row.batch_choices.empty() ? row.choices : row.batch_choices;
        if (std::find(choices.begin(), choices.end(), text) == choices.end())
            throw UsageError("\"" + std::string(key) + "\" must be " + one_of(choices) + ", not \"" +
                             input_excerpt(text) + "\"");
        row.target.text(flags) = std::move(text);
        return;
    }
    }
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
        std::vector<std::string_view> keys = keys_of(question.question);
        out.append("  ").append(question.name).append(": ").append(join(keys)).append("\n");
    }
    return out;
}

bool is_batch_command(std::string_view command) {
    return question_named(command).has_value();
}

void parse_batch_request(std::string_view line, BatchRequest& request) {
    // The stream's first line may start with a byte order mark; the values'
    // text is read after it.
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
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
    ordered_json document;
    try {
        document = parse_strict_json<ordered_json>(number_id.empty() ? line : std::string_view(line_with_plain_id),
                                                   "request");
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
    const std::string command_name = string_of("cmd", *command);
    const std::optional<Question> question = question_named(command_name);
    if (!question)
        throw UsageError("unknown \"cmd\" \"" + input_excerpt(command_name) +
                         "\"; one of maximize, repair, check, explain, enumerate");
    request.command = command_name;
    request.question = *question;
    set_initial_values(plan_command_of(request.question), request.flags);

    const std::vector<std::string_view> keys = keys_of(request.question);
    std::vector<const FlagRow*> given;
    for (const auto& [key, value] : document.items()) {
        if (key == "id" || key == "cmd") continue;
        const FlagRow* row = row_of_key(key, request.question);
        if (!row)
            throw UsageError("\"" + input_excerpt(key) + "\" is not a key of " + request.command + " (it takes " +
                             join(keys) + ")");
        // "weights", the spelling of earlier releases, stays an alias of "weight".
        if (std::find(given.begin(), given.end(), row) != given.end())
            throw UsageError("\"" + std::string(row->batch_key) + "\" and \"" + std::string(row->batch_alias) +
                             "\" are the same key; give one");
        given.push_back(row);
        set_key(*row, key, value, line, request.flags);
    }
    for (const FlagRow& row : flag_rows())
        if (row.required && !row.batch_key.empty() && takes(row, plan_command_of(request.question)) &&
            std::find(given.begin(), given.end(), &row) == given.end())
            throw UsageError("no \"" + std::string(row.batch_key) + "\": " + std::string(row.missing));
}

}  // namespace planner::cli
