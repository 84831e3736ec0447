#include "cli/render_vllm_args.hpp"

#include "cli/render_text.hpp"

namespace planner::cli {

namespace {

// Not a flag of any series: the one value every `vllm serve` line needs.
constexpr std::string_view model_placeholder = "<MODEL>";
constexpr std::string_view model_meaning = "the model to serve: a Hugging Face name or a local path";

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out.append(separator);
        out.append(item);
    }
    return out;
}

std::string comment(const Style& style, std::string_view text) {
    std::string line = "# ";
    line.append(text);
    return style.dim(line) + "\n";
}

std::string plan_risks_line(const Plan& plan) {
    if (plan.risks.empty()) return "";
    std::vector<std::string> cited;
    for (const CellRef& cell : plan.risks) cited.push_back(cell_citation(cell));
    std::string line = "relies on ";
    line.append(std::to_string(plan.risks.size())).append(plan.risks.size() == 1 ? " uncertain cell: " : " uncertain cells: ");
    return line.append(joined(cited, ", "));
}

// Request parameters, model properties, risks and notes of one plan, as comments.
std::string plan_details(const VllmArgs& args, const Plan& plan, const Style& style, std::string_view indent) {
    std::string out;
    std::string prefix(indent);
    for (const VllmRequestParameter& parameter : args.request_parameters) {
        std::string line = prefix + "request parameter, " + parameter.feature + ": " + joined(parameter.parameters, ", ");
        if (!parameter.note.empty()) line.append(" (").append(parameter.note).append(")");
        out += comment(style, line);
    }
    for (const VllmModelProperty& property : args.model_properties)
        out += comment(style, prefix + "model, " + property.feature + ": " + property.requirement);
    if (std::string risks = plan_risks_line(plan); !risks.empty()) out += comment(style, prefix + risks);
    for (const std::string& note : args.notes) out += comment(style, prefix + "note, " + note);
    return out;
}

std::string placeholder_lines(const std::vector<VllmPlaceholder>& placeholders, const Style& style) {
    std::string out = comment(style, "fill in:");
    out += comment(style, std::string("  ").append(model_placeholder).append("  ").append(model_meaning));
    for (const VllmPlaceholder& placeholder : placeholders)
        out += comment(style, "  " + placeholder.name + "  " + placeholder.meaning + " (" + placeholder.feature + ")");
    return out;
}

std::string change_words(const std::vector<Change>& changes) {
    std::vector<std::string> words;
    for (const Change& change : changes) {
        if (change.kind == Change::Kind::add) words.push_back("+" + change.feature);
        else if (change.kind == Change::Kind::remove) words.push_back("-" + change.feature);
        else words.push_back("hardware " + change.from + " -> " + change.to);
    }
    return words.empty() ? "no change" : joined(words, " ");
}

}  // namespace

VllmArgs plan_vllm_args(const Plan& plan, const Matrix& matrix) {
    return vllm_args(matrix.id, plan.hardware, plan.features, matrix.features);
}

std::string vllm_serve_line(const VllmArgs& args) {
    std::string line = "vllm serve ";
    line.append(shell_quote(model_placeholder));
    for (const std::string& token : args.argv()) line.append(" ").append(shell_quote(token));
    return line;
}

ordered_json vllm_args_json(const VllmArgs& args) {
    ordered_json out;
    out["vllm"] = args.vllm;
    out["command"] = vllm_serve_line(args);
    out["argv"] = args.argv();
    ordered_json flags = ordered_json::array();
    for (const VllmFlag& flag : args.flags) {
        ordered_json item;
        item["feature"] = flag.feature;
        item["enabled"] = flag.enabled;
        item["args"] = flag.args;
        item["verified"] = flag.verified;
        flags.push_back(std::move(item));
    }
    out["flags"] = std::move(flags);
    ordered_json placeholders = ordered_json::array();
    ordered_json model;
    model["name"] = model_placeholder;
    model["meaning"] = model_meaning;
    model["feature"] = nullptr;
    placeholders.push_back(std::move(model));
    for (const VllmPlaceholder& placeholder : args.placeholders) {
        ordered_json item;
        item["name"] = placeholder.name;
        item["meaning"] = placeholder.meaning;
        item["feature"] = placeholder.feature;
        placeholders.push_back(std::move(item));
    }
    out["placeholders"] = std::move(placeholders);
    ordered_json parameters = ordered_json::array();
    for (const VllmRequestParameter& parameter : args.request_parameters) {
        ordered_json item;
        item["feature"] = parameter.feature;
        item["parameters"] = parameter.parameters;
        item["note"] = parameter.note;
        parameters.push_back(std::move(item));
    }
    out["request_parameters"] = std::move(parameters);
    ordered_json properties = ordered_json::array();
    for (const VllmModelProperty& property : args.model_properties) {
        ordered_json item;
        item["feature"] = property.feature;
        item["requirement"] = property.requirement;
        properties.push_back(std::move(item));
    }
    out["model_properties"] = std::move(properties);
    out["notes"] = args.notes;
    return out;
}

void add_vllm_args_json(ordered_json& document, const Report& report) {
    const Result& result = report.result;
    const Matrix& matrix = *report.matrix;
    if (report.command == "enumerate") {
        auto plans = document.find("plans");
        if (plans == document.end()) return;
        for (size_t i = 0; i < result.plans.size() && i < plans->size(); ++i)
            (*plans)[i]["vllm_args"] = vllm_args_json(plan_vllm_args(result.plans[i], matrix));
        return;
    }
    const bool has_plan = result.status == Status::ok || result.status == Status::timeout;
    if ((report.command == "maximize" || report.command == "repair") && has_plan && !result.plan.hardware.empty())
        document["vllm_args"] = vllm_args_json(plan_vllm_args(result.plan, matrix));
}

std::string render_vllm_args_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    const Matrix& matrix = *report.matrix;
    std::string out;
    if (report.command == "enumerate") {
        if (result.plans.empty()) return render_report_text(report, style);
        std::vector<VllmArgs> all;
        for (const Plan& plan : result.plans) all.push_back(plan_vllm_args(plan, matrix));
        out += comment(style, "enumerate on " + report.request.hardware + " (matrix " + matrix.id + ", flags of vLLM " +
                                  all.front().vllm + "): " + std::to_string(result.plans.size()) +
                                  (result.plans.size() == 1 ? " maximal set" : " maximal sets"));
        std::vector<VllmPlaceholder> placeholders;
        for (size_t i = 0; i < all.size(); ++i) {
            out += "\n";
            out += comment(style, std::to_string(i + 1) + ": " + joined(result.plans[i].features, " "));
            out += vllm_serve_line(all[i]) + "\n";
            out += plan_details(all[i], result.plans[i], style, "  ");
            for (const VllmPlaceholder& placeholder : all[i].placeholders) {
                bool seen = false;
                for (const VllmPlaceholder& known : placeholders) seen = seen || known.name == placeholder.name;
                if (!seen) placeholders.push_back(placeholder);
            }
        }
        if (!result.proven_optimal) {
            out += "\n";
            out += comment(style, "the time limit cut the enumeration: more sets may exist");
        }
        out += "\n";
        return out + placeholder_lines(placeholders, style);
    }
    const bool has_plan = result.status == Status::ok || result.status == Status::timeout;
    if (!has_plan || result.plan.hardware.empty()) return render_report_text(report, style);

    const VllmArgs args = plan_vllm_args(result.plan, matrix);
    std::string head = report.command + " on " + result.plan.hardware + " (matrix " + matrix.id + ", flags of vLLM " +
                       args.vllm + ")";
    if (report.command == "repair") head.append(": ").append(change_words(result.changes));
    out += comment(style, head);
    std::string on = "on: ";
    on.append(result.plan.features.empty() ? std::string("nothing") : joined(result.plan.features, " "));
    out += comment(style, on);
    if (!result.proven_optimal) out += comment(style, "the time limit cut the search: the best plan found so far");
    out += vllm_serve_line(args) + "\n";
    out += plan_details(args, result.plan, style, "");
    return out + placeholder_lines(args.placeholders, style);
}

}  // namespace planner::cli
