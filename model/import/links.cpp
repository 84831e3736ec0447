#include "model/import/links.hpp"

#include "model/facts/cell_link.hpp"

namespace planner::importing {

namespace {
constexpr std::string_view kRepository = "https://github.com/vllm-project/vllm/";
constexpr size_t kMaxNumberDigits = 9;  // vLLM's numbers have 5; 10 digits would be no issue at all
}

std::string expand_link_target(std::string_view target) {
    target = trim(target);
    if (starts_with(target, "<") && ends_with(target, ">")) target = trim(target.substr(1, target.size() - 2));
    struct Shorthand {
        std::string_view prefix, path;
    };
    for (const Shorthand& s : {Shorthand{"gh-issue:", "issues/"}, Shorthand{"gh-pr:", "pull/"},
                               Shorthand{"gh-file:", "blob/main/"}, Shorthand{"gh-dir:", "tree/main/"}}) {
        if (starts_with(target, s.prefix))
            return std::string(kRepository) + std::string(s.path) +
                   std::string(trim(target.substr(s.prefix.size())));
    }
    if (ends_with(target, "#")) target.remove_suffix(1);
    return std::string(target);
}

std::string link_url(std::string_view target, const LinkPlace& place) {
    std::string_view t = trim(target);
    const bool opens = starts_with(t, "<"), closes = ends_with(t, ">");
    if (opens != closes && t.size() > 1) {
        const std::string stray = opens ? "<" : ">";
        std::string_view repaired = opens ? t.substr(1) : t.substr(0, t.size() - 1);
        if (place.notes) {
            // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
            std::string note(place.file);
            note.append(":").append(std::to_string(place.line)).append(": link target ").append(quote(t));
            note.append(" has a stray '").append(stray).append("' (half of a <...> pair); read as ");
            note.append(expand_link_target(repaired));
            place.notes->push_back(std::move(note));
        }
        t = repaired;
    }
    std::string url = expand_link_target(t);
    // Before the shorthand's number: 'gh-issue:12"' is a broken link, not a bad number.
    if (has_character_no_url_holds(url))
        fail_at(place.file, place.line, "link target " + quote(t) + " " + cell_link_fault(url));
    for (std::string_view prefix : {std::string_view("gh-issue:"), std::string_view("gh-pr:")}) {
        if (!starts_with(t, prefix)) continue;
        const std::string_view number = trim(t.substr(prefix.size()));
        const bool digits = !number.empty() && number.size() <= kMaxNumberDigits && number[0] != '0' &&
                            number.find_first_not_of("0123456789") == std::string_view::npos;
        if (!digits)
            fail_at(place.file, place.line,
                    "link target " + quote(t) + " is not " + std::string(prefix) +
                        "N with N a positive decimal number of at most 9 digits (an issue or pull request number)");
    }
    if (!is_cell_link(url))
        fail_at(place.file, place.line, "link target " + quote(t) + " " + cell_link_fault(url, kCellLinkShorthands));
    return url;
}

std::string_view without_title(std::string_view target) {
    target = trim(target);
    const size_t space = target.find_first_of(" \t");
    if (space == std::string_view::npos) return target;
    const std::string_view title = trim(target.substr(space));
    const bool is_title = (title[0] == '"' || title[0] == '\'' || title[0] == '(') && title.size() >= 2;
    return is_title ? target.substr(0, space) : target;
}

std::string reference_key(std::string_view label) {
    std::string key;
    for (char c : to_lower_ascii(trim(label))) {
        if (c == ' ' || c == '\t') {
            if (!key.empty() && key.back() != ' ') key.push_back(' ');
        } else {
            key.push_back(c);
        }
    }
    return key;
}

std::map<std::string, std::string> read_link_definitions(const Document& doc) {
    std::map<std::string, std::string> definitions;
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string_view line = doc.line(n);
        if (indent_of(line) > 3) continue;
        std::string_view t = trim(line);
        if (!starts_with(t, "[") || starts_with(t, "[^")) continue;
        size_t close = t.find("]:");
        if (close == std::string_view::npos || close < 2) continue;
        std::string_view target = trim(t.substr(close + 2));
        if (target.empty()) continue;
        target = without_title(target);
        // The first definition of a label wins, as in CommonMark.
        definitions.emplace(reference_key(t.substr(1, close - 1)), std::string(target));
    }
    return definitions;
}

}  // namespace planner::importing
