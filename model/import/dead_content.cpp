#include "model/import/dead_content.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "model/import/html_block.hpp"

namespace planner::importing {

namespace {

bool looks_like_table(std::string_view line) {
    std::string_view t = trim(line);
    if (starts_with(t, "%")) t = trim(t.substr(1));  // a MyST comment line
    return starts_with(t, "|") || t.find("list-table") != std::string_view::npos;
}

bool is_list_item(std::string_view t) {
    if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t')) return true;
    size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    return digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ';
}

// ``` or ~~~ fences (three or more). The info string decides whether the
// content is shown: a MyST directive other than a code block ({list-table},
// {eval-rst}, {note}) is live; code, bare or with a language, is dead.
struct Fence {
    char marker = 0;
    size_t length = 0;
    bool dead = false;
};

std::optional<Fence> fence_opening(std::string_view t) {
    if (t.empty() || (t[0] != '`' && t[0] != '~' && t[0] != ':')) return std::nullopt;
    const size_t length = std::min(t.find_first_not_of(t[0]), t.size());
    if (length < 3) return std::nullopt;
    std::string_view info = trim(t.substr(length));
    if (t[0] == ':' && !starts_with(info, "{")) return std::nullopt;  // MyST colon fences are directives only
    static constexpr std::array<std::string_view, 4> kCodeDirectives = {"{code-block}", "{code}", "{sourcecode}",
                                                                        "{literalinclude}"};
    bool code = !starts_with(info, "{");
    for (std::string_view directive : kCodeDirectives) code = code || starts_with(info, directive);
    return Fence{t[0], length, code};
}

bool closes_fence(std::string_view t, const Fence& fence) {
    return t.size() >= fence.length && t.find_first_not_of(fence.marker) == std::string_view::npos;
}

// RST: ".. name::" is a directive; ".. _target:", ".. [1]" and ".. |sub|" are
// other explicit markup; anything else after ".." is a comment.
// A raw directive's content is HTML, LaTeX, ... passed to the output as it is:
// no table of it is the list-table docutils reads.
enum class Explicit { none, comment, code_directive, raw_directive, conditional, other };

Explicit explicit_markup(std::string_view t) {
    if (!starts_with(t, "..")) return Explicit::none;
    if (t.size() > 2 && t[2] != ' ' && t[2] != '\t') return Explicit::none;  // "..." is text
    std::string_view rest = trim(t.substr(2));
    if (starts_with(rest, "_") || starts_with(rest, "[") || starts_with(rest, "|")) return Explicit::other;
    const size_t colons = rest.find("::");
    if (colons != std::string_view::npos && colons > 0 &&
        rest.substr(0, colons).find_first_of(" \t") == std::string_view::npos) {
        static constexpr std::array<std::string_view, 4> kCode = {"code-block", "code", "sourcecode",
                                                                   "parsed-literal"};
        const std::string_view name = rest.substr(0, colons);
        if (name == "raw") return Explicit::raw_directive;
        if (name == "only" || name == "ifconfig") return Explicit::conditional;
        return std::find(kCode.begin(), kCode.end(), name) != kCode.end() ? Explicit::code_directive
                                                                           : Explicit::other;
    }
    return Explicit::comment;
}

bool is_bullet_line(std::string_view t) {
    return !t.empty() && (t[0] == '*' || t[0] == '-' || t[0] == '+') && (t.size() == 1 || t[1] == ' ' || t[1] == '\t');
}

// An RST comment ("..") right in or after a list-table, whose indented body holds
// list items ("* - CUDA graph", "  - ✅"), swallows rows of the table: docutils
// shows them to nobody, the author meant them as rows. Either reading drops rows
// in silence, so it is refused at the comment's line.
void refuse_swallowed_rows(const Document& doc, int n, int last, int list_table) {
    if (!list_table || list_table >= n) return;
    int previous = n - 1;
    while (previous > list_table && trim(doc.line(previous)).empty()) --previous;
    if (indented_block_end(doc, list_table) < previous) return;  // the table ended before the comment
    for (int k = n + 1; k <= last; ++k)
        if (is_bullet_line(trim(doc.line(k))))
            fail_at(doc.file, n,
                    "RST comment at line " + std::to_string(n) + " swallows line " + std::to_string(k) + " " +
                        quote(trim(doc.line(k))) +
                        ", a row of the list-table that the comment would hide (remove the '..', or the rows)");
}

// GitHub splits a table row into cells at its pipes before it reads any HTML:
// a "<!--" whose "-->" is not in the same cell is text ("| ✅ <!-- | ❌ --> |"
// has two cells, and hid the second one when read as a comment).
bool closes_in_its_cell(std::string_view row, size_t open) {
    const size_t close = row.find("-->", open + 4);
    if (close == std::string_view::npos) return false;
    for (size_t i = open + 4; i < close; ++i) {
        if (row[i] == '\\') ++i;
        else if (row[i] == '|') return false;
    }
    return true;
}

// Sphinx shows the content of ".. only:: latex" or ".. ifconfig:: expr" only when
// its condition holds at build time, which a reader of the source cannot know:
// a table there is refused at the directive rather than read or skipped by a guess.
void refuse_conditional_table(const Document& doc, int n) {
    const int last = indented_block_end(doc, n);
    for (int k = n + 1; k <= last; ++k)
        if (looks_like_table(doc.line(k)))
            fail_at(doc.file, n,
                    "the table at line " + std::to_string(k) + " is inside " + quote(trim(doc.line(n))) +
                        ", which Sphinx shows only when its condition holds; move the table out of the directive "
                        "(or remove it) so that the importer reads what every reader sees");
}

class Blanker {
public:
    explicit Blanker(const Document& doc) : live_{doc, {}} {}

    void blank_lines(int first, int last, std::string kind) {
        if (last < first) return;
        DeadRegion region{first, last, std::move(kind), 0};
        for (int k = first; k <= last; ++k) {
            if (!region.table_line && looks_like_table(live_.doc.line(k))) region.table_line = k;
            live_.doc.blank_line(k);
        }
        live_.regions.push_back(std::move(region));
    }

    struct Place {
        int line;
        size_t column;
    };

    // An HTML comment, inline or over several lines, turned into spaces so
    // that the text around it keeps its place. Returns where the comment ends.
    Place blank_html_comment(int n, size_t from) {
        DeadRegion region{n, n, "an HTML comment", 0};
        size_t end_column = 0;
        bool closed = false;
        for (int k = n; k <= live_.doc.line_count(); ++k, from = 0) {
            const std::string_view line = live_.doc.line(k);
            const size_t close = line.find("-->", from);
            const size_t end = close == std::string::npos ? line.size() : close + 3;
            if (!region.table_line && looks_like_table(line.substr(from, end - from))) region.table_line = k;
            live_.doc.blank(k, from, end);
            region.last_line = k;
            end_column = end;
            if (close != std::string::npos) {
                closed = true;
                break;
            }
        }
        if (!closed)
            // Never closed, it would hide the rest of the document, table rows
            // with it: refused, so that no row is dropped in silence.
            fail_at(live_.doc.file, n, "HTML comment opened at line " + std::to_string(n) +
                                           " is never closed (no '-->' follows it)");
        const Place end{region.last_line, end_column};
        live_.regions.push_back(std::move(region));
        return end;
    }

    LiveDocument release() { return std::move(live_); }
    const Document& doc() const { return live_.doc; }
    std::string_view line(int n) const { return live_.doc.line(n); }

private:
    LiveDocument live_;
};

// Indented code blocks stay in the text (an RST directive's content is indented
// too; the Markdown reader skips them itself) but are named like the others when
// a table in one may be the matrix the user meant.
void add_indented_code(LiveDocument& live) {
    const std::vector<bool> code = indented_code_lines(live.doc);
    const size_t regions = live.regions.size();
    for (size_t k = 0; k < code.size(); ++k) {
        if (!code[k] || !starts_with(trim(live.doc.line(static_cast<int>(k) + 1)), "|")) continue;
        size_t first = k, last = k;
        while (first > 0 && (code[first - 1] || trim(live.doc.line(static_cast<int>(first))).empty())) --first;
        while (last + 1 < code.size() && (code[last + 1] || trim(live.doc.line(static_cast<int>(last) + 2)).empty())) ++last;
        while (!code[first]) ++first;
        while (!code[last]) --last;
        live.regions.push_back(DeadRegion{static_cast<int>(first) + 1, static_cast<int>(last) + 1,
                                          "an indented code block", static_cast<int>(k) + 1});
        k = last;
    }
    std::inplace_merge(live.regions.begin(), live.regions.begin() + static_cast<long>(regions), live.regions.end(),
                       [](const DeadRegion& x, const DeadRegion& y) { return x.first_line < y.first_line; });
}

}  // namespace

LiveDocument without_dead_content(const Document& doc) {
    Blanker blanker(doc);
    struct OpenFence {
        Fence fence;
        int line;
    };
    std::vector<OpenFence> fences;  // a live fence ({note}, {eval-rst}) may hold others
    int literal_paragraph = 0;      // the line ending with "::" that announces a literal block
    int list_table = 0;             // the last ".. list-table::" line
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string_view t = trim(doc.line(n));
        if (!fences.empty() && closes_fence(t, fences.back().fence)) {
            if (fences.back().fence.dead) blanker.blank_lines(fences.back().line + 1, n - 1, "a fenced code block");
            fences.pop_back();
            continue;
        }
        if (!fences.empty() && fences.back().fence.dead) continue;
        if (auto opening = fence_opening(t)) {
            fences.push_back({*opening, n});
            continue;
        }
        // Raw HTML: GitHub shows no table in it, whatever it holds (an <table> is
        // left for the table finder, which names it when no matrix is found).
        if (auto block = html_block_at(blanker.doc(), n, n > 1 && !trim(blanker.line(n - 1)).empty())) {
            if (!block->closed)
                fail_at(doc.file, n, block->kind + " opened at line " + std::to_string(n) +
                                         " is never closed (it would hide the rest of the document)");
            if (!block->is_table) blanker.blank_lines(n, block->last_line, block->kind);
            n = block->last_line;
            continue;
        }
        // Comments may start anywhere on a line, more than one on a line, and run on.
        // "<!--" inside a `code span` is text: count the backticks before it.
        size_t from = 0, backticks = 0;
        const bool in_table_row = starts_with(trim(blanker.line(n)), "|");
        for (size_t open; (open = blanker.line(n).find("<!--", from)) != std::string::npos;) {
            const std::string_view line = blanker.line(n);
            backticks += static_cast<size_t>(std::count(line.begin() + static_cast<long>(from),
                                                        line.begin() + static_cast<long>(open), '`'));
            if (backticks % 2 == 1) {
                from = open + 4;
                continue;
            }
            if (in_table_row && !closes_in_its_cell(line, open)) {
                from = open + 4;
                continue;
            }
            const auto end = blanker.blank_html_comment(n, open);
            if (end.line != n) backticks = 0;  // counting starts again on the comment's last line
            n = end.line;
            from = end.column;
        }
        const std::string_view live = trim(blanker.line(n));
        if (live.empty()) continue;
        if (literal_paragraph && indent_of(blanker.line(n)) > indent_of(doc.line(literal_paragraph))) {
            const int last = indented_block_end(doc, literal_paragraph);
            blanker.blank_lines(n, last, "a literal block (after '::')");
            n = last;
            literal_paragraph = 0;
            continue;
        }
        literal_paragraph = 0;
        if (starts_with(doc.line(n), "%")) {  // a MyST comment line
            blanker.blank_lines(n, n, "a MyST % comment");
            continue;
        }
        const Explicit markup = explicit_markup(live);
        if (markup == Explicit::comment || markup == Explicit::code_directive) {
            // ".." alone and then a blank line is an empty comment: what follows is text.
            const bool empty_comment = live == ".." && (n == doc.line_count() || trim(doc.line(n + 1)).empty());
            if (!empty_comment) {
                const int last = indented_block_end(doc, n);
                if (markup == Explicit::comment) {
                    refuse_swallowed_rows(doc, n, last, list_table);
                    blanker.blank_lines(n, last, "an RST comment");
                } else
                    blanker.blank_lines(n + 1, last, "a code-block directive");
                n = last;
                continue;
            }
        }
        if (markup == Explicit::raw_directive) {
            const int last = indented_block_end(doc, n);
            blanker.blank_lines(n + 1, last, "a raw directive (" + std::string(trim(live.substr(2))) + ")");
            n = last;
            continue;
        }
        if (markup == Explicit::conditional) refuse_conditional_table(doc, n);
        if (markup == Explicit::other && starts_with(trim(live.substr(2)), "list-table::")) list_table = n;
        if (markup == Explicit::none && ends_with(live, "::")) literal_paragraph = n;
    }
    // A code fence never closed would hide the rest of the document, table rows
    // with it: refused at its line, as the MyST reader refuses a {list-table} one.
    for (const OpenFence& open : fences)
        if (open.fence.dead)
            fail_at(doc.file, open.line, "code fence " + quote(trim(doc.line(open.line))) + " opened at line " +
                                             std::to_string(open.line) + " is never closed");
    LiveDocument live = blanker.release();
    add_indented_code(live);
    return live;
}

std::vector<bool> indented_code_lines(const Document& doc) {
    std::vector<bool> code(static_cast<size_t>(doc.line_count()), false);
    bool in_list_item = false;  // the last line indented less than 4 is a list item
    for (size_t k = 0; k < code.size(); ++k) {
        const std::string_view line = doc.line(static_cast<int>(k) + 1);
        if (trim(line).empty()) continue;
        if (indent_of(line) >= 4)
            code[k] = !in_list_item;
        else
            in_list_item = is_list_item(trim(line));
    }
    return code;
}

}  // namespace planner::importing
