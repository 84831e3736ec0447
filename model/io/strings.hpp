#pragma once
// The few text helpers every room uses: one join, one trim, one lower case
// (shell_quote, public, is in <planner/vllm_args.hpp>).
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// The items with `separator` between each two: {"a", "b"} -> "a, b".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");
std::string join(const std::vector<std::string_view>& items, std::string_view separator = ", ");

// Without the ASCII white space (space, \t, \n, \v, \f, \r) at either end.
std::string_view trim(std::string_view text);

// A-Z to a-z; every other byte, UTF-8 included, as it is.
std::string to_lower_ascii(std::string_view text);

}  // namespace planner
