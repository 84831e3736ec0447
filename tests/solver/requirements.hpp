#pragma once
// Request items, typed, to compare with Conflict::requirements and
// VersionAnswer::lacking.
#include <vector>

#include <planner/engine.hpp>

namespace planner::test {

inline Requirement must(const char* id) { return {Requirement::Kind::must, id}; }
inline Requirement keep(const char* id) { return {Requirement::Kind::keep, id}; }
inline Requirement on_hardware(const char* id) { return {Requirement::Kind::hardware, id}; }
using Requirements = std::vector<Requirement>;

}  // namespace planner::test
