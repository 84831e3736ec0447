#pragma once
// SHA-256 of a document's bytes, recorded in the canonical matrix so that a
// matrix can be traced to the exact file it came from.
#include <string>
#include <string_view>

namespace planner::importing {

// Lower-case hex, 64 characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace planner::importing
