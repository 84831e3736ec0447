#include "model/import/html_block.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace planner::importing {

namespace {

bool is_tag_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// The tag name after '<' or '</' (lower case) and where it ends.
std::string tag_name(std::string_view t, size_t& end) {
    size_t start = starts_with(t, "</") ? 2 : 1;
    end = start;
    while (end < t.size() && is_tag_char(t[end])) ++end;
    return to_lower_ascii(t.substr(start, end - start));
}

// Kind 6: block-level tags; the block runs to the next blank line.
constexpr std::array<std::string_view, 62> kBlockTags = {
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "section", "source", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul"};

// Kind 1: the block runs to the line holding the closing tag.
constexpr std::array<std::string_view, 4> kRawTags = {"script", "pre", "style", "textarea"};

// Kinds 3-5: a start string and the string that ends the block.
struct Delimited {
    std::string_view start, end, name;
};
constexpr std::array<Delimited, 3> kDelimited = {
    Delimited{"<?", "?>", "an HTML processing instruction"},
    Delimited{"<![CDATA[", "]]>", "an HTML CDATA section"},
    Delimited{"<!", ">", "an HTML declaration"},
};

int line_with(const Document& doc, int n, size_t from, std::string_view needle, bool ignore_case) {
    for (int k = n; k <= doc.line_count(); ++k, from = 0) {
        const std::string_view line = doc.line(k);
        const std::string lowered = ignore_case ? to_lower_ascii(line) : std::string();
        const std::string_view text = ignore_case ? std::string_view(lowered) : line;
        if (from <= text.size() && text.find(needle, from) != std::string_view::npos) return k;
    }
    return 0;
}

int before_blank_line(const Document& doc, int n) {
    int k = n;
    while (k < doc.line_count() && !trim(doc.line(k + 1)).empty()) ++k;
    return k;
}

// Kind 7: a complete open or closing tag alone on the line.
bool lone_tag(std::string_view t) {
    if (!ends_with(t, ">") || t.find('>') != t.size() - 1) return false;
    size_t end = 0;
    const std::string name = tag_name(t, end);
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    const std::string_view rest = t.substr(end, t.size() - 1 - end);
    return rest.empty() || rest[0] == ' ' || rest[0] == '\t' || rest == "/";
}

}  // namespace

std::optional<HtmlBlock> html_block_at(const Document& doc, int n, bool after_paragraph) {
    const std::string_view line = doc.line(n);
    if (indent_of(line) > 3) return std::nullopt;
    const std::string_view t = trim(line);
    if (!starts_with(t, "<") || starts_with(t, "<!--")) return std::nullopt;
    size_t end = 0;
    const std::string name = tag_name(t, end);
    const bool closing = starts_with(t, "</");
    const char after = end < t.size() ? t[end] : ' ';
    const bool tag_ends = after == ' ' || after == '\t' || after == '>' || starts_with(t.substr(end), "/>");
    if (!closing && tag_ends && std::find(kRawTags.begin(), kRawTags.end(), name) != kRawTags.end()) {
        const std::string close = "</" + name + ">";
        const size_t column = static_cast<size_t>(t.data() - line.data()) + end;
        const int last = line_with(doc, n, column, close, true);
        return HtmlBlock{last ? last : doc.line_count(), "an HTML <" + name + "> block", last != 0, false};
    }
    for (const Delimited& form : kDelimited)
        if (starts_with(t, form.start) && (form.start != "<!" || (t.size() > 2 && std::isalpha(static_cast<unsigned char>(t[2]))))) {
            const size_t column = static_cast<size_t>(t.data() - line.data()) + form.start.size();
            const int last = line_with(doc, n, column, form.end, false);
            return HtmlBlock{last ? last : doc.line_count(), std::string(form.name), last != 0, false};
        }
    if (tag_ends && std::find(kBlockTags.begin(), kBlockTags.end(), name) != kBlockTags.end())
        return HtmlBlock{before_blank_line(doc, n),
                         "an HTML block (<" + std::string(closing ? "/" : "") + name +
                             "> and the lines up to the next blank line)",
                         true, name == "table" && !closing};
    if (!after_paragraph && lone_tag(t) && std::find(kRawTags.begin(), kRawTags.end(), name) == kRawTags.end())
        return HtmlBlock{before_blank_line(doc, n),
                         "an HTML block (" + quote(t) + " and the lines up to the next blank line)", true, false};
    return std::nullopt;
}

}  // namespace planner::importing
