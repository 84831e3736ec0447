// Overlays: an even first byte makes each remaining line an `--assume` item,
// an odd one makes the rest a planner-overlay/1 file. What parses is applied
// to the newest shipped matrix. Refusals are InputError (a file) or UsageError
// (a flag); anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/overlay.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const planner::Matrix matrix = planner::load_matrix();
    const bool from_file = data[0] % 2 == 1;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        std::vector<planner::CellAssumption> assumptions;
        if (from_file) {
            assumptions = planner::parse_overlay(text, "fuzz.json");
        } else {
            size_t start = 0;
            while (start <= text.size()) {
                size_t end = text.find('\n', start);
                if (end == std::string_view::npos) end = text.size();
                assumptions.push_back(planner::parse_assumption(text.substr(start, end - start)));
                start = end + 1;
            }
        }
        planner::apply_overlay(matrix, assumptions, planner::MissingCell::error);
        planner::apply_overlay(matrix, assumptions, planner::MissingCell::skip);
    } catch (const planner::InputError&) {
    } catch (const planner::UsageError&) {
    }
    return 0;
}
