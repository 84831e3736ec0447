#pragma once
// Link targets as written in the documents, turned into full URLs, and the
// reference-style link definitions ("[chunked-prefill]: https://...") of a document.
#include <map>
#include <string>
#include <string_view>

#include "model/import/text.hpp"

namespace planner::importing {

// gh-issue:N, gh-pr:N, gh-file:path, gh-dir:path -> github.com/vllm-project/vllm
// URLs; a bare trailing '#' (an empty fragment, as in one seed) is dropped.
// Anything else is returned as written.
std::string expand_link_target(std::string_view target);

// Lower-cased, white space collapsed: how Markdown compares reference labels.
std::string reference_key(std::string_view label);

// "[label]: target" lines (not "[^note]: ...", which are footnotes).
std::map<std::string, std::string> read_link_definitions(const Document& doc);

}  // namespace planner::importing
