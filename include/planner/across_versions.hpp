#pragma once
// One request against several matrix versions at once (Engine::across_versions,
// the command line's --any-version and `planner versions`): which versions
// allow it and, per version, what the question answers there: the best plan
// (maximize, the criteria of Engine::maximize), the repair, the check, or the
// conflicts that block it.
#include <string>
#include <vector>

#include <planner/engine.hpp>

namespace planner {

struct VersionAnswer {
    std::string version;  // the matrix id
    bool allows = false;  // the request's hard part holds in this version
    // False when the time limit ran out before the version was allowed or
    // refused: then allows is false but the version is not refused either.
    bool decided = true;
    // Request items whose name this version has no row or column for
    // (hardware tpu, must prompt-embeds, have pooling). Each one alone blocks
    // the version.
    std::vector<Requirement> lacking;
    // Why the rules files cannot be read against this version (a rule names a
    // feature it has no row for): the version is refused alone, "" otherwise.
    std::string rules_refusal;
    // The command's answer on this version. Blocked versions: status
    // infeasible (check: invalid) with the conflicts (check: violations),
    // including one conflict without cells per lacking name.
    Result result;
};

struct AnyVersionResult {
    // ok (check: valid) when some version allows the request; infeasible
    // (check: invalid) when every version refuses it; timeout when none
    // allows it and some were not decided in time; error (message) on a bug.
    Status status = Status::error;
    std::vector<std::string> allowing;   // in the order the versions were given
    std::vector<std::string> undecided;  // not decided before the time limit, same order
    std::vector<VersionAnswer> versions;  // one per version, in that order
    std::string message;
    std::vector<std::string> notes;  // what the answer rests on besides the versions (a stand-in column)
};

}  // namespace planner
