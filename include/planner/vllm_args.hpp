#pragma once
// A plan as the vLLM engine flags that turn its features on and off. Which
// flag does what depends on the vLLM release a matrix comes from, so the
// mapping is data (data/vllm-args.json, one block per release series, every
// entry with its source); this file only applies it.
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

// How a feature is switched: by an engine flag, by a parameter of each request,
// or by choosing a model that has it.
enum class VllmControl { flag, request, model };
std::string_view to_string(VllmControl control);

// The mapping of one feature in one release series, as data/vllm-args.json states it.
struct VllmFeatureMapping {
    std::string feature;
    VllmControl control = VllmControl::flag;
    std::vector<std::string> on, off;      // argv tokens; may hold placeholders
    std::vector<std::string> parameters;   // request parameter names
    std::string requirement;               // what the model must be
    std::string note;
    std::string source;                    // where the spelling was looked up
    bool verified = true;                  // false: the spelling was not confirmed for this series
};

// A feature vLLM turns on when no flag mentions it (CUDA graphs, prefix
// caching under the V1 engine, ...), with where that default was read.
struct VllmDefault {
    std::string feature;
    std::string source;
    bool verified = true;  // false: the source was not read at a pinned commit of this series
};

struct VllmSeries {
    std::string vllm;         // "0.6": the major.minor releases it covers
    std::string description;
    std::vector<VllmDefault> defaults_on;
    std::vector<VllmFeatureMapping> features;

    const VllmFeatureMapping* find(std::string_view feature) const;
};

// The argv tokens for one feature of the plan.
struct VllmFlag {
    std::string feature;
    bool enabled = false;
    std::vector<std::string> args;
    bool verified = true;
};

// A value the user must fill in before running vLLM, e.g. <DRAFT_MODEL>.
struct VllmPlaceholder {
    std::string name;
    std::string meaning;
    std::string feature;
};

struct VllmRequestParameter {
    std::string feature;
    std::vector<std::string> parameters;
    std::string note;
};

struct VllmModelProperty {
    std::string feature;
    std::string requirement;
};

struct VllmArgs {
    std::string matrix;    // the matrix id asked about
    std::string vllm;      // the release series whose spellings were used
    std::string hardware;
    std::vector<VllmFlag> flags;  // matrix document order; features without a flag are absent
    std::vector<VllmPlaceholder> placeholders;  // first use order, each once
    std::vector<VllmRequestParameter> request_parameters;  // enabled features only
    std::vector<VllmModelProperty> model_properties;       // enabled features only
    std::vector<std::string> notes;  // "feature: ..." lines, unverified spellings included

    // Every flag's tokens in order: what to append to `vllm serve MODEL`.
    std::vector<std::string> argv() const;
};

class VllmArgsMap {
public:
    // The mapping compiled in from data/vllm-args.json.
    static const VllmArgsMap& builtin();
    // Parse a planner-vllm-args/1 document; throws InputError naming `origin`
    // for bad JSON, an unknown feature id or an undeclared placeholder.
    static VllmArgsMap parse(std::string_view json_text, std::string_view origin);

    const std::vector<VllmSeries>& series() const { return series_; }
    // "0.6, 0.7, 0.8": for messages.
    std::string series_list() const;

    // The series of a matrix id such as "vllm-0.7" or "vllm-0.8.5-rc1";
    // throws UsageError naming the series that have a mapping.
    const VllmSeries& series_for(std::string_view matrix_id) const;
    // The same, or null when no series is mapped for the id.
    const VllmSeries* find_series(std::string_view matrix_id) const;

    // `enabled` and `matrix_features` are canonical ids; every enabled feature
    // must be one of the matrix's (UsageError otherwise), and so must the
    // hardware be a catalog id. Features the matrix has but that are off get
    // their "off" tokens, so vLLM's defaults never switch on what the plan left out.
    VllmArgs translate(std::string_view matrix_id, std::string_view hardware,
                       const std::vector<std::string>& enabled,
                       const std::vector<std::string>& matrix_features) const;

private:
    std::vector<VllmSeries> series_;
    std::vector<std::pair<std::string, std::string>> placeholders_;  // name -> meaning
};

// VllmArgsMap::builtin().translate(...).
// The name whose release series picks the engine flags of `matrix`: for a
// state of vLLM's page, its first release ("vllm-0.6.4"); for a state no
// source dates to a release, its id (which names no series: its flags are
// unknown, never those of an older release); otherwise the matrix id.
std::string release_name(const Matrix& matrix);

VllmArgs vllm_args(std::string_view matrix_id, std::string_view hardware,
                   const std::vector<std::string>& enabled,
                   const std::vector<std::string>& matrix_features);

// One argv token quoted for a POSIX shell when it needs it: --x stays, a JSON
// value gets single quotes.
std::string shell_quote(std::string_view token);

}  // namespace planner
