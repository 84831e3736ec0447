#pragma once
// What one matrix cell says about a pair of features or a feature on hardware.
#include <optional>
#include <string_view>

namespace planner {

enum class CellValue { yes, no, partial, unknown, blank };

// The canonical spelling used in data/*.json and every output: yes no partial unknown blank.
std::string_view to_string(CellValue value);
std::optional<CellValue> cell_value_from_string(std::string_view text);

// Partial and unknown cells may be relied on, but only as named risks.
constexpr bool is_uncertain(CellValue value) {
    return value == CellValue::partial || value == CellValue::unknown;
}

}  // namespace planner
