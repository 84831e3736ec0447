#pragma once
// Feature names as a vLLM user types them: besides the catalog's spellings,
// the engine flags of data/vllm-args.json (whose every entry cites vLLM's
// arg_utils.py at a pinned release). A flag that turns a feature on names it
// (--enable-prefix-caching, --speculative-config); one that turns it off
// names its negation (--enforce-eager is "not cuda-graph").
#include <optional>
#include <string>
#include <string_view>

namespace planner {

struct FeatureSpelling {
    std::string id;        // canonical feature id
    bool negated = false;  // the name turns the feature off
    std::string flag;      // the vLLM flag it matched, "" for a catalog name
    bool takes_value = false;  // the flag is followed by a value (--num-scheduler-steps N)
};

// nullptr-like empty optional when neither the catalog nor a vLLM flag knows
// the name. Leading dashes, case, '-', '_', ' ' and '.' do not matter.
std::optional<FeatureSpelling> find_feature_spelling(std::string_view name);

// The name is a vLLM flag followed by a value (num-scheduler-steps for
// --num-scheduler-steps N): the command line reads it as its feature, a rules
// file as the value, a variable it declares.
bool names_flag_value(std::string_view name);

}  // namespace planner
