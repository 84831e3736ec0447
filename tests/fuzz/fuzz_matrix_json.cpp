// Any bytes through the canonical matrix loader; what loads must write back
// and load again to the same document (an exception on the second load is a
// bug, so it is not caught).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <planner/error.hpp>

#include "model/io/matrix_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::optional<planner::Matrix> matrix;
    try {
        matrix = planner::matrix_from_json(text, "fuzz.json");
    } catch (const planner::InputError&) {
        return 0;
    }
    std::string once = planner::matrix_to_json(*matrix);
    std::string twice = planner::matrix_to_json(planner::matrix_from_json(once, "fuzz-again.json"));
    if (once != twice) std::abort();
    return 0;
}
