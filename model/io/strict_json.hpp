#pragma once
// JSON parsing for files a user wrote by hand. nlohmann's parser keeps the last
// of two equal keys without a word, so {"value": "no", "value": "yes"} would
// be a silent guess; and nesting has no bound of its own. Both are refused
// here, naming the path of the object in the document.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <planner/error.hpp>

#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"

namespace planner {

namespace strict_json {

// Paths are spelled only for a message: spelling each one as its value
// opens would copy a long key into every array under it (quadratic).
struct Frame {
    bool object = false;
    std::set<std::string> keys;
    std::string last_key;
    size_t next_index = 0;
    bool named_by_key = false;  // by its parent's last_key, else by index_in_parent
    size_t index_in_parent = 0;
};
// nlohmann's own DOM builder behind a SAX handler that checks each event.
// Not nlohmann::json::parse with a callback: its callback parser searches
// the whole enclosing array for a discarded value after every object ends, which is
// quadratic in an array of objects (80,000 matrix pairs: a second here,
// minutes under the sanitizers). `Json` is nlohmann::json, or
// nlohmann::ordered_json where the order the keys were written in matters.
template <class Json>
struct StrictBuilder {
    using number_integer_t = typename Json::number_integer_t;
    using number_unsigned_t = typename Json::number_unsigned_t;
    using number_float_t = typename Json::number_float_t;
    using string_t = typename Json::string_t;
    using binary_t = typename Json::binary_t;

    const std::string& origin;
    nlohmann::detail::json_sax_dom_parser<Json> dom;
    std::vector<Frame> open;
    // Set when messages name lines ("rules.json:4: ..."): the text, and how
    // often each key has appeared so far, to find a repeated key's line.
    std::string_view text;
    std::map<std::string, size_t> key_count;

    StrictBuilder(const std::string& origin_, Json& root) : origin(origin_), dom(root) {}

    // SAX events carry no position; the n-th key named `name` is the n-th
    // `"name":` of the text (a quote inside a string is escaped, so no string
    // holds one). 0 when the key is spelled with escapes.
    size_t line_of_key(const std::string& name, size_t nth) const {
        const std::string quoted = "\"" + name + "\"";
        for (size_t at = text.find(quoted); at != std::string_view::npos; at = text.find(quoted, at + 1)) {
            size_t after = at + quoted.size();
            while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\n' ||
                                           text[after] == '\r'))
                ++after;
            if (after < text.size() && text[after] == ':' && --nth == 0)
                return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
        }
        return 0;
    }

    std::string path_of(size_t frames) const {
        std::string path;
        for (size_t k = 1; k < frames; ++k) {
            if (open[k].named_by_key)
                path.append(path.empty() ? "" : ".").append(open[k - 1].last_key);
            else
                path.append("[").append(std::to_string(open[k].index_in_parent)).append("]");
        }
        return path;
    }
    [[noreturn]] void fail(const std::string& path, const std::string& what, size_t line = 0) const {
        std::string message = origin;
        if (line > 0) message.append(":").append(std::to_string(line));
        message.append(": ").append(path.empty() ? "document" : path).append(": ").append(what);
        throw InputError(message);
    }
    void opening(bool object) {
        Frame frame;
        frame.object = object;
        if (!open.empty()) {
            frame.named_by_key = open.back().object;
            if (!frame.named_by_key) frame.index_in_parent = open.back().next_index++;
        }
        open.push_back(std::move(frame));
        if (open.size() > limits::kMaxJsonDepth)
            fail(path_of(open.size()), std::string("nested deeper than ")
                                           .append(std::to_string(limits::kMaxJsonDepth))
                                           .append(" levels"));
    }
    void scalar() {
        if (!open.empty() && !open.back().object) ++open.back().next_index;
    }

    bool null() { return scalar(), dom.null(); }
    bool boolean(bool value) { return scalar(), dom.boolean(value); }
    bool number_integer(number_integer_t value) { return scalar(), dom.number_integer(value); }
    bool number_unsigned(number_unsigned_t value) { return scalar(), dom.number_unsigned(value); }
    bool number_float(number_float_t value, const string_t& spelled) {
        return scalar(), dom.number_float(value, spelled);
    }
    bool string(string_t& value) { return scalar(), dom.string(value); }
    bool binary(binary_t& value) { return scalar(), dom.binary(value); }
    bool start_object(std::size_t size) { return opening(true), dom.start_object(size); }
    bool start_array(std::size_t size) { return opening(false), dom.start_array(size); }
    bool end_object() {
        if (!open.empty()) open.pop_back();
        return dom.end_object();
    }
    bool end_array() {
        if (!open.empty()) open.pop_back();
        return dom.end_array();
    }
    bool key(string_t& name) {
        Frame& object = open.back();
        object.last_key = name;
        const size_t nth = text.empty() ? 0 : ++key_count[name];
        if (!object.keys.insert(object.last_key).second) {
            std::string path = path_of(open.size());
            path.append(path.empty() ? "" : ".").append(object.last_key);
            fail(path, std::string("the key \"").append(object.last_key).append("\" appears twice in one object"),
                 nth == 0 ? 0 : line_of_key(name, nth));
        }
        return dom.key(name);
    }
    // Rethrows as the exception's own type (parse_error, out_of_range).
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        return dom.parse_error(position, token, error);
    }
};
}  // namespace strict_json

// nlohmann's lexer takes a NUL byte for the end of the input (it reads C
// strings too), so "{...}\0garbage" would pass with the rest unread. Throws
// InputError naming the first NUL's line and column (in bytes, from 1).
inline void refuse_nul_byte(std::string_view text, const std::string& origin) {
    const size_t nul = text.find('\0');
    if (nul == std::string_view::npos) return;
    const size_t newline = text.rfind('\n', nul);
    const size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
    std::string message = origin;
    message.append(": a NUL byte at line ").append(std::to_string(line));
    message.append(", column ").append(std::to_string(nul - line_start + 1)).append("; a JSON file is text");
    throw InputError(message);
}

// Throws InputError "origin: path: ..." for a repeated key or nesting deeper
// than limits::kMaxJsonDepth, and "origin:line: ..." for a number out of
// range, and refuses a NUL byte (refuse_nul_byte); syntax errors stay
// nlohmann::json::parse_error, so that each caller words them with its own
// line numbers.
// `name_lines`: a repeated key's message names its line ("origin:4: path: ...").
template <class Json = nlohmann::json>
Json parse_strict_json(std::string_view text, const std::string& origin, bool name_lines = false) {
    refuse_nul_byte(text, origin);
    try {
        Json parsed;
        strict_json::StrictBuilder<Json> builder(origin, parsed);
        if (name_lines) builder.text = text;
        Json::sax_parse(text, &builder);
        return parsed;
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond double (1e999) is not a parse_error in nlohmann, and
        // carries no position: find the token it quotes to name the line.
        const std::string what = e.what();
        const size_t open_quote = what.find('\''), close_quote = what.rfind('\'');
        std::string token;
        if (open_quote != std::string::npos && close_quote > open_quote)
            token = what.substr(open_quote + 1, close_quote - open_quote - 1);
        const size_t at = token.empty() ? std::string_view::npos : text.find(token);
        std::string message = origin;
        if (at != std::string_view::npos)
            message.append(":").append(std::to_string(1 + std::count(text.begin(), text.begin() + at, '\n')));
        message.append(": not valid JSON (the number ").append(input_excerpt(token)).append(" is out of range)");
        throw InputError(message);
    }
}

}  // namespace planner
