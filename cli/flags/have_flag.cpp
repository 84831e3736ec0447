#include "cli/flags/have_flag.hpp"

#include <algorithm>

#include <planner/error.hpp>
#include <planner/vllm_args.hpp>

#include "cli/flags/options.hpp"

namespace planner::cli {

namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
}

bool is_signed(const std::string& name) { return !name.empty() && (name.front() == '+' || name.front() == '-'); }

// The defaults of the matrix's release that the matrix has a row for and
// that the hardware can have: vLLM itself leaves CUDA graphs off on a CPU.
std::vector<std::string> defaults_on(const Matrix& matrix, const std::string& hardware) {
    std::vector<std::string> out;
    const VllmSeries* series = VllmArgsMap::builtin().find_series(release_name(matrix));
    if (!series) return out;
    for (const std::string& feature : matrix.features)
        for (const VllmDefault& item : series->defaults_on)
            if (item.feature == feature && matrix.support_value(feature, hardware) != CellValue::no)
                out.push_back(feature);
    return out;
}

std::vector<std::string> changed_from_defaults(const std::vector<std::string>& names, const Matrix& matrix,
                                               const std::string& hardware) {
    if (!VllmArgsMap::builtin().find_series(release_name(matrix)))
        throw UsageError("--have: '" + names.front() + "' is a change from vLLM's defaults, but matrix " + matrix.id +
                         " names no vLLM release whose defaults are known (they are for vLLM " +
                         VllmArgsMap::builtin().series_list() + "); list the exact set of features on instead");
    std::vector<std::string> added, removed;
    for (const std::string& name : names) {
        const SignedFeature feature = resolve_signed_features("--have", {name.substr(1)}, matrix).front();
        const std::string& id = feature.id;
        // +enforce-eager turns cuda-graph off: the sign and the spelling's negation multiply.
        const bool on = (name.front() == '+') != feature.negated;
        const std::string opposite = std::string(on ? "-" : "+") + id;
        if (contains(on ? removed : added, id))
            throw UsageError("--have: both '" + name + "' and '" + opposite + "'; say each feature once");
        (on ? added : removed).push_back(id);
    }
    std::vector<std::string> start = defaults_on(matrix, hardware);
    std::vector<std::string> on;
    for (const std::string& feature : matrix.features)
        if ((contains(start, feature) || contains(added, feature)) && !contains(removed, feature))
            on.push_back(feature);
    return on;
}

}  // namespace

std::vector<std::string> resolve_have(const std::vector<std::string>& raw, const Matrix& matrix,
                                      const std::string& hardware) {
    // `--have ''`: nothing on is a valid configuration to ask about.
    if (raw.size() == 1 && raw.front().find_first_not_of(' ') == std::string::npos) return {};
    const std::vector<std::string> names = split_names("--have", raw);
    for (const std::string& name : names)
        if (name == "+" || name == "-")
            throw UsageError("--have: '" + name + "' is a sign without a feature; write " + name +
                             "FEATURE (--have=+lora,-apc) or the exact set of features on (--have lora,sd)");
    auto first_signed = std::find_if(names.begin(), names.end(), is_signed);
    if (first_signed == names.end()) {
        // The exact set: a negating spelling (enforce-eager) only says its feature is not on.
        std::vector<std::string> on;
        for (const SignedFeature& feature : resolve_signed_features("--have", names, matrix))
            if (!feature.negated) on.push_back(feature.id);
        return on;
    }
    auto first_plain = std::find_if_not(names.begin(), names.end(), is_signed);
    if (first_plain != names.end())
        throw UsageError("--have: '" + *first_plain + "' and '" + *first_signed +
                         "' mix two forms: either the exact set of features on (lora,sd) or changes from "
                         "vLLM's defaults (+lora,+sd,-apc), not both");
    return changed_from_defaults(names, matrix, hardware);
}

std::vector<std::string> defaults_turned_off(const Matrix& matrix, const std::string& hardware,
                                             const std::vector<std::string>& on) {
    std::vector<std::string> out;
    for (const std::string& feature : defaults_on(matrix, hardware))
        if (!contains(on, feature)) out.push_back(feature);
    return out;
}

void describe_defaults_off(Report& report) {
    const VllmSeries* series = VllmArgsMap::builtin().find_series(release_name(*report.matrix));
    if (!series) return;
    report.defaults_release = series->vllm;
    const Result& result = report.result;
    if (report.question == Question::check)
        report.defaults_off = defaults_turned_off(*report.matrix, report.request.hardware, report.request.have);
    else if ((report.question == Question::maximize || report.question == Question::repair) && result.has_plan() &&
             (result.status == Status::ok || result.status == Status::timeout))
        report.defaults_off = defaults_turned_off(*report.matrix, result.plan.hardware, result.plan.features);
}

}  // namespace planner::cli
