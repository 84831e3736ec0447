#include "cli/render/vllm_args_text.hpp"

#include <algorithm>
#include <iterator>

#include "cli/render/assumed.hpp"
#include "cli/render/text.hpp"
#include "model/facts/assumed_cells.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

// Not a flag of any series: the one value every `vllm serve` line needs.
constexpr std::string_view model_placeholder = "<MODEL>";
constexpr std::string_view model_meaning = "the model to serve: a Hugging Face name or a local path";


std::string comment(const Style& style, std::string_view text) {
    std::string line = "# ";
    line.append(text);
    return style.dim(line) + "\n";
}

// Every line of `text` as a shell comment, dimmed line by line (a colour
// code must never start a line the shell would run): the output stays a
// runnable script where it holds the text answer (no plan) or multi-line
// cell evidence.
std::string commented(const Style& style, std::string_view text) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        out += line.empty() ? style.dim("#") + "\n" : comment(style, line);
        start = end + 1;
    }
    return out;
}

// The notes the answer rests on (a product's class, a stand-in column, import
// repairs), as the text answer prints them under its heading.
std::string notes_lines(const Report& report, const Style& style) {
    std::string out;
    for (const std::string& note : report.result.notes) out += comment(style, "note: " + note);
    return out;
}

// The overridden cells (--assume, --overlay, --hw-as) a plan relies on.
std::string assumed_lines(const std::vector<CellRef>& cells, const Matrix& matrix, const Style& style,
                          std::string_view indent) {
    if (cells.empty()) return "";
    std::string block = std::string(indent) + "assumed (" + std::to_string(cells.size()) +
                        ", overridden cells this plan relies on):\n";
    for (const CellRef& cell : cells) block += cell_line(cell, matrix, Style(false), std::string(indent) + "  ");
    return commented(style, block);
}

std::string plan_risks_line(const Plan& plan, const Matrix& matrix) {
    if (plan.risks.empty()) return "";
    std::vector<std::string> cited;
    for (const CellRef& cell : plan.risks) cited.push_back(cell_citation(cell, matrix));
    std::string line = "relies on ";
    line.append(std::to_string(plan.risks.size())).append(plan.risks.size() == 1 ? " uncertain cell: " : " uncertain cells: ");
    return line.append(join(cited, ", "));
}

// Request parameters, model properties, risks and notes of one plan, as comments.
std::string plan_details(const VllmArgs& args, const Plan& plan, const Matrix& matrix, const Style& style,
                         std::string_view indent) {
    std::string out;
    std::string prefix(indent);
    for (const VllmRequestParameter& parameter : args.request_parameters) {
        std::string line = prefix + "request parameter, " + parameter.feature + ": " + join(parameter.parameters, ", ");
        if (!parameter.note.empty()) line.append(" (").append(parameter.note).append(")");
        out += comment(style, line);
    }
    for (const VllmModelProperty& property : args.model_properties)
        out += comment(style, prefix + "model, " + property.feature + ": " + property.requirement);
    if (std::string risks = plan_risks_line(plan, matrix); !risks.empty()) out += comment(style, prefix + risks);
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
    return words.empty() ? "no change" : join(words, " ");
}

// Declared variables whose name is an EngineArgs field with a command-line
// flag of the same spelling (underscores as dashes) in every mapped series.
constexpr std::string_view kVariableFlags[] = {
    "block_size",      "dtype",     "kv_cache_dtype",       "max_model_len",          "max_num_seqs",
    "num_scheduler_steps", "pipeline_parallel_size", "quantization", "tensor_parallel_size",
};

std::string flag_of(std::string_view variable) {
    std::string flag = "--" + std::string(variable);
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
}

}  // namespace

VllmArgs plan_vllm_args(const Plan& plan, const Matrix& matrix) {
    VllmArgs args = vllm_args(release_name(matrix), plan.hardware, plan.features, matrix.features);
    for (const VariableValue& value : plan.values) {
        const bool known = std::find(std::begin(kVariableFlags), std::end(kVariableFlags), value.name) !=
                           std::end(kVariableFlags);
        const std::vector<std::string> argv = args.argv();
        if (known && std::find(argv.begin(), argv.end(), flag_of(value.name)) != argv.end())
            args.notes.push_back(value.name + ": " + flag_of(value.name) + " is already given for a feature; the plan's value is " +
                                 value.value);
        else if (known)
            args.flags.push_back({value.name, true, {flag_of(value.name), value.value}, true});
        else
            args.notes.push_back(value.name + ": no known vLLM flag sets this variable; the plan assumes " +
                                 value.value);
    }
    return args;
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
    if (report.question == Question::enumerate) {
        auto plans = document.find("plans");
        if (plans == document.end()) return;
        for (size_t i = 0; i < result.plans.size() && i < plans->size(); ++i)
            (*plans)[i]["vllm_args"] = vllm_args_json(plan_vllm_args(result.plans[i], matrix));
        return;
    }
    const bool answered = result.status == Status::ok || result.status == Status::timeout;
    if ((report.question == Question::maximize || report.question == Question::repair) && answered && result.has_plan())
        document["vllm_args"] = vllm_args_json(plan_vllm_args(result.plan, matrix));
}

std::string render_vllm_args_text(const Report& report, const Style& style) {
    const Result& result = report.result;
    const Matrix& matrix = *report.matrix;
    std::string out;
    if (report.question == Question::enumerate) {
        if (result.plans.empty()) return commented(style, render_report_text(report, Style(false)));
        std::vector<VllmArgs> all;
        for (const Plan& plan : result.plans) all.push_back(plan_vllm_args(plan, matrix));
        out += comment(style, "enumerate on " + report.request.hardware + " (matrix " + matrix.id + ", flags of vLLM " +
                                  all.front().vllm + "): " + (result.proven_optimal ? "" : "at least ") +
                                  std::to_string(result.plans.size()) +
                                  (result.plans.size() == 1 ? " maximal set" : " maximal sets") +
                                  (result.proven_optimal ? "" : " (found before the time limit)"));
        out += notes_lines(report, style);
        std::vector<VllmPlaceholder> placeholders;
        for (size_t i = 0; i < all.size(); ++i) {
            out += "\n";
            out += comment(style, std::to_string(i + 1) + ": " + join(result.plans[i].features, " "));
            out += vllm_serve_line(all[i]) + "\n";
            out += plan_details(all[i], result.plans[i], *report.matrix, style, "  ");
            const std::vector<CellRef> assumed =
                assumed_cells(matrix, result.plans[i].hardware, result.plans[i].features);
            out += assumed_lines(assumed, matrix, style, "  ");
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
    const bool answered = result.status == Status::ok || result.status == Status::timeout;
    // No plan, no serve line: the text answer, every line a comment.
    if (!answered || !result.has_plan()) return commented(style, render_report_text(report, Style(false)));

    const VllmArgs args = plan_vllm_args(result.plan, matrix);
    std::string head = std::string(to_string(report.question)) + " on " + result.plan.hardware + " (matrix " +
                       matrix.id + ", flags of vLLM " +
                       args.vllm + ")";
    if (report.question == Question::repair) head.append(": ").append(change_words(result.changes));
    out += comment(style, head);
    out += notes_lines(report, style);
    std::string on = "on: ";
    on.append(result.plan.features.empty() ? std::string("nothing") : join(result.plan.features, " "));
    out += comment(style, on);
    if (!report.defaults_off.empty())
        out += comment(style, "off against vLLM " + report.defaults_release + "'s defaults: " +
                                  join(report.defaults_off, " ") + " (the flags below turn them off)");
    if (!result.proven_optimal) out += comment(style, "the time limit cut the search: the best plan found so far");
    out += assumed_lines(unlisted_assumptions(report), matrix, style, "");
    out += vllm_serve_line(args) + "\n";
    out += plan_details(args, result.plan, *report.matrix, style, "");
    return out + placeholder_lines(args.placeholders, style);
}

}  // namespace planner::cli
