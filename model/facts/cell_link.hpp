#pragma once
// What a cell's link may point at, for every reader of cells (documents, matrix
// JSON, overlays): a http or https URL. The links end up as clickable URL=
// attributes in `planner graph` and in answers; any other scheme (javascript:,
// data:, file:) would run or open something the reader never asked for.
#include <string_view>

namespace planner {

// How the rule reads in a message: "... is not <kCellLinkRule>", with the
// shorthands added where the input may use them (documents and overlays).
inline constexpr std::string_view kCellLinkRule = "a http(s) URL";
inline constexpr std::string_view kCellLinkShorthands = " (nor gh-issue:N or gh-pr:N, which expand to one)";

// Whether `url`, with shorthands already expanded, is a http:// or https:// URL
// with something after the scheme (the scheme compared without case, as URLs do).
bool is_cell_link(std::string_view url);

}  // namespace planner
