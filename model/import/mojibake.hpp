#pragma once
// Turn the bytes of a document into UTF-8 text the readers can trust, undoing
// the mojibake that some copies carry: UTF-8 bytes once decoded as Mac Roman
// ("✅" became "‚úÖ") or as Windows-1252 ("âœ…") and saved again as UTF-8.
#include <string>
#include <string_view>

namespace planner::importing {

struct DecodedText {
    std::string text;
    std::string repaired_from;  // "Mac Roman" or "Windows-1252" when mojibake was undone, else ""
};

// Throws InputError naming file:line for binary data, malformed UTF-8, and
// mojibake that cannot be undone (cut or damaged sequences).
DecodedText decode_document_bytes(std::string_view bytes, std::string_view file);

// True when `text` holds the mojibake of a matrix symbol, for hints in
// "unknown symbol" messages.
bool contains_mojibake_symbol(std::string_view text);

}  // namespace planner::importing
