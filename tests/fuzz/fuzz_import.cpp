// Any bytes through the document importer (every markup, mojibake repair):
// the importer may refuse them with InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <planner/error.hpp>

#include "model/import/importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        planner::import_document(bytes, "fuzz.md");
    } catch (const planner::InputError&) {
    }
    return 0;
}
