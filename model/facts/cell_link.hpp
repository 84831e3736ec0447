#pragma once
// What a cell's link may point at, for every reader of cells (documents, matrix
// JSON, overlays, a rule's source): a http or https URL that holds no character
// a URL never holds. The links end up as clickable URL= attributes and in the
// text of `planner graph` and in answers; any other scheme (javascript:,
// data:, file:) would run or open something the reader never asked for, and a
// space, quote, angle bracket or control character would break the attribute
// or the line it stands in.
#include <string>
#include <string_view>

namespace planner {

// How the rule reads in a message: "... is not <kCellLinkRule>", with the
// shorthands added where the input may use them (documents and overlays).
inline constexpr std::string_view kCellLinkRule = "a http(s) URL";
inline constexpr std::string_view kCellLinkShorthands = " (nor gh-issue:N or gh-pr:N, which expand to one)";

// Whether `url` holds a character no URL holds: a space, '"', '<', '>', '\\',
// '^', '`', '{', '|', '}' or a control character.
bool has_character_no_url_holds(std::string_view url);

// Whether `url`, with shorthands already expanded, is a http:// or https:// URL
// with something after the scheme (the scheme compared without case, as URLs
// do) and no character that no URL holds.
bool is_cell_link(std::string_view url);

// Why `url` is not a cell link, worded to follow the quoted link in a message:
// "is not a URL: it holds a space" (or "'<'", "a control character", ...), else
// "is not a http(s) URL" followed by `shorthands`. Empty when it is one.
std::string cell_link_fault(std::string_view url, std::string_view shorthands = {});

}  // namespace planner
