#pragma once
// What a planning command hands to the renderers: the engine's result with
// the question it answers, so that text and JSON say the same things.
#include <string>

#include "model/matrix.hpp"
#include "solver/engine.hpp"

namespace planner::cli {

struct Report {
    std::string command;     // "maximize", "repair", "check", "explain", "enumerate"
    const Matrix* matrix = nullptr;
    Request request;
    std::string matrix_arg;  // --matrix as typed ("" for the default), for suggested command lines
    Result result;
    bool explain_order = false;  // text: print the criteria order
};

// 0 ok, 1 infeasible or invalid, 2 error, 3 timeout (DESIGN.md).
int exit_code(Status status);

}  // namespace planner::cli
