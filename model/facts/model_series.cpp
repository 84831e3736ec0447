#include "model/facts/model_series.hpp"

#include <cctype>

namespace planner {

namespace {

bool digits_match(std::string_view pattern, std::string_view digits) {
    if (pattern.size() != digits.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i)
        if (pattern[i] != '#' && pattern[i] != digits[i]) return false;
    return true;
}

}  // namespace

const ModelSeries* model_series_of(const std::vector<ModelSeries>& series, std::string_view normalized) {
    size_t letters = 0;
    while (letters < normalized.size() && std::isalpha(static_cast<unsigned char>(normalized[letters]))) ++letters;
    size_t digits = letters;
    while (digits < normalized.size() && std::isdigit(static_cast<unsigned char>(normalized[digits]))) ++digits;
    const std::string_view head = normalized.substr(0, letters);
    const std::string_view number = normalized.substr(letters, digits - letters);
    const std::string_view rest = normalized.substr(digits);
    for (const ModelSeries& row : series)
        if (row.letters == head && digits_match(row.digits, number) && (row.suffix == "*" || row.suffix == rest))
            return &row;
    return nullptr;
}

}  // namespace planner
