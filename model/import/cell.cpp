#include "model/import/cell.hpp"

#include <deque>
#include <iterator>
#include <unordered_set>

#include "model/import/links.hpp"
#include "model/import/mojibake.hpp"
#include "model/import/scan.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

namespace {

// The links or marks of a cell in document order, each once. The set keeps the
// check constant-time: a hostile cell can hold a million distinct links.
class UniqueList {
public:
    void add(std::string item) {
        if (seen_.count(item)) return;
        seen_.insert(items_.emplace_back(std::move(item)));  // a deque's elements stay where they are
    }
    std::vector<std::string> release() {
        seen_.clear();
        return {std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end())};
    }

private:
    std::deque<std::string> items_;
    std::unordered_set<std::string_view> seen_;  // views of items_
};

struct Pieces {
    std::string rest;  // the cell with link syntax removed (link texts kept)
    UniqueList links;
    UniqueList marks;
};

size_t url_end(std::string_view s, size_t from) {
    size_t end = from;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '<' && s[end] != ')' &&
           s[end] != ']')
        ++end;
    return end;
}

// Each search of extract_links, remembered across the cell (see scan.hpp). One
// per place that searches, since each place asks from positions that only grow.
struct CellSearches {
    BracketMatches brackets, parentheses;
    NextOccurrence footnote_close, reference_close, rst_backtick, brace_role_end, colon_role_end,
        brace_role_backtick, colon_role_backtick, href, tag_end, anchor_close, double_quote, single_quote;
    explicit CellSearches(std::string_view s)
        : brackets(s, '[', ']'), parentheses(s, '(', ')'), footnote_close(s, "]"), reference_close(s, "]"),
          rst_backtick(s, "`"), brace_role_end(s, "}"), colon_role_end(s, ":"), brace_role_backtick(s, "`"),
          colon_role_backtick(s, "`"), href(s, "href="), tag_end(s, ">"), anchor_close(s, "</a>"),
          double_quote(s, "\""), single_quote(s, "'") {}
};

// Pulls links out of the cell, in every syntax vLLM's documents have used.
Pieces extract_links(std::string_view s, const CellContext& context, int line) {
    Pieces out;
    CellSearches search(s);
    const LinkPlace place{context.file, line, context.notes};
    // One note per cell, however many references it has without a definition.
    size_t undefined_references = 0;
    std::string_view first_undefined;
    // Only these characters can start a link; every other one is copied at once.
    constexpr std::string_view kLinkStarts = "[`{:<hg";
    for (size_t i = 0; i < s.size();) {
        if (kLinkStarts.find(s[i]) == std::string_view::npos) {
            out.rest.push_back(s[i]);
            ++i;
            continue;
        }
        std::string_view here = s.substr(i);
        if (starts_with(here, "[^")) {  // Markdown footnote reference
            size_t close = search.footnote_close.at_or_after(i);
            if (close != std::string_view::npos) {
                out.marks.add(std::string(trim(s.substr(i + 2, close - i - 2))));
                i = close + 1;
                continue;
            }
        }
        if (here[0] == '[') {
            size_t text_end = search.brackets.past_match(i);
            if (text_end != std::string_view::npos) {
                std::string_view text = s.substr(i + 1, text_end - i - 2);
                if (text_end < s.size() && s[text_end] == '(') {  // [text](target "title")
                    size_t target_end = search.parentheses.past_match(text_end);
                    if (target_end != std::string_view::npos) {
                        std::string_view target = trim(s.substr(text_end + 1, target_end - text_end - 2));
                        target = without_title(target);
                        out.links.add(link_url(target, place));
                        out.rest += text;
                        i = target_end;
                        continue;
                    }
                }
                std::string_view reference = text;
                size_t next = text_end;
                if (text_end < s.size() && s[text_end] == '[') {  // [text][ref] or [text][]
                    size_t ref_end = search.reference_close.at_or_after(text_end);
                    if (ref_end != std::string_view::npos) {
                        if (ref_end > text_end + 1) reference = s.substr(text_end + 1, ref_end - text_end - 1);
                        next = ref_end + 1;
                    }
                }
                const auto& definitions = *context.link_definitions;
                auto found = definitions.find(reference_key(reference));
                if (found != definitions.end()) {
                    out.links.add(link_url(found->second, place));
                } else if (next != text_end) {
                    if (undefined_references++ == 0) first_undefined = reference;
                }
                out.rest += text;
                i = next;
                continue;
            }
        }
        if (here[0] == '`') {  // `text <url>`__ (RST hyperlink)
            size_t close = search.rst_backtick.at_or_after(i + 1);
            if (close != std::string_view::npos) {
                std::string_view body = s.substr(i + 1, close - i - 1);
                size_t lt = body.rfind('<');
                if (lt != std::string_view::npos && ends_with(body, ">")) {
                    out.links.add(link_url(body.substr(lt + 1, body.size() - lt - 2), place));
                    out.rest += body.substr(0, lt);
                    i = close + 1;
                    while (i < s.size() && s[i] == '_') ++i;
                    continue;
                }
            }
        }
        // {gh-issue}`N`, {gh-pr}`N` (MyST) and :gh-issue:`N` (Sphinx) roles.
        if (here[0] == '{' || here[0] == ':') {
            const bool brace = here[0] == '{';
            size_t role_end = (brace ? search.brace_role_end : search.colon_role_end).at_or_after(i + 1);
            if (role_end != std::string_view::npos && role_end + 1 < s.size() && s[role_end + 1] == '`') {
                std::string_view role = s.substr(i + 1, role_end - i - 1);
                size_t close = (brace ? search.brace_role_backtick : search.colon_role_backtick).at_or_after(role_end + 2);
                if (starts_with(role, "gh-") && close != std::string_view::npos) {
                    std::string_view body = s.substr(role_end + 2, close - role_end - 2);
                    size_t lt = body.rfind('<');  // {gh-pr}`text <N>`
                    if (lt != std::string_view::npos && ends_with(body, ">"))
                        body = body.substr(lt + 1, body.size() - lt - 2);
                    out.links.add(link_url(std::string(role) + ":" + std::string(trim(body)), place));
                    i = close + 1;
                    continue;
                }
            }
        }
        if (starts_with(here, "<a ") || starts_with(here, "<a\t")) {  // <a href="url">text</a>
            size_t href = search.href.at_or_after(i);
            size_t tag_end = search.tag_end.at_or_after(i);
            size_t close = search.anchor_close.at_or_after(i);
            if (href != std::string_view::npos && tag_end != std::string_view::npos &&
                close != std::string_view::npos && href < tag_end && href + 6 < s.size()) {
                char q = s[href + 5];
                size_t end = q == '"'    ? search.double_quote.at_or_after(href + 6)
                             : q == '\'' ? search.single_quote.at_or_after(href + 6)
                                         : std::string_view::npos;
                if (end != std::string_view::npos && end < tag_end) {
                    out.links.add(link_url(s.substr(href + 6, end - href - 6), place));
                    out.rest += s.substr(tag_end + 1, close - tag_end - 1);
                    i = close + 4;
                    continue;
                }
            }
        }
        if (starts_with(here, "<http")) {  // <https://...> autolink
            size_t close = search.tag_end.at_or_after(i);
            if (close != std::string_view::npos) {
                out.links.add(link_url(s.substr(i + 1, close - i - 1), place));
                i = close + 1;
                continue;
            }
        }
        if (starts_with(here, "https://") || starts_with(here, "http://") || starts_with(here, "gh-issue:") ||
            starts_with(here, "gh-pr:")) {
            size_t end = url_end(s, i);
            out.links.add(link_url(s.substr(i, end - i), place));
            i = end;
            continue;
        }
        out.rest.push_back(s[i]);
        ++i;
    }
    if (undefined_references > 0 && context.notes) {
        std::string note = context.file;
        note.append(":").append(std::to_string(line)).append(": link reference [").append(first_undefined);
        note.append("] has no definition in the document");
        if (undefined_references > 1)
            note.append(" (nor have ").append(std::to_string(undefined_references - 1)).append(" more in this cell)");
        context.notes->push_back(note.append("; the cell keeps no link"));
    }
    return out;
}

// <sup>*,^</sup> carries two marks; backslashes escape, they are no part of a mark.
void add_sup_marks(std::string_view body, UniqueList& marks) {
    std::string mark;
    for (char c : body)
        if (c != '\\') mark.push_back(c);
    size_t start = 0;
    while (start <= mark.size()) {
        size_t comma = mark.find(',', start);
        if (comma == std::string::npos) comma = mark.size();
        std::string one(trim(std::string_view(mark).substr(start, comma - start)));
        if (!one.empty()) marks.add(std::move(one));
        start = comma + 1;
    }
}

// Footnote marks: <sup>X</sup>, \*, *, ^, †, ‡ (in that order of precedence).
std::string extract_marks(std::string_view text, UniqueList& marks) {
    // Every closed <sup> element first, in one pass; from the first unclosed
    // one on, the text stays as it is (no later one can be closed either).
    std::string without_sups;
    NextOccurrence closing_sup(text, "</sup>");
    size_t copied = 0;
    for (size_t open; (open = text.find("<sup>", copied)) != std::string_view::npos;) {
        size_t close = closing_sup.at_or_after(open);
        if (close == std::string_view::npos) break;
        without_sups.append(text.substr(copied, open - copied));
        add_sup_marks(text.substr(open + 5, close - open - 5), marks);
        copied = close + 6;
    }
    without_sups.append(text.substr(copied));

    std::string rest;
    constexpr std::string_view kMarkStarts = "*\\^\xE2";  // † and ‡ start with 0xE2
    for (size_t i = 0; i < without_sups.size();) {
        if (kMarkStarts.find(without_sups[i]) == std::string_view::npos) {
            rest.push_back(without_sups[i]);
            ++i;
            continue;
        }
        std::string_view here = std::string_view(without_sups).substr(i);
        if (starts_with(here, "**")) {  // bold, not a mark
            i += 2;
        } else if (starts_with(here, "\\*") || here[0] == '*') {
            marks.add("*");
            i += here[0] == '\\' ? 2 : 1;
        } else if (here[0] == '^') {
            marks.add("^");
            i += 1;
        } else if (starts_with(here, "†") || starts_with(here, "‡")) {
            marks.add(std::string(here.substr(0, 3)));
            i += 3;
        } else {
            rest.push_back(without_sups[i]);
            ++i;
        }
    }
    return rest;
}

// U+FE0E and U+FE0F ask for the text or emoji form of the symbol before them;
// they change nothing here. Whole code points of valid UTF-8 go, so no new one forms.
std::string without_variation_selectors(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\xEF' && (starts_with(text.substr(i), "\xEF\xB8\x8E") || starts_with(text.substr(i), "\xEF\xB8\x8F"))) {
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

}  // namespace

ParsedCell parse_cell(const RawCell& cell, const CellContext& context) {
    ParsedCell parsed;
    Pieces pieces = extract_links(trim(cell.text), context, cell.line);
    const std::string unmarked = extract_marks(pieces.rest, pieces.marks);
    parsed.links = pieces.links.release();
    parsed.marks = pieces.marks.release();
    const std::string symbol(trim(without_variation_selectors(trim(unmarked))));
    if (symbol.empty()) {
        // A link or mark says something about the cell; without a symbol nothing says what, and
        // reading "not stated" would hide the evidence the author meant to give.
        if (!parsed.links.empty())
            fail_at(context.file, cell.line, "a link with no cell symbol at " + context.where + " (" +
                                                 parsed.links.front() + "): write the symbol as the link text");
        if (!parsed.marks.empty())
            fail_at(context.file, cell.line, "a footnote mark with no cell symbol at " + context.where +
                                                 " (mark " + quote(parsed.marks.front()) + ")");
        parsed.value = CellValue::blank;
    } else if (symbol == "✅") {
        parsed.value = CellValue::yes;
    } else if (symbol == "❌" || symbol == "✗") {
        parsed.value = CellValue::no;
    } else if (symbol == "🟠") {
        parsed.value = CellValue::partial;
    } else if (symbol == "❔" || symbol == "?") {
        parsed.value = CellValue::unknown;
    } else {
        std::string hint = contains_mojibake_symbol(symbol)
                               ? " (it looks like mojibake mixed with clean UTF-8)"
                               : "";
        fail_at(context.file, cell.line,
                "unknown cell symbol " + quote(symbol) + " at " + context.where +
                    " (known: ✅ ❌ ✗ 🟠 ❔ ? or blank)" + hint);
    }
    return parsed;
}

}  // namespace planner::importing
