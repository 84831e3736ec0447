// RequestError: a message about a Request that names its fields, so that the
// library speaks of its own arguments and a front end of its own flags.
#include <algorithm>
#include <array>

#include <planner/error.hpp>

namespace planner {

namespace {

// The members of Request (include/planner/engine.hpp) in declaration order.
constexpr std::array<std::string_view, 14> request_fields = {
    "hardware", "must",    "never",      "prefer", "weights",        "policy",      "have",
    "keep",     "allow_hardware_change", "hardware_cost", "timeout_ms", "limit", "missing_column", "hardware_as"};

std::string spelled(std::string_view message_template, const std::function<std::string(std::string_view)>& spell) {
    std::string out;
    size_t at = 0;
    while (at < message_template.size()) {
        const size_t open = message_template.find('{', at);
        const size_t close = open == std::string_view::npos ? open : message_template.find('}', open);
        if (close == std::string_view::npos) break;
        const std::string_view name = message_template.substr(open + 1, close - open - 1);
        out.append(message_template.substr(at, open - at));
        if (is_request_field(name)) {
            out.append(spell(name));
        } else {
            out.append(message_template.substr(open, close - open + 1));
        }
        at = close + 1;
    }
    return out.append(message_template.substr(std::min(at, message_template.size())));
}

std::string plain(std::string_view field) { return std::string(field); }

}  // namespace

bool is_request_field(std::string_view name) {
    return std::find(request_fields.begin(), request_fields.end(), name) != request_fields.end();
}

RequestError::RequestError(std::string field, std::string message_template)
    : UsageError(spelled(message_template, plain)), field_(std::move(field)), template_(std::move(message_template)) {}

std::string RequestError::message_with(const std::function<std::string(std::string_view)>& spell) const {
    return spelled(template_, spell);
}

}  // namespace planner
