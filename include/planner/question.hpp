#pragma once
// The questions the engine answers, as one type and one table: the engine,
// the command line, batch and --any-version all read the question's name,
// what it answers and which Request fields it reads from here.
#include <optional>
#include <span>
#include <string_view>

namespace planner {

enum class Question { maximize, repair, check, explain, enumerate };

struct QuestionInfo {
    Question question;
    std::string_view name;     // "maximize": the command and the batch "cmd"
    std::string_view summary;  // what it answers, in one line (the command's help)
    // The Request members it reads (include/planner/engine.hpp), in
    // declaration order; any other field is left as it is.
    std::span<const std::string_view> fields;
    bool needs_have;       // asks about a configuration as it is (Request::have)
    bool across_versions;  // Engine::across_versions (--any-version) answers it too
};

// Every question, in the order of the enum.
std::span<const QuestionInfo> questions();
const QuestionInfo& info(Question question);
std::string_view to_string(Question question);  // "maximize"
// The question of that name; nullopt for any other word.
std::optional<Question> question_named(std::string_view name);

}  // namespace planner
