#pragma once
// Flags shared by the commands, as typed and as resolved. Resolution goes
// through the catalog (any spelling) and then the chosen matrix, so that every
// name reaching the engine is a canonical id the matrix has.
#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/matrix.hpp"
#include "solver/engine.hpp"

namespace planner::cli {

// The request flags exactly as the user typed them.
struct RequestFlags {
    std::string hardware;
    std::vector<std::string> must, never, prefer, have, keep, weights;
    bool strict = false, forbid_partial = false, forbid_unknown = false;
    bool allow_hardware_change = false;
    std::string hardware_cost = "1";
    std::string timeout_ms = "0";
    std::string limit = "0";
};

void add_json_flag(CLI::App& command, bool& json);
void add_matrix_option(CLI::App& command, std::string& matrix);
void add_hardware_option(CLI::App& command, std::string& hardware, bool required);
// Repeatable, each value a comma list: --must lora,sd --must cp.
CLI::Option* add_name_list_option(CLI::App& command, const std::string& flag, std::vector<std::string>& raw,
                          const std::string& help);
void add_weight_option(CLI::App& command, RequestFlags& flags);
void add_policy_flags(CLI::App& command, RequestFlags& flags);
void add_timeout_option(CLI::App& command, RequestFlags& flags);

// Items of comma lists; an empty item (`--must ''`, `--must a,,b`) is a UsageError.
std::vector<std::string> split_names(std::string_view flag, const std::vector<std::string>& raw);

// Canonical ids in the order given, duplicates dropped; every name must be a
// feature of `matrix`.
std::vector<std::string> resolve_features(std::string_view flag, const std::vector<std::string>& raw,
                                          const Matrix& matrix);
// A hardware class that `matrix` has a column for; otherwise a UsageError that
// names the shipped matrices that have it.
std::string resolve_hardware_in(std::string_view raw, const Matrix& matrix);
// `x=3,y=2`: whole numbers from 0 to max_weight.
std::map<std::string, int> parse_weights(const std::vector<std::string>& raw, const Matrix& matrix);
// A whole number from 0 to `max`, or a UsageError naming the flag.
unsigned long parse_count(std::string_view flag, std::string_view text, unsigned long max);

constexpr int max_weight = 1000000;

Policy policy_from(const RequestFlags& flags);

// Everything resolved and cross-checked (--must x --never x, --keep of a
// feature not in --have is fine: keeping it off). Throws UsageError.
Request build_request(const RequestFlags& flags, const Matrix& matrix);

}  // namespace planner::cli
