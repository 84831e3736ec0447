// The table of questions (include/planner/question.hpp). The summaries are
// the commands' help lines; the fields are what each run_* of
// solver/questions/ reads of the Request.
#include <array>

#include <planner/question.hpp>

namespace planner {

namespace {

constexpr std::array<std::string_view, 10> maximize_fields = {
    "hardware", "must",       "never",          "prefer",     "weights",
    "policy",   "allow_hardware_change", "timeout_ms", "missing_column", "hardware_as"};
constexpr std::array<std::string_view, 11> repair_fields = {
    "hardware",      "weights",    "policy", "have",           "keep",       "allow_hardware_change",
    "hardware_cost", "timeout_ms", "limit",  "missing_column", "hardware_as"};
constexpr std::array<std::string_view, 5> check_fields = {"hardware", "policy", "have", "missing_column",
                                                          "hardware_as"};
constexpr std::array<std::string_view, 7> explain_fields = {"hardware",   "must",           "never",      "policy",
                                                            "timeout_ms", "missing_column", "hardware_as"};
constexpr std::array<std::string_view, 8> enumerate_fields = {
    "hardware", "must", "never", "policy", "timeout_ms", "limit", "missing_column", "hardware_as"};

// In the order of the enum: info() indexes it.
constexpr std::array<QuestionInfo, 5> table = {{
    {Question::maximize, "maximize", "the largest (or highest-weighted) valid feature set on a hardware class",
     maximize_fields, false, true},
    {Question::repair, "repair", "the smallest change that makes a configuration valid", repair_fields, true, true},
    {Question::check, "check", "is this configuration valid; if not, every cell it violates", check_fields, true,
     true},
    {Question::explain, "explain", "why a request is impossible: all minimal sets of conflicting cells",
     explain_fields, false, true},
    {Question::enumerate, "enumerate",
     "every maximal valid feature set (the alternatives an autotuner should try)", enumerate_fields, false, false},
}};

}  // namespace

std::span<const QuestionInfo> questions() { return table; }

const QuestionInfo& info(Question question) { return table[static_cast<size_t>(question)]; }

std::string_view to_string(Question question) { return info(question).name; }

std::optional<Question> question_named(std::string_view name) {
    for (const QuestionInfo& entry : table)
        if (entry.name == name) return entry.question;
    return std::nullopt;
}

}  // namespace planner
