#pragma once
// Minimal UTF-8 decoding and encoding: enough to validate documents and to
// undo the Mac Roman mojibake, without a new dependency.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace planner::importing {

// The code point starting at text[pos] and its length in bytes; nullopt when
// the bytes there are not well-formed UTF-8 (overlong forms and surrogates included).
struct CodePoint {
    char32_t value;
    size_t length;
};
std::optional<CodePoint> decode_utf8_at(std::string_view text, size_t pos);

// Byte offset of the first malformed sequence, or npos when the text is valid.
size_t first_invalid_utf8(std::string_view text);

void append_utf8(std::string& out, char32_t code_point);

// 1-based line number of a byte offset.
int line_of_offset(std::string_view text, size_t offset);

}  // namespace planner::importing
