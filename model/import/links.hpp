#pragma once
// Link targets as written in the documents, turned into full URLs, and the
// reference-style link definitions ("[chunked-prefill]: https://...") of a document.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/import/text.hpp"

namespace planner::importing {

// gh-issue:N, gh-pr:N, gh-file:path, gh-dir:path -> github.com/vllm-project/vllm
// URLs; a bare trailing '#' (an empty fragment, as in one seed) is dropped.
// Anything else is returned as written.
std::string expand_link_target(std::string_view target);

// Where a link stands, for the note or error about its target.
struct LinkPlace {
    std::string_view file;
    int line = 0;
    std::vector<std::string>* notes = nullptr;  // nullptr: nobody to tell
};

// The URL a cell's link points at: expand_link_target, after two checks.
// A stray angle bracket at one end (vLLM published "gh-issue:7968>": a
// <...> target that lost its other half) is dropped, with a note naming the
// place. Any other character that no URL may hold (space, quote, backtick,
// angle bracket, brace, backslash, caret, a control) is an InputError naming
// the place: it would be a broken link. gh-issue:N and gh-pr:N need N a
// positive decimal number of at most 9 digits.
std::string link_url(std::string_view target, const LinkPlace& place);

// A link's target without its optional title ("url \"title\"", "url 'title'",
// "url (title)"). A space followed by anything else stays in the target, which
// link_url then refuses: "https://github.com/a b" is a broken link, not "https://github.com/a".
std::string_view without_title(std::string_view target);

// Lower-cased, white space collapsed: how Markdown compares reference labels.
std::string reference_key(std::string_view label);

// "[label]: target" lines (not "[^note]: ...", which are footnotes).
std::map<std::string, std::string> read_link_definitions(const Document& doc);

}  // namespace planner::importing
