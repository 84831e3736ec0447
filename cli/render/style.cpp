#include "cli/render/style.hpp"

#include <cctype>
#include <map>
#include <cstdlib>
#include <unistd.h>

#include <planner/catalog.hpp>

namespace planner::cli {

namespace {

ColourMode colour_mode = ColourMode::automatic;

bool is_set(const char* variable) {
    const char* value = std::getenv(variable);
    return value && *value;
}

}  // namespace

void set_colour_mode(ColourMode mode) { colour_mode = mode; }

Style Style::for_stdout(bool json) {
    if (json || colour_mode == ColourMode::never) return Style(false);
    if (colour_mode == ColourMode::always) return Style(true);
    // A dumb terminal shows escape sequences as text.
    const char* term = std::getenv("TERM");
    if (is_set("NO_COLOR") || (term && std::string_view(term) == "dumb")) return Style(false);
    return Style(isatty(STDOUT_FILENO) == 1);
}

std::string Style::wrap(std::string_view code, std::string_view text) const {
    if (!colour_ || text.empty()) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

std::string_view cell_symbol(CellValue value) {
    switch (value) {
        case CellValue::yes: return "✅";
        case CellValue::no: return "❌";
        case CellValue::partial: return "🟠";
        case CellValue::unknown: return "❔";
        case CellValue::blank: return "";
    }
    return "";
}

std::string cell_value_text(CellValue value) {
    if (value == CellValue::blank) return "blank";
    return std::string(cell_symbol(value)) + " " + std::string(to_string(value));
}

namespace {

std::string label_of(const CatalogEntry* entry, std::string_view id, const std::map<std::string, std::string>& names) {
    if (entry && !entry->labels.empty()) return entry->labels.front();
    auto name = names.find(std::string(id));
    return name == names.end() ? std::string(id) : name->second;
}

// Wide (two-column) code points among those the planner prints: the emoji
// blocks and the dingbats with emoji presentation (✅ U+2705, ❌ U+274C, ❔ U+2754),
// plus CJK for document titles.
bool is_wide(char32_t c) {
    return (c >= 0x1F300 && c <= 0x1FAFF) || c == 0x2705 || c == 0x274C || c == 0x274E ||
           (c >= 0x2753 && c <= 0x2755) || c == 0x2757 || (c >= 0x1100 && c <= 0x115F) ||
           (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

bool is_zero_width(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D;
}

}  // namespace

std::string feature_label(std::string_view id, const Matrix& matrix) {
    return label_of(Catalog::builtin().find_feature(id), id, matrix.feature_names);
}

std::string hardware_label(std::string_view id, const Matrix& matrix) {
    return label_of(Catalog::builtin().find_hardware(id), id, matrix.hardware_names);
}

size_t display_width(std::string_view utf8) {
    size_t width = 0;
    for (size_t i = 0; i < utf8.size();) {
        auto byte = static_cast<unsigned char>(utf8[i]);
        if (byte == 0x1b) {  // CSI escape: skip to the final letter
            while (i < utf8.size() && !std::isalpha(static_cast<unsigned char>(utf8[i])) ) ++i;
            ++i;
            continue;
        }
        size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        char32_t code = length == 1 ? byte : byte & (0xFF >> (length + 1));
        for (size_t k = 1; k < length && i + k < utf8.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += length;
        if (is_zero_width(code)) continue;
        width += is_wide(code) ? 2 : 1;
    }
    return width;
}

std::string pad_right(std::string_view text, size_t width) {
    size_t used = display_width(text);
    return std::string(text) + std::string(used < width ? width - used : 0, ' ');
}

std::string pad_left(std::string_view text, size_t width) {
    size_t used = display_width(text);
    return std::string(used < width ? width - used : 0, ' ') + std::string(text);
}

}  // namespace planner::cli
