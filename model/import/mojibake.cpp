#include "model/import/mojibake.hpp"

#include <array>
#include <cstdio>
#include <optional>
#include <unordered_map>

#include "model/import/text.hpp"
#include "model/import/utf8.hpp"

namespace planner::importing {

namespace {

// Mac OS Roman, bytes 0x80..0xFF.
constexpr std::array<char32_t, 128> kMacRoman = {
    0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4,
    0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF,
    0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020,
    0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4,
    0x00A8, 0x2260, 0x00C6, 0x00D8, 0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202,
    0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1,
    0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3,
    0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
    0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02, 0x2021, 0x00B7, 0x201A,
    0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC,
    0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF,
    0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7};

// Windows-1252, bytes 0x80..0x9F; 0xA0..0xFF are Latin-1. The five bytes the
// code page leaves undefined decode to the C1 controls of the same number, as
// the WHATWG and Python decoders make them.
constexpr std::array<char32_t, 32> kWindows1252 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

struct Legacy {
    const char* name;
    char32_t (*decode)(unsigned char byte);  // byte >= 0x80
};

char32_t mac_roman(unsigned char byte) { return kMacRoman[byte - 0x80]; }
char32_t windows_1252(unsigned char byte) { return byte < 0xA0 ? kWindows1252[byte - 0x80] : char32_t(byte); }

// Mac Roman first: the shipped seed is Mac Roman, and a Windows-1252 mojibake
// never passes as Mac Roman (its bytes do not form UTF-8 that way).
constexpr Legacy kLegacy[] = {{"Mac Roman", &mac_roman}, {"Windows-1252", &windows_1252}};

// Code point -> byte, built once per encoding: documents run to megabytes.
const std::unordered_map<char32_t, unsigned char>& byte_table(const Legacy& legacy) {
    static const auto build = [](const Legacy& l) {
        std::unordered_map<char32_t, unsigned char> table;
        for (unsigned byte = 0x80; byte <= 0xFF; ++byte)
            table.emplace(l.decode(static_cast<unsigned char>(byte)), static_cast<unsigned char>(byte));
        // Older Mac Roman tables put the currency sign where newer ones put the euro.
        if (l.decode == &mac_roman) table.emplace(0x00A4, static_cast<unsigned char>(0xDB));
        return table;
    };
    static const std::unordered_map<char32_t, unsigned char> tables[] = {build(kLegacy[0]), build(kLegacy[1])};
    return tables[&legacy - kLegacy];
}

std::optional<unsigned char> legacy_byte(const Legacy& legacy, char32_t cp) {
    if (cp < 0x80) return static_cast<unsigned char>(cp);
    const auto& table = byte_table(legacy);
    auto found = table.find(cp);
    if (found == table.end()) return std::nullopt;
    return found->second;
}

// The symbols of the matrix as they look after the mis-decoding.
std::string mojibake_of(const Legacy& legacy, std::string_view utf8) {
    std::string out;
    for (char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        append_utf8(out, byte < 0x80 ? char32_t(byte) : legacy.decode(byte));
    }
    return out;
}

// nullopt when some character has no byte in the legacy encoding: then the
// text cannot be that encoding's mojibake.
std::optional<std::string> legacy_bytes_of(const Legacy& legacy, std::string_view text) {
    std::string bytes;
    bytes.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        auto cp = decode_utf8_at(text, pos);
        if (!cp) return std::nullopt;
        auto byte = legacy_byte(legacy, cp->value);
        if (!byte) return std::nullopt;
        bytes.push_back(static_cast<char>(*byte));
        pos += cp->length;
    }
    return bytes;
}

bool contains_mojibake_of(const Legacy& legacy, std::string_view text) {
    for (std::string_view symbol : {"✅", "❌", "✗", "🟠", "❔"})
        if (text.find(mojibake_of(legacy, symbol)) != std::string_view::npos) return true;
    return false;
}

bool has_non_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

}  // namespace

bool contains_mojibake_symbol(std::string_view text) {
    for (const Legacy& legacy : kLegacy)
        if (contains_mojibake_of(legacy, text)) return true;
    return false;
}

DecodedText decode_document_bytes(std::string_view bytes, std::string_view file) {
    if (size_t nul = bytes.find('\0'); nul != std::string_view::npos)
        fail_at(file, line_of_offset(bytes, nul),
                "binary data (a NUL byte), not a text document");
    if (size_t bad = first_invalid_utf8(bytes); bad != std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
        fail_at(file, line_of_offset(bytes, bad),
                std::string("not UTF-8 text (byte ") + hex + " at column " +
                    std::to_string(bad - bytes.substr(0, bad).rfind('\n')) + ")");
    }
    if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);

    DecodedText out{std::string(bytes), ""};
    if (!has_non_ascii(bytes)) return out;
    // Mojibake is text whose every character is a byte of the legacy encoding
    // and whose bytes, read back as UTF-8, are valid. Genuine text almost never
    // passes both tests ("café" re-encodes to a lone 0xE9 or 0x8E), so the
    // repair is safe to make on its own.
    for (const Legacy& legacy : kLegacy) {
        auto original = legacy_bytes_of(legacy, bytes);
        if (!original) continue;
        size_t bad = first_invalid_utf8(*original);
        if (bad == std::string_view::npos) {
            out.text = std::move(*original);
            out.repaired_from = legacy.name;
            return out;
        }
        if (contains_mojibake_of(legacy, bytes))
            fail_at(file, line_of_offset(*original, bad),
                    std::string(legacy.name) +
                        " mojibake that cannot be repaired (a cut or damaged character); re-export the "
                        "document as UTF-8");
    }
    return out;
}

}  // namespace planner::importing
