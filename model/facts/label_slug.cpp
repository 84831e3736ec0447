#include "model/facts/label_slug.hpp"

namespace planner {

namespace {

// ASCII only, whatever the locale: the same label gives the same id everywhere.
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string label_slug(std::string_view label) {
    std::string slug;
    slug.reserve(label.size());
    bool separator_pending = false;
    for (char c : label) {
        if (!is_ascii_alnum(c)) {
            separator_pending = true;
            continue;
        }
        if (separator_pending && !slug.empty()) slug.push_back('-');
        separator_pending = false;
        slug.push_back(ascii_lower(c));
    }
    return slug;
}

bool is_label_slug(std::string_view id) { return !id.empty() && label_slug(id) == id; }

}  // namespace planner
