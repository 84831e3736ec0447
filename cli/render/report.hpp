#pragma once
// What a planning command hands to the renderers: the engine's result with
// the question it answers, so that text and JSON say the same things.
#include <string>

#include <planner/engine.hpp>
#include <planner/matrix.hpp>
#include <planner/question.hpp>

#include "model/facts/removed_features.hpp"

namespace planner::cli {

struct Report {
    Question question = Question::maximize;  // the question the result answers
    const Matrix* matrix = nullptr;
    Request request;
    std::string matrix_arg;  // --matrix as typed ("" for the default), for suggested command lines
    std::string hardware_arg;  // --hw as typed (b200, auto): the derivation cites it beside the class
    // --assume items and --overlay files as typed: they changed the matrix the
    // answer was computed on, so every suggested command line repeats them.
    std::vector<std::string> assume_args, overlay_args;
    // --rules files and --set items as typed, repeated likewise.
    std::vector<std::string> rules_args, set_args;
    Result result;
    // On by default in the matrix's vLLM release ("0.8"), off in the answer's
    // plan (check: the --have set): what the flags of that plan switch off.
    std::string defaults_release;
    std::vector<std::string> defaults_off;
    bool explain_order = false;  // text: print the criteria order
    // "text" or "vllm-args": suggested command lines ask for the same format.
    std::string format = "text";
};

// Rules take part in the answer: the user's --rules files, or what vLLM
// removed by the matrix's page state (data/removed-features.json).
inline bool rules_take_part(const Report& report) {
    return !report.request.rules.empty() || (report.matrix && removals_apply(*report.matrix));
}

}  // namespace planner::cli
