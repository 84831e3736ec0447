#pragma once
// --any-version: one request against several matrix versions at once. The
// version is a variable of one Z3 formula (version_encoding.hpp); the answer
// says which versions allow the request and, per version, what the command
// answers there: the best plan (maximize, same criteria as Engine::maximize),
// the repair, the check, or the conflicts that block it.
#include <z3++.h>

#include <vector>

#include <planner/across_versions.hpp>
#include <planner/engine.hpp>
#include <planner/question.hpp>

namespace planner {

// `request` names canonical ids; a name must exist in at least one version
// (RequestError otherwise, naming the field). Versions: distinct ids.
// `question`: one the table of questions marks across_versions (UsageError
// for another).
// `context`: the engine's, which holds the combined formula for the call;
// `engine` answers each version's own question (its cached encodings).
AnyVersionResult run_any_version(z3::context& context, Engine& engine, const std::vector<Matrix>& versions,
                                 const Request& request, Question question);

}  // namespace planner
