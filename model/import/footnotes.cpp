#include "model/import/footnotes.hpp"

#include <vector>

namespace planner::importing {

namespace {

std::string unescape(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\\') out.push_back(c);
    return out;
}

// The mark a footnote line starts with and the length of that prefix; nullopt for other lines.
struct Start {
    std::string mark;
    size_t length;
};
std::optional<Start> footnote_start(std::string_view t) {
    if (starts_with(t, "[^")) {
        size_t close = t.find("]:");
        if (close != std::string_view::npos) return Start{std::string(trim(t.substr(2, close - 2))), close + 2};
    }
    if (starts_with(t, "<sup>")) {
        size_t close = t.find("</sup>");
        if (close != std::string_view::npos) return Start{unescape(trim(t.substr(5, close - 5))), close + 6};
    }
    // A bare '*' opens a bullet list in both markups, so only the escaped form is a mark.
    if (starts_with(t, "\\*")) return Start{"*", 2};
    for (std::string_view mark : {"^", "†", "‡"})
        if (starts_with(t, mark)) return Start{std::string(mark), mark.size()};
    return std::nullopt;
}

bool ends_paragraph(std::string_view t) {
    return t.empty() || footnote_start(t) || starts_with(t, "|") || starts_with(t, "#") ||
           starts_with(t, "<") || starts_with(t, "!!!") || starts_with(t, ":::") ||
           starts_with(t, "```") || starts_with(t, "..") || starts_with(t, "[](){") || starts_with(t, "- ") ||
           starts_with(t, "* ");
}

// The footnote that starts at line n, with the lines its paragraph runs on over.
std::string text_at(const Document& doc, int n) {
    std::string_view t = trim(doc.line(n));
    auto start = footnote_start(t);
    std::string text(trim(t.substr(start->length)));
    for (int k = n + 1; k <= doc.line_count(); ++k) {
        std::string_view next = trim(doc.line(k));
        if (ends_paragraph(next)) break;
        text += ' ';
        text += next;
    }
    // A trailing backslash is a Markdown hard line break, not text.
    while (!text.empty() && (text.back() == '\\' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

FootnoteIndex::FootnoteIndex(const Document& doc) : doc_(doc) {
    for (int n = 1; n <= doc.line_count(); ++n)
        if (auto start = footnote_start(trim(doc.line(n)))) lines_[start->mark].push_back(n);
}

std::optional<FootnoteIndex::Text> FootnoteIndex::text_of(std::string_view mark) const {
    auto found = lines_.find(mark);
    if (found == lines_.end()) return std::nullopt;
    const std::vector<int>& lines = found->second;
    Text first{text_at(doc_, lines.front()), lines.front(), 0};
    for (size_t k = 1; k < lines.size(); ++k) {
        const std::string again = text_at(doc_, lines[k]);
        if (again != first.text)
            fail_at(doc_.file, lines[k],
                    "footnote " + quote(mark) + " is defined twice with different texts: line " +
                        std::to_string(first.line) + " says " + quote(first.text) + ", line " +
                        std::to_string(lines[k]) + " says " + quote(again) +
                        " (give each footnote its own mark)");
        if (!first.repeated_line) first.repeated_line = lines[k];
    }
    return first;
}

}  // namespace planner::importing
