#include "cli/flags/request_fields.hpp"

#include "cli/flags/flag_table.hpp"

namespace planner::cli {

namespace {

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
    // The policy is set by three flags (--strict, --forbid-partial,
    // --forbid-unknown) and missing_column by --hw-as or none: their rows
    // name no field, and the library never names either in an error.
    for (const FlagRow& row : flag_rows())
        if (row.field == field) return row.name;
    return field;
}

std::string message_in_flags(const RequestError& error) {
    return error.message_with([](std::string_view field) { return std::string(flag_of_field(field)); });
}

std::string requirement_flag(const Requirement& requirement) {
    return std::string(flag_of_field(field_of(requirement.kind))).append(" ").append(requirement.id);
}

}  // namespace planner::cli
