#pragma once
// --any-version: one request against several matrix versions at once. The
// version is a variable of one Z3 formula (version_encoding.hpp); the answer
// says which versions allow the request and, per version, what the command
// answers there: the best plan (maximize, same criteria as Engine::maximize),
// the repair, the check, or the conflicts that block it.
#include <string>
#include <vector>

#include "solver/engine.hpp"

namespace planner {

enum class VersionCommand { maximize, repair, check, explain };

struct VersionAnswer {
    std::string version;  // the matrix id
    bool allows = false;  // the request's hard part holds in this version
    // Request names this version has no row or column for: "hardware tpu",
    // "must prompt-embeds", "have pooling". Each one alone blocks the version.
    std::vector<std::string> lacking;
    // The command's answer on this version. Blocked versions: status
    // infeasible (check: invalid) with the conflicts (check: violations),
    // including one conflict without cells per lacking name.
    Result result;
};

struct AnyVersionResult {
    // ok (check: valid) when some version allows the request; infeasible
    // (check: invalid) when none does; timeout; error (message) on a bug.
    Status status = Status::error;
    std::vector<std::string> allowing;   // in the order the versions were given
    std::vector<VersionAnswer> versions;  // one per version, in that order
    std::string message;
};

// `request` names canonical ids; a name must exist in at least one version
// (UsageError otherwise, naming the flag). Versions: distinct ids.
AnyVersionResult run_any_version(const std::vector<Matrix>& versions, const Request& request,
                                 VersionCommand command);

}  // namespace planner
