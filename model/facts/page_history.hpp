#pragma once
// The names of vLLM's page states and releases: a state's date id
// ("vllm-docs-2024-11-20", "-2" for a second state on one day) and release
// tags ("v0.6.4"), as the shipped matrices and --matrix spell them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// YYYY-MM-DD, a day the calendar has (2025-02-29 is not one).
bool is_iso_date(std::string_view text);

// "vllm-docs-" + an ISO date, optionally "-N" with N >= 2.
bool is_page_state_id(std::string_view id);

// The id of the `nth` state (1: the first) committed on `date`.
std::string page_state_id(std::string_view date, int nth);

// "v0.6.4" -> {0, 6, 4}, "v0.7" -> {0, 7}: "v" and two or three numbers
// joined by '.'; nullopt otherwise.
std::optional<std::vector<int>> release_numbers(std::string_view tag);
// A release tag: three numbers ("v0.6.4").
bool is_release_tag(std::string_view tag);

}  // namespace planner
