#pragma once
// Lines of a JSON document a user wrote, for messages that name file:line.
// nlohmann::json reports no positions for values, so they are found by a
// second pass over the (already validated) text.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// The line where each element of the top-level array member `key` starts.
inline std::vector<size_t> element_lines(std::string_view text, std::string_view key) {
    std::vector<size_t> lines;
    size_t line = 1;
    int depth = 0;                 // open objects and arrays
    bool in_key_array = false;     // inside the top-level member `key`
    bool expect_element = false;   // the next value starts an element of it
    std::string_view last_string;  // the latest string at depth 1: a key once ':' follows
    std::string_view member;       // the key of the top-level member being read
    auto element_starts = [&] {
        if (depth == 2 && in_key_array && expect_element) {
            lines.push_back(line);
            expect_element = false;
        }
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            ++line;
        } else if (c == '"') {
            element_starts();
            size_t start = ++i;
            while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
            if (depth == 1) last_string = text.substr(start, i - start);
        } else if (c == ':') {
            if (depth == 1) member = last_string;
        } else if (c == '{' || c == '[') {
            element_starts();
            ++depth;
            if (depth == 2 && c == '[' && member == key) {
                in_key_array = expect_element = true;
                lines.clear();  // a repeated key; parse_strict_json refuses it
            }
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth < 2) in_key_array = false;
        } else if (c == ',') {
            if (depth == 2 && in_key_array) expect_element = true;
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
            element_starts();  // a number, true, false or null
        }
    }
    return lines;
}

// The line of a byte offset (a parse error's position).
inline size_t line_of_byte(std::string_view text, size_t byte) {
    byte = std::min(byte, text.size());
    return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n'));
}

}  // namespace planner
