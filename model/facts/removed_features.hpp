#pragma once
// Features vLLM removed (or stopped accepting) while its compatibility-matrix
// page kept their rows: data/removed-features.json, each with its source. A
// page state dated on or after a removal gets an error rule forbidding the
// feature, so every question, the Z3-free check and the explanations treat
// the removal like any other cited constraint.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>
#include <planner/rules.hpp>

namespace planner {

struct RemovedFeature {
    std::string feature;       // the catalog id: "multi-step"
    std::string applies_from;  // YYYY-MM-DD: the first page state known to come after the removal
    std::string release;       // "v0.10.0": the first release without it; "" where no source says
    std::string replaced_by;   // what took its place; "" for nothing
    bool verified = false;     // false: the date or the release is inferred (the note says from what)
    RuleSource source;
    size_t line = 0;           // of the entry in the data file
};

inline constexpr std::string_view kRemovedFeaturesFile = "data/removed-features.json";

// Throws InputError naming `where`:line for a malformed entry.
std::vector<RemovedFeature> parse_removed_features(std::string_view text, const std::string& where);
// The shipped list (compiled in), parsed once.
const std::vector<RemovedFeature>& removed_features();

// The day a matrix stands for: its page state's date (the oldest of several);
// "" for a matrix that is no page state (a document, a user's file).
std::string page_date(const Matrix& matrix);
// The removal of `feature` that applies to the matrix's page state, or nullptr.
const RemovedFeature* removal_for(const Matrix& matrix, std::string_view feature);
// "vLLM removed prompt-adapter in v0.10.0 (page states from 2025-07-23 on)".
std::string removal_text(const RemovedFeature& removal);
// Some removal applies to a feature the matrix still has a row for: the
// cheap test of removal_rules(matrix).has_value().
bool removals_apply(const Matrix& matrix);
// Error rules forbidding each removed feature the matrix still has a row for;
// nullopt when none applies.
std::optional<RuleFile> removal_rules(const Matrix& matrix);

}  // namespace planner
