#include "cli/render/suggested_command.hpp"

#include <algorithm>
#include <cctype>
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {


// " --flag VALUE", or " --flag=VALUE" when the value starts with '-': the
// parser would read a separate "-m.md" as a flag and say --flag needs a value.
std::string flag_value(std::string_view flag, std::string_view value) {
    // Appended piece by piece: g++ 12 at -O3 reports a false -Wrestrict on
    // `" " + std::string(flag)`, and CI builds with warnings as errors.
    std::string out(" ");
    out.append(flag);
    out.append(value.starts_with('-') ? "=" : " ");
    out.append(shell_quote(value));
    return out;
}

}  // namespace

std::string alternative_command_line(const Report& report, const Alternative& alternative) {
    const Request& request = report.request;
    std::vector<std::string> must;
    for (const auto& id : request.must)
        if (std::find(alternative.dropped.begin(), alternative.dropped.end(), id) ==
            alternative.dropped.end())
            must.push_back(id);
    std::string hardware = alternative.hardware.empty() ? request.hardware : alternative.hardware;

    std::string line = "planner maximize" + flag_value("--hw", hardware);
    // The borrowed column shaped the answer; on another class it has no say.
    if (request.missing_column == MissingColumn::borrow && hardware == request.hardware)
        line += flag_value("--hw-as", request.hardware_as);
    if (!must.empty()) line += flag_value("--must", join(must, ","));
    if (!request.never.empty()) line += flag_value("--never", join(request.never, ","));
    if (!request.prefer.empty()) line += flag_value("--prefer", join(request.prefer, ","));
    if (!request.weights.empty()) {
        std::string weights;
        for (const auto& [id, weight] : request.weights)
            weights += (weights.empty() ? "" : ",") + id + "=" + std::to_string(weight);
        line += flag_value("--weight", weights);
    }
    if (request.policy.forbid_partial && request.policy.forbid_unknown)
        line += " --strict";
    else if (request.policy.forbid_partial)
        line += " --forbid-partial";
    else if (request.policy.forbid_unknown)
        line += " --forbid-unknown";
    if (request.allow_hardware_change) line += " --allow-hw";
    if (request.timeout_ms > 0) line += " --timeout-ms " + std::to_string(request.timeout_ms);
    if (!report.matrix_arg.empty()) line += flag_value("--matrix", report.matrix_arg);
    for (const std::string& file : report.overlay_args) line += flag_value("--overlay", file);
    for (const std::string& item : report.assume_args) line += flag_value("--assume", item);
    for (const std::string& file : report.rules_args) line += flag_value("--rules", file);
    for (const std::string& item : report.set_args) line += flag_value("--set", item);
    // A script that asked for vLLM flags gets vLLM flags from the suggestion too.
    if (report.format != "text") line += flag_value("--format", report.format);
    return line;
}

}  // namespace planner::cli
