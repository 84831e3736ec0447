#include "cli/command_line.hpp"

#include <algorithm>
#include <cctype>

namespace planner::cli {

namespace {

std::string comma_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

}  // namespace

std::string shell_quote(std::string_view text) {
    bool safe = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./,=:+@").find(c) !=
                                                                   std::string_view::npos;
    });
    if (safe) return std::string(text);
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string alternative_command_line(const Request& request, const Alternative& alternative,
                                     std::string_view matrix_arg) {
    std::vector<std::string> must;
    for (const auto& id : request.must)
        if (std::find(alternative.dropped.begin(), alternative.dropped.end(), id) ==
            alternative.dropped.end())
            must.push_back(id);
    std::string hardware = alternative.hardware.empty() ? request.hardware : alternative.hardware;

    std::string line = "planner maximize --hw " + shell_quote(hardware);
    if (!must.empty()) line += " --must " + comma_list(must);
    if (!request.never.empty()) line += " --never " + comma_list(request.never);
    if (!request.prefer.empty()) line += " --prefer " + comma_list(request.prefer);
    if (!request.weights.empty()) {
        std::string weights;
        for (const auto& [id, weight] : request.weights)
            weights += (weights.empty() ? "" : ",") + id + "=" + std::to_string(weight);
        line += " --weight " + weights;
    }
    if (request.policy.forbid_partial && request.policy.forbid_unknown)
        line += " --strict";
    else if (request.policy.forbid_partial)
        line += " --forbid-partial";
    else if (request.policy.forbid_unknown)
        line += " --forbid-unknown";
    if (!matrix_arg.empty()) line += " --matrix " + shell_quote(matrix_arg);
    return line;
}

}  // namespace planner::cli
