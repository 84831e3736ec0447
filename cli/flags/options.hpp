#pragma once
// Flags shared by the commands, as typed and as resolved. Resolution goes
// through the catalog (any spelling) and then the chosen matrix, so that every
// name reaching the engine is a canonical id the matrix has.
#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <planner/engine.hpp>
#include <planner/matrix.hpp>

namespace planner::cli {

// The request flags exactly as the user typed them.
struct RequestFlags {
    std::string hardware;
    std::string hardware_as;  // --hw-as: the column to borrow for a class the matrix lacks
    std::vector<std::string> must, never, prefer, have, keep, weights;
    bool strict = false, forbid_partial = false, forbid_unknown = false;
    bool allow_hardware_change = false;
    std::string hardware_cost;  // "" when not given: 1
    std::string timeout_ms = "0";
    std::string limit = "0";
};

// Refuses "" for an option whose empty value would mean "not given".
CLI::Validator non_empty_value();

// What `--hw ''` (and batch's "hw": "") is told.
inline constexpr const char* kEmptyHardware =
    "the value is empty; give a hardware class or product (ampere, a100, sm80, h100, mi300x, ...) or auto "
    "(planner hardware lists them)";
// What `--matrix ''` (and batch's "matrix": "") is told.
inline constexpr const char* kEmptyMatrix = "must not be empty (leave it out for the default matrix)";
// What `--hw-as ''` (and batch's "hw_as": "") is told.
inline constexpr const char* kEmptyHardwareAs =
    "the value is empty; give the class whose column to plan with (ampere, hopper, ...; planner hardware "
    "lists them), or leave it out for every cell unknown";

// A UsageError naming `flag` when `value` holds a control character (a
// newline, a tab, ESC): the catalog would skip it and the answer echo it raw.
void refuse_control_characters(std::string_view flag, std::string_view value);

// Items of comma lists; an empty item (`--must ''`, `--must a,,b`) is a UsageError.
std::vector<std::string> split_names(std::string_view flag, const std::vector<std::string>& raw);

// A feature as a flag names it: a vLLM flag that turns it off (--enforce-eager
// for cuda-graph) is `negated`. `typed` is the name as given, for messages.
struct SignedFeature {
    std::string id;
    bool negated = false;
    std::string typed;
};
// Canonical ids in the order given, duplicates dropped (a feature named both
// ways is a UsageError); every name must be a feature of `matrix`.
std::vector<SignedFeature> resolve_signed_features(std::string_view flag, const std::vector<std::string>& raw,
                                                   const Matrix& matrix);

// Canonical ids in the order given, duplicates dropped; every name must be a
// feature of `matrix` and none a negating spelling.
std::vector<std::string> resolve_features(std::string_view flag, const std::vector<std::string>& raw,
                                          const Matrix& matrix);
// A hardware class that `matrix` has a column for; otherwise a UsageError that
// names the shipped matrices that have it. `timeout_ms` (0: none) bounds `--hw auto`;
// `flag` is the flag the value came from, which every message and note names.
std::string resolve_hardware_in(std::string_view raw, const Matrix& matrix, unsigned timeout_ms = 0,
                                std::string_view flag = "--hw");
// --hw for a command that shows a column (graph, matrix show) rather than
// plans on one: a class no published matrix has (blackwell) is refused with
// what to type instead, since a stand-in column is an assumption of a plan.
std::string resolve_shown_hardware(std::string_view raw, const Matrix& matrix, std::string_view command);
// What the answer must say about the --hw name itself: which product a name
// of several memory sizes was taken for ("a100 = a100-80gb ..."); none for
// a class, an unambiguous product or auto.
std::vector<std::string> hardware_name_notes(const RequestFlags& flags);

// `x=3,y=2`: whole numbers from 0 to max_weight.
std::map<std::string, int> parse_weights(const std::vector<std::string>& raw, const Matrix& matrix);
// A whole number from 0 to `max`, or a UsageError naming the flag.
unsigned long parse_count(std::string_view flag, std::string_view text, unsigned long max);
// How a count is refused, on the command line and in batch alike: "WHO: 'TEXT'
// is not a whole number from 0 to MAX", `who` the flag (--timeout-ms,
// --weight lora) or the batch key ("timeout_ms"), `text` the value as written.
std::string not_a_count(std::string_view who, std::string_view text, unsigned long max);

constexpr int max_weight = 1000000;
// --timeout-ms: one day. A longer limit is a typo for "no limit" (0) more often than a wish.
constexpr unsigned long max_timeout_ms = 86400000;
constexpr unsigned long max_limit = 1000000;

Policy policy_from(const RequestFlags& flags);

// Everything resolved and cross-checked (--must x --never x, --keep of a
// feature not in --have is fine: keeping it off). Throws UsageError.
Request build_request(const RequestFlags& flags, const Matrix& matrix);

}  // namespace planner::cli
