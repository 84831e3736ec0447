// A request item in words: the text conflicts have always shown ("must lora",
// "hardware ampere"), from the typed item.
#include <array>

#include <planner/engine.hpp>

namespace planner {

namespace {

// In the order of Requirement::Kind.
constexpr std::array<std::string_view, 6> kind_words = {"must", "never", "keep", "have", "hardware", "set"};

}  // namespace

std::string_view to_string(Requirement::Kind kind) {
    return kind_words[static_cast<size_t>(kind)];
}

std::string to_string(const Requirement& requirement) {
    return std::string(to_string(requirement.kind)).append(" ").append(requirement.id);
}

}  // namespace planner
