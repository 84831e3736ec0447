#include "cli/commands/graph_plan_file.hpp"

#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include <planner/error.hpp>

#include "cli/output/stdout_guard.hpp"
#include "model/io/limits.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/user_file.hpp"

namespace planner::cli {

namespace {

std::string read_stdin() {
    require_open_stdin("plan");
    check_stdin_is_input("plan");
    std::string text;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        text.append(buffer, static_cast<size_t>(std::cin.gcount()));
        if (text.size() > limits::kMaxMatrixJsonBytes)
            throw InputError("<stdin>: the plan is larger than " + limits::describe_bytes(limits::kMaxMatrixJsonBytes));
    }
    return text;
}

}  // namespace

PlanFile read_plan_file(const std::string& path) {
    const std::string name = path == "-" ? "<stdin>" : path;
    const std::string text =
        path == "-" ? read_stdin() : read_user_file(path, limits::kMaxMatrixJsonBytes, "plan file");
    refuse_nul_byte(text, name);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(name + ": not JSON (" + e.what() + "); --plan takes the output of planner maximize --json");
    }
    if (!doc.is_object() || doc.value("schema", "") != "planner-result/1")
        throw InputError(name + ": not a planner-result/1 document; --plan takes the output of planner maximize --json");
    const std::string status = doc.value("status", "");
    if (status != "ok" && status != "timeout")
        throw InputError(name + ": the result has status '" + status + "', so it holds no plan to highlight");
    // A timed-out answer may hold no plan at all (plan_found: false): its
    // empty feature list is not a plan to draw.
    if (doc.contains("plan_found") && doc["plan_found"] == false)
        throw InputError(name + ": the result found no plan in time (plan_found: false), so it holds none to highlight");
    PlanFile plan;
    if (!doc.contains("hardware") || !doc["hardware"].is_string() || !doc.contains("features") ||
        !doc["features"].is_array())
        throw InputError(name + ": the result has no \"hardware\" and \"features\" of a plan");
    plan.hardware = doc["hardware"].get<std::string>();
    if (doc.contains("matrix") && doc["matrix"].is_string()) plan.matrix = doc["matrix"].get<std::string>();
    for (const auto& feature : doc["features"]) {
        if (!feature.is_string()) throw InputError(name + ": \"features\" must hold feature ids");
        plan.features.push_back(feature.get<std::string>());
    }
    return plan;
}

}  // namespace planner::cli
