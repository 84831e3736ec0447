#include "model/io/strings.hpp"

namespace planner {

namespace {

template <typename Items>
std::string joined(const Items& items, std::string_view separator) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.append(separator);
        out.append(items[i]);
    }
    return out;
}

}  // namespace

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    return joined(items, separator);
}

std::string join(const std::vector<std::string_view>& items, std::string_view separator) {
    return joined(items, separator);
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view spaces = " \t\n\v\f\r";
    const size_t first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace planner
