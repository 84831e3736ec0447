// An autotuner's view of the planner library: load the shipped matrix, ask for
// the largest valid feature set on a few hardware classes under a few must-sets,
// and turn each plan into the `vllm serve` flags of that matrix's vLLM release.
//
// Build against an installed planner:
//   c++ -std=c++20 embed.cpp $(pkg-config --cflags --libs planner) -o embed
#include <iostream>
#include <string>
#include <vector>

#include <planner/planner.hpp>

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out.empty() ? "-" : out;
}

struct Trial {
    std::string hardware;
    std::vector<std::string> must;
};

}  // namespace

int main() {
    try {
        const planner::Matrix matrix = planner::load_matrix();  // the newest shipped one
        std::cout << "matrix " << matrix.id << ": " << matrix.features.size() << " features, "
                  << matrix.hardware.size() << " hardware classes\n";

        // One engine for every question: it keeps its solver context warm.
        planner::Engine engine;
        const std::vector<Trial> trials = {
            {"ampere", {}},      {"ampere", {"lora"}}, {"hopper", {"sd"}},
            {"cpu", {}},         {"ampere", {"lora", "sd"}},
        };
        for (const Trial& trial : trials) {
            planner::Request request;
            request.hardware = trial.hardware;
            request.must = trial.must;
            const planner::Result result = engine.maximize(matrix, request);
            std::cout << "\nhw=" << trial.hardware << " must=" << joined(trial.must, ",")
                      << " status=" << planner::to_string(result.status) << "\n";
            if (result.status != planner::Status::ok) {
                for (const planner::Alternative& alternative : result.alternatives)
                    std::cout << "  alternative: drop " << joined(alternative.dropped, ",")
                              << " -> " << joined(alternative.plan.features, " ") << "\n";
                continue;
            }
            std::cout << "  features: " << joined(result.plan.features, " ") << "\n"
                      << "  risks: " << result.plan.risks.size() << "\n";
            const planner::VllmArgs args = planner::vllm_args(
                matrix.id, result.plan.hardware, result.plan.features, matrix.features);
            std::string command = "vllm serve <MODEL>";
            for (const std::string& token : args.argv()) command += " " + planner::shell_quote(token);
            std::cout << "  vllm " << args.vllm << ": " << command << "\n";
            for (const planner::VllmPlaceholder& placeholder : args.placeholders)
                std::cout << "  fill " << placeholder.name << ": " << placeholder.meaning << "\n";
            for (const planner::VllmRequestParameter& parameter : args.request_parameters)
                std::cout << "  per request (" << parameter.feature
                          << "): " << joined(parameter.parameters, ", ") << "\n";
            for (const planner::VllmModelProperty& property : args.model_properties)
                std::cout << "  model (" << property.feature << "): " << property.requirement << "\n";
        }
        return 0;
    } catch (const planner::UsageError& error) {
        std::cerr << "usage: " << error.what() << "\n";
    } catch (const planner::InputError& error) {
        std::cerr << "input: " << error.what() << "\n";
    }
    return 2;
}
