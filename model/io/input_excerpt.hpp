#pragma once
// User input quoted in an error message. A 500,000-digit id or a megabyte-long
// name quoted whole would bury the message (and a terminal) under itself; its
// start and its size say enough to find it.
#include <string>
#include <string_view>

namespace planner {

inline constexpr size_t kQuotedInputKeep = 40;

// `text` itself when short; else its first kQuotedInputKeep bytes (cut
// before a UTF-8 sequence, never inside one) and "... (N bytes)".
inline std::string input_excerpt(std::string_view text) {
    if (text.size() <= kQuotedInputKeep + 16) return std::string(text);
    size_t cut = kQuotedInputKeep;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace planner
