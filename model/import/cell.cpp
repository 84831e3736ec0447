#include "model/import/cell.hpp"

#include <algorithm>

#include "model/import/links.hpp"
#include "model/import/mojibake.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

namespace {

struct Pieces {
    std::string rest;  // the cell with link syntax removed (link texts kept)
    std::vector<std::string> links;
    std::vector<std::string> marks;
};

void add_unique(std::vector<std::string>& list, std::string item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// Index just past the bracket closing the one at `open`, honouring nesting; npos if none.
size_t matching(std::string_view s, size_t open, char opening, char closing) {
    int depth = 0;
    for (size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == opening) {
            ++depth;
        } else if (s[i] == closing && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

size_t url_end(std::string_view s, size_t from) {
    size_t end = from;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '<' && s[end] != ')' &&
           s[end] != ']')
        ++end;
    return end;
}

// Pulls links out of the cell, in every syntax vLLM's documents have used.
Pieces extract_links(std::string_view s, const CellContext& context, int line) {
    Pieces out;
    for (size_t i = 0; i < s.size();) {
        std::string_view here = s.substr(i);
        if (starts_with(here, "[^")) {  // Markdown footnote reference
            size_t close = s.find(']', i);
            if (close != std::string_view::npos) {
                add_unique(out.marks, std::string(trim(s.substr(i + 2, close - i - 2))));
                i = close + 1;
                continue;
            }
        }
        if (here[0] == '[') {
            size_t text_end = matching(s, i, '[', ']');
            if (text_end != std::string_view::npos) {
                std::string_view text = s.substr(i + 1, text_end - i - 2);
                if (text_end < s.size() && s[text_end] == '(') {  // [text](target "title")
                    size_t target_end = matching(s, text_end, '(', ')');
                    if (target_end != std::string_view::npos) {
                        std::string_view target = trim(s.substr(text_end + 1, target_end - text_end - 2));
                        target = target.substr(0, target.find_first_of(" \t"));
                        add_unique(out.links, expand_link_target(target));
                        out.rest += text;
                        i = target_end;
                        continue;
                    }
                }
                std::string_view reference = text;
                size_t next = text_end;
                if (text_end < s.size() && s[text_end] == '[') {  // [text][ref] or [text][]
                    size_t ref_end = s.find(']', text_end);
                    if (ref_end != std::string_view::npos) {
                        if (ref_end > text_end + 1) reference = s.substr(text_end + 1, ref_end - text_end - 1);
                        next = ref_end + 1;
                    }
                }
                const auto& definitions = *context.link_definitions;
                auto found = definitions.find(reference_key(reference));
                if (found != definitions.end()) {
                    add_unique(out.links, expand_link_target(found->second));
                } else if (next != text_end && context.notes) {
                    context.notes->push_back(context.file + ":" + std::to_string(line) +
                                             ": link reference [" + std::string(reference) +
                                             "] has no definition in the document; the cell keeps no link");
                }
                out.rest += text;
                i = next;
                continue;
            }
        }
        if (here[0] == '`') {  // `text <url>`__ (RST hyperlink)
            size_t close = s.find('`', i + 1);
            if (close != std::string_view::npos) {
                std::string_view body = s.substr(i + 1, close - i - 1);
                size_t lt = body.rfind('<');
                if (lt != std::string_view::npos && ends_with(body, ">")) {
                    add_unique(out.links, expand_link_target(body.substr(lt + 1, body.size() - lt - 2)));
                    out.rest += body.substr(0, lt);
                    i = close + 1;
                    while (i < s.size() && s[i] == '_') ++i;
                    continue;
                }
            }
        }
        // {gh-issue}`N`, {gh-pr}`N` (MyST) and :gh-issue:`N` (Sphinx) roles.
        if (here[0] == '{' || here[0] == ':') {
            char closing = here[0] == '{' ? '}' : ':';
            size_t role_end = s.find(closing, i + 1);
            if (role_end != std::string_view::npos && role_end + 1 < s.size() && s[role_end + 1] == '`') {
                std::string_view role = s.substr(i + 1, role_end - i - 1);
                size_t close = s.find('`', role_end + 2);
                if (starts_with(role, "gh-") && close != std::string_view::npos) {
                    std::string_view body = s.substr(role_end + 2, close - role_end - 2);
                    size_t lt = body.rfind('<');  // {gh-pr}`text <N>`
                    if (lt != std::string_view::npos && ends_with(body, ">"))
                        body = body.substr(lt + 1, body.size() - lt - 2);
                    add_unique(out.links, expand_link_target(std::string(role) + ":" + std::string(trim(body))));
                    i = close + 1;
                    continue;
                }
            }
        }
        if (starts_with(here, "<a ") || starts_with(here, "<a\t")) {  // <a href="url">text</a>
            size_t href = s.find("href=", i);
            size_t tag_end = s.find('>', i);
            size_t close = s.find("</a>", i);
            if (href != std::string_view::npos && tag_end != std::string_view::npos &&
                close != std::string_view::npos && href < tag_end && href + 6 < s.size()) {
                char q = s[href + 5];
                size_t end = s.find(q, href + 6);
                if ((q == '"' || q == '\'') && end != std::string_view::npos && end < tag_end) {
                    add_unique(out.links, expand_link_target(s.substr(href + 6, end - href - 6)));
                    out.rest += s.substr(tag_end + 1, close - tag_end - 1);
                    i = close + 4;
                    continue;
                }
            }
        }
        if (starts_with(here, "<http")) {  // <https://...> autolink
            size_t close = s.find('>', i);
            if (close != std::string_view::npos) {
                add_unique(out.links, expand_link_target(s.substr(i + 1, close - i - 1)));
                i = close + 1;
                continue;
            }
        }
        if (starts_with(here, "https://") || starts_with(here, "http://") || starts_with(here, "gh-issue:") ||
            starts_with(here, "gh-pr:")) {
            size_t end = url_end(s, i);
            add_unique(out.links, expand_link_target(s.substr(i, end - i)));
            i = end;
            continue;
        }
        out.rest.push_back(s[i]);
        ++i;
    }
    return out;
}

// Footnote marks: <sup>X</sup>, \*, *, ^, †, ‡ (in that order of precedence).
std::string extract_marks(std::string text, std::vector<std::string>& marks) {
    for (size_t open; (open = text.find("<sup>")) != std::string::npos;) {
        size_t close = text.find("</sup>", open);
        if (close == std::string::npos) break;
        std::string body = text.substr(open + 5, close - open - 5);
        std::string mark;
        for (char c : body)
            if (c != '\\') mark.push_back(c);
        size_t start = 0;
        while (start <= mark.size()) {  // <sup>*,^</sup> carries two marks
            size_t comma = mark.find(',', start);
            if (comma == std::string::npos) comma = mark.size();
            std::string one(trim(std::string_view(mark).substr(start, comma - start)));
            if (!one.empty()) add_unique(marks, one);
            start = comma + 1;
        }
        text.erase(open, close + 6 - open);
    }
    std::string rest;
    for (size_t i = 0; i < text.size();) {
        std::string_view here = std::string_view(text).substr(i);
        if (starts_with(here, "**")) {  // bold, not a mark
            i += 2;
        } else if (starts_with(here, "\\*") || here[0] == '*') {
            add_unique(marks, "*");
            i += here[0] == '\\' ? 2 : 1;
        } else if (here[0] == '^') {
            add_unique(marks, "^");
            i += 1;
        } else if (starts_with(here, "†") || starts_with(here, "‡")) {
            add_unique(marks, std::string(here.substr(0, 3)));
            i += 3;
        } else {
            rest.push_back(text[i]);
            ++i;
        }
    }
    return rest;
}

}  // namespace

ParsedCell parse_cell(const RawCell& cell, const CellContext& context) {
    ParsedCell parsed;
    Pieces pieces = extract_links(trim(cell.text), context, cell.line);
    parsed.links = std::move(pieces.links);
    parsed.marks = std::move(pieces.marks);
    std::string symbol(trim(extract_marks(pieces.rest, parsed.marks)));
    // U+FE0E and U+FE0F ask for the text or emoji form of the symbol before them; they change nothing here.
    for (const char* selector : {"\xEF\xB8\x8E", "\xEF\xB8\x8F"})
        for (size_t vs; (vs = symbol.find(selector)) != std::string::npos;) symbol.erase(vs, 3);
    symbol = std::string(trim(symbol));
    if (symbol.empty()) {
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
