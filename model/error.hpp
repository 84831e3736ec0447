#pragma once
// The two ways a request can be refused before any planning happens. Both
// mean exit code 2; the message already names the place (file:line, flag).
#include <stdexcept>
#include <string>

namespace planner {

// A document, JSON file or batch line that cannot be read as it stands.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Flags or names the user typed that do not fit (unknown feature, --must x --never x).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace planner
