#include "model/import/links.hpp"

namespace planner::importing {

namespace {
constexpr std::string_view kRepository = "https://github.com/vllm-project/vllm/";
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
    for (const std::string& line : doc.lines) {
        if (indent_of(line) > 3) continue;
        std::string_view t = trim(line);
        if (!starts_with(t, "[") || starts_with(t, "[^")) continue;
        size_t close = t.find("]:");
        if (close == std::string_view::npos || close < 2) continue;
        std::string_view target = trim(t.substr(close + 2));
        if (target.empty()) continue;
        target = target.substr(0, target.find_first_of(" \t"));  // drop an optional "title"
        // The first definition of a label wins, as in CommonMark.
        definitions.emplace(reference_key(t.substr(1, close - 1)), std::string(target));
    }
    return definitions;
}

}  // namespace planner::importing
