#pragma once
// The ways a request can be refused before any planning happens. All mean
// exit code 2; the message already names the place (file:line, flag, field).
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace planner {

// A document, JSON file or batch line that cannot be read as it stands.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Flags or names the user typed that do not fit (unknown feature, --must x --never x).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A Request the library refuses: a field names what the matrix lacks, holds a
// value out of range, or contradicts another field. The library speaks of its
// own arguments: the message names each field by its Request member, written
// "{must}" in the template, and what() gives them plain ("must: feature 'x'
// is not in the matrix"). A front end says them its own way with
// message_with (the command line: "--must: feature 'x' is not in the matrix").
class RequestError : public UsageError {
public:
    // `field`: the Request member at fault, the first one the template names.
    RequestError(std::string field, std::string message_template);

    const std::string& field() const { return field_; }
    // The template with every {field} replaced by spell(field). Only Request
    // member names count as fields; other braces stay as they are.
    std::string message_with(const std::function<std::string(std::string_view field)>& spell) const;

private:
    std::string field_;
    std::string template_;
};

// The Request members a RequestError may name, in declaration order.
bool is_request_field(std::string_view name);

}  // namespace planner
