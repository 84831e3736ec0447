#include "cli/flags/request_fields.hpp"

#include <array>

namespace planner::cli {

namespace {

struct FieldFlag {
    std::string_view field;  // the Request member
    std::string_view flag;   // the command line's flag that sets it
};

// The policy is set by three flags (--strict, --forbid-partial,
// --forbid-unknown) and missing_column by --hw-as or none: the library never
// names either in an error.
constexpr std::array<FieldFlag, 14> field_flags = {{
    {"hardware", "--hw"},
    {"must", "--must"},
    {"never", "--never"},
    {"prefer", "--prefer"},
    {"weights", "--weight"},
    {"have", "--have"},
    {"keep", "--keep"},
    {"allow_hardware_change", "--allow-hw"},
    {"hardware_cost", "--hw-cost"},
    {"timeout_ms", "--timeout-ms"},
    {"limit", "--limit"},
    {"hardware_as", "--hw-as"},
    {"rules", "--rules"},
    {"set", "--set"},
}};

// The Request field each kind of request item comes from.
std::string_view field_of(Requirement::Kind kind) {
    switch (kind) {
    case Requirement::Kind::must: return "must";
    case Requirement::Kind::never: return "never";
    case Requirement::Kind::keep: return "keep";
    case Requirement::Kind::have: return "have";
    case Requirement::Kind::hardware: return "hardware";
    case Requirement::Kind::set: return "set";
    }
    return "must";
}

}  // namespace

std::string_view flag_of_field(std::string_view field) {
    for (const FieldFlag& entry : field_flags)
        if (entry.field == field) return entry.flag;
    return field;
}

std::string message_in_flags(const RequestError& error) {
    return error.message_with([](std::string_view field) { return std::string(flag_of_field(field)); });
}

std::string requirement_flag(const Requirement& requirement) {
    return std::string(flag_of_field(field_of(requirement.kind))).append(" ").append(requirement.id);
}

}  // namespace planner::cli
