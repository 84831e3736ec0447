// Any bytes through the decoding and mojibake repair: either an InputError, or
// text that is well-formed UTF-8 (the readers rely on it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <planner/error.hpp>

#include "model/import/mojibake.hpp"
#include "model/import/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto decoded = planner::importing::decode_document_bytes(bytes, "fuzz.txt");
        if (planner::importing::first_invalid_utf8(decoded.text) != std::string_view::npos) std::abort();
        planner::importing::contains_mojibake_symbol(decoded.text);
    } catch (const planner::InputError&) {
    }
    return 0;
}
