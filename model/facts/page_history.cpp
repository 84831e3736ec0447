#include "model/facts/page_history.hpp"

#include <cctype>

namespace planner {

namespace {

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int number_of(std::string_view digits) {
    int value = 0;
    for (const char c : digits) value = value * 10 + (c - '0');
    return value;
}

constexpr std::string_view kStatePrefix = "vllm-docs-";

}  // namespace

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    const std::string_view year = text.substr(0, 4), month = text.substr(5, 2), day = text.substr(8, 2);
    if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return false;
    const int y = number_of(year), m = number_of(month), d = number_of(day);
    if (m < 1 || m > 12 || d < 1) return false;
    // 2025-02-30 would sort as a date and name the state before it; the calendar says no.
    constexpr int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days_in[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool is_page_state_id(std::string_view id) {
    if (!id.starts_with(kStatePrefix)) return false;
    id.remove_prefix(kStatePrefix.size());
    if (!is_iso_date(id.substr(0, 10))) return false;
    if (id.size() == 10) return true;
    // A suffix counts the states of one day from the second on; "-01" or "-1" would be a second name.
    const std::string_view nth = id.substr(10);
    return nth.size() >= 2 && nth[0] == '-' && all_digits(nth.substr(1)) && nth[1] != '0' &&
           number_of(nth.substr(1)) >= 2;
}

std::string page_state_id(std::string_view date, int nth) {
    std::string id(kStatePrefix);
    id.append(date);
    if (nth > 1) id.append("-").append(std::to_string(nth));
    return id;
}

std::optional<std::vector<int>> release_numbers(std::string_view tag) {
    if (!tag.starts_with('v')) return std::nullopt;
    tag.remove_prefix(1);
    std::vector<int> numbers;
    while (true) {
        const size_t dot = tag.find('.');
        const std::string_view part = tag.substr(0, dot);
        // No leading zeros: "v0.06" would be a second spelling of v0.6.
        if (!all_digits(part) || part.size() > 4 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
        numbers.push_back(number_of(part));
        if (dot == std::string_view::npos) break;
        tag.remove_prefix(dot + 1);
    }
    if (numbers.size() < 2 || numbers.size() > 3) return std::nullopt;
    return numbers;
}

// vLLM tags each release with three numbers; "v0.6" is a line, not a tag.
bool is_release_tag(std::string_view tag) {
    const auto numbers = release_numbers(tag);
    return numbers && numbers->size() == 3;
}

}  // namespace planner
