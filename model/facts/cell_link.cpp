#include "model/facts/cell_link.hpp"

#include <algorithm>
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

bool is_control(char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

// RFC 3986 leaves these out of every part of a URL (they must be
// percent-encoded); browsers and Graphviz read them as the end of the link or
// of the attribute holding it.
bool no_url_holds(char c) {
    constexpr std::string_view kNever = " \"<>\\^`{|}";
    return is_control(c) || kNever.find(c) != std::string_view::npos;
}

bool has_scheme(std::string_view url) {
    constexpr std::array<std::string_view, 2> kSchemes = {"https://", "http://"};
    return std::any_of(kSchemes.begin(), kSchemes.end(), [url](std::string_view scheme) {
        return starts_with_ignoring_case(url, scheme) && url.size() > scheme.size();
    });
}

}  // namespace

bool has_character_no_url_holds(std::string_view url) {
    return std::any_of(url.begin(), url.end(), no_url_holds);
}

bool is_cell_link(std::string_view url) {
    return has_scheme(url) && !has_character_no_url_holds(url);
}

std::string cell_link_fault(std::string_view url, std::string_view shorthands) {
    const auto held = std::find_if(url.begin(), url.end(), no_url_holds);
    if (held != url.end()) {
        std::string fault = "is not a URL: it holds ";
        if (is_control(*held)) return fault.append("a control character");
        if (*held == ' ') return fault.append("a space");
        return fault.append("'").append(1, *held).append("'");
    }
    if (has_scheme(url)) return {};
    return std::string("is not ").append(kCellLinkRule).append(shorthands);
}

}  // namespace planner
