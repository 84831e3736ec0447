#include <planner/cell_value.hpp>

#include <array>

namespace planner {

namespace {
constexpr std::array<std::string_view, 5> kNames = {"yes", "no", "partial", "unknown", "blank"};
}

std::string_view to_string(CellValue value) { return kNames[static_cast<size_t>(value)]; }

std::optional<CellValue> cell_value_from_string(std::string_view text) {
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == text) return static_cast<CellValue>(i);
    return std::nullopt;
}

}  // namespace planner
