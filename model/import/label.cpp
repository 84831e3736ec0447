#include "model/import/label.hpp"

#include "model/import/text.hpp"

namespace planner::importing {

namespace {

// "TEXT (Title)" as in :abbr:`prmpt adptr (Prompt Adapter)`.
void split_abbreviation(std::string_view body, Label& label) {
    size_t open = body.rfind('(');
    if (open != std::string_view::npos && ends_with(body, ")")) {
        label.title = std::string(trim(body.substr(open + 1, body.size() - open - 2)));
        body = body.substr(0, open);
    }
    label.text = std::string(trim(body));
}

// The text between the first '>' after `from` and the next "</tag>".
std::string_view html_element_text(std::string_view s, size_t from, std::string_view tag) {
    size_t open_end = s.find('>', from);
    size_t close = s.find("</" + std::string(tag), open_end);
    if (open_end == std::string_view::npos || close == std::string_view::npos) return {};
    return s.substr(open_end + 1, close - open_end - 1);
}

std::string strip_html_tags(std::string_view s) {
    std::string out;
    bool in_tag = false;
    for (char c : s) {
        if (c == '<') in_tag = true;
        else if (c == '>' && in_tag) in_tag = false;
        else if (!in_tag) out.push_back(c);
    }
    return out;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    for (char c : trim(s)) {
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else if (c != '*' && c != '`' && c != '\\') {  // emphasis and escapes carry no name
            out.push_back(c);
        }
    }
    return std::string(trim(out));
}

}  // namespace

Label parse_label(std::string_view markup) {
    Label label;
    std::string_view s = trim(markup);
    // Sphinx and MyST roles: :ref:`...`, :abbr:`...`, {abbr}`...`.
    for (std::string_view role : {":ref:`", ":doc:`", ":abbr:`", "{ref}`", "{doc}`", "{abbr}`"}) {
        if (!starts_with(s, role) || !ends_with(s, "`")) continue;
        std::string_view body = s.substr(role.size(), s.size() - role.size() - 1);
        if (role.find("abbr") != std::string_view::npos) {
            split_abbreviation(body, label);
        } else {
            size_t target = body.rfind('<');
            label.text = std::string(trim(target == std::string_view::npos ? body : body.substr(0, target)));
        }
        label.text = collapse_spaces(label.text);
        return label;
    }
    if (size_t abbr = s.find("<abbr"); abbr != std::string_view::npos) {
        size_t title = s.find("title=", abbr);
        if (title != std::string_view::npos && title + 6 < s.size()) {
            char q = s[title + 6];
            size_t end = s.find(q, title + 7);
            if ((q == '"' || q == '\'') && end != std::string_view::npos)
                label.title = std::string(s.substr(title + 7, end - title - 7));
        }
        label.text = collapse_spaces(strip_html_tags(html_element_text(s, abbr, "abbr")));
        return label;
    }
    // [TEXT](url), [TEXT][ref], [TEXT]
    if (starts_with(s, "[")) {
        size_t close = s.find(']');
        if (close != std::string_view::npos) {
            label.text = collapse_spaces(strip_html_tags(s.substr(1, close - 1)));
            return label;
        }
    }
    // `TEXT <url>`_ (an RST hyperlink)
    if (starts_with(s, "`") && s.find(" <") != std::string_view::npos) {
        label.text = collapse_spaces(s.substr(1, s.find(" <") - 1));
        return label;
    }
    label.text = collapse_spaces(strip_html_tags(s));
    return label;
}

}  // namespace planner::importing
