#include "cli/render/json_line.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

namespace planner::cli {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// How many bytes a UTF-8 sequence with this lead byte has (0: not a lead byte).
size_t sequence_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Whether `byte` may follow `lead` at position `k` (1-based) of its sequence:
// the ranges that exclude overlong forms, surrogates and code points past U+10FFFF.
bool continues(unsigned char lead, size_t k, unsigned char byte) {
    unsigned char low = 0x80, high = 0xBF;
    if (k == 1) {
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    }
    return byte >= low && byte <= high;
}

// Copies the sequence at text[i] and returns the bytes consumed. A broken one
// becomes one U+FFFD for its lead and the continuation bytes that fit, and the
// byte that broke it is read again, as dump()'s replace handler does.
size_t append_sequence(std::string_view text, size_t i, std::string& out) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = sequence_length(lead);
    if (length == 0) {
        out.append(replacement);
        return 1;
    }
    for (size_t k = 1; k < length; ++k) {
        if (i + k >= text.size() || !continues(lead, k, static_cast<unsigned char>(text[i + k]))) {
            out.append(replacement);
            return k;
        }
    }
    out.append(text.substr(i, length));
    return length;
}

void append_string(std::string_view text, std::string& out) {
    out.push_back('"');
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            i += append_sequence(text, i, out);
            continue;
        }
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (c < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xF]);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
        ++i;
    }
    out.push_back('"');
}

template <typename Number>
void append_number(Number value, std::string& out) {
    char buffer[24];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

}  // namespace

void append_json_line(const ordered_json& document, std::string& out) {
    switch (document.type()) {
    case ordered_json::value_t::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& [key, value] : document.items()) {
            if (!first) out.push_back(',');
            first = false;
            append_string(key, out);
            out.push_back(':');
            append_json_line(value, out);
        }
        out.push_back('}');
        return;
    }
    case ordered_json::value_t::array: {
        out.push_back('[');
        bool first = true;
        for (const ordered_json& value : document) {
            if (!first) out.push_back(',');
            first = false;
            append_json_line(value, out);
        }
        out.push_back(']');
        return;
    }
    case ordered_json::value_t::string:
        append_string(document.get_ref<const std::string&>(), out);
        return;
    case ordered_json::value_t::boolean:
        out.append(document.get<bool>() ? "true" : "false");
        return;
    case ordered_json::value_t::number_integer:
        append_number(document.get<std::int64_t>(), out);
        return;
    case ordered_json::value_t::number_unsigned:
        append_number(document.get<std::uint64_t>(), out);
        return;
    case ordered_json::value_t::null:
        out.append("null");
        return;
    default:  // floats and binary: dump()'s own formatting
        out.append(document.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
        return;
    }
}

std::string json_line_with_id(const ordered_json& id, const ordered_json& document) {
    std::string id_text;
    append_json_line(id, id_text);
    return json_line_with_id_text(id_text, document);
}

std::string json_line_with_id_text(std::string_view id_text, const ordered_json& document) {
    std::string out = "{\"id\":";
    out.append(id_text);
    for (const auto& [key, value] : document.items()) {
        if (key == "id") continue;
        out.push_back(',');
        append_string(key, out);
        out.push_back(':');
        append_json_line(value, out);
    }
    out.push_back('}');
    return out;
}

}  // namespace planner::cli
