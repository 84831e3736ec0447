#pragma once
// One line of `planner batch` input as the flags the single command would
// have been given. Keys are the flag names without dashes ("hw", "must",
// "timeout_ms", "assume", "overlay"), values JSON lists, numbers and booleans; everything is then
// resolved by the same build_request as the command line, so a name the
// command line refuses is refused here with the same words.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cli/plan_command.hpp"

namespace planner::cli {

struct BatchRequest {
    nlohmann::ordered_json id;  // null when the line has none
    std::string id_text;        // the id as the answer echoes it: a number exactly as the line wrote it
    // The question "cmd" names, for the answer's head; empty until "cmd" is
    // read and found to name one, so that an error answer to a line with an
    // unknown "cmd" says "batch" rather than echoing any text as a command.
    std::string command;
    Question question = Question::maximize;  // the question "cmd" names
    PlanFlags flags;
};

// The keys each command's lines take, one line per command
// ("  check: id, cmd, hw, ..., have\n"): what batch's help and the man page
// list, from the same table the parser checks keys against.
std::string batch_keys_text();

// The planning commands a batch line may ask for.
bool is_batch_command(std::string_view command);

// Fills `request` from one line. `request.id` is set as soon as it is known,
// so that the error answer for a line with a good id and a bad key still
// carries the id. Throws InputError (not JSON, wrong type) or UsageError
// (unknown key, key the command does not take, missing "cmd" or "hw"); the
// messages name the key but not the line, which the caller adds.
void parse_batch_request(std::string_view line, BatchRequest& request);

}  // namespace planner::cli
