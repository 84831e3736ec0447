#include "model/facts/cell_link.hpp"

#include <array>
#include <cctype>

namespace planner {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

}  // namespace

bool is_cell_link(std::string_view url) {
    constexpr std::array<std::string_view, 2> kSchemes = {"https://", "http://"};
    for (std::string_view scheme : kSchemes)
        if (starts_with_ignoring_case(url, scheme) && url.size() > scheme.size()) return true;
    return false;
}

}  // namespace planner
