#include "cli/render/result_json.hpp"

#include "cli/render/assumed.hpp"
#include "cli/render/suggested_command.hpp"

namespace planner::cli {

namespace {

bool has_rules(const Report& report) { return rules_take_part(report); }

ordered_json rule_json(const RuleRef& rule, const Matrix& matrix) {
    ordered_json out;
    out["id"] = rule.id;
    out["file"] = rule.file;
    out["line"] = rule.line;
    out["kind"] = to_string(rule.kind);
    ordered_json source;
    source["url"] = rule.source.url;
    source["quote"] = rule.source.quote;
    source["note"] = rule.source.note;
    out["source"] = std::move(source);
    out["unverified"] = rule.unverified;
    if (rule.cell) out["cell"] = cell_json(*rule.cell, matrix);  // a permit: the published cell it lifts
    return out;
}

ordered_json rules_json(const std::vector<RuleRef>& rules, const Matrix& matrix) {
    ordered_json out = ordered_json::array();
    for (const RuleRef& rule : rules) out.push_back(rule_json(rule, matrix));
    return out;
}

// Only with --rules, so that every other document keeps its keys.
void add_plan_rules_json(ordered_json& out, const Plan& plan, const Matrix& matrix, const Report& report) {
    if (!has_rules(report)) return;
    ordered_json values = ordered_json::object();
    for (const VariableValue& value : plan.values) values[value.name] = value.value;
    out["values"] = std::move(values);
    out["permits"] = rules_json(plan.permits, matrix);
    out["overrides"] = rules_json(plan.overrides, matrix);
}

ordered_json plan_json(const Plan& plan, const Matrix& matrix, const Report& report) {
    ordered_json out;
    out["hardware"] = plan.hardware;
    out["features"] = plan.features;
    out["risks"] = cells_json(plan.risks, matrix);
    add_plan_rules_json(out, plan, matrix, report);
    return out;
}

ordered_json change_json(const Change& change) {
    ordered_json out;
    switch (change.kind) {
        case Change::Kind::add:
            out["kind"] = "add";
            out["feature"] = change.feature;
            break;
        case Change::Kind::remove:
            out["kind"] = "remove";
            out["feature"] = change.feature;
            break;
        case Change::Kind::hardware:
            out["kind"] = "hardware";
            out["from"] = change.from;
            out["to"] = change.to;
            break;
    }
    return out;
}

ordered_json conflicts_json(const std::vector<Conflict>& conflicts, const Matrix& matrix, const Report& report) {
    ordered_json out = ordered_json::array();
    for (const Conflict& conflict : conflicts) {
        ordered_json item;
        item["requirements"] = requirement_texts(conflict.requirements);
        item["cells"] = cells_json(conflict.cells, matrix);
        if (has_rules(report)) item["rules"] = rules_json(conflict.rules, matrix);
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json alternatives_json(const Report& report) {
    ordered_json out = ordered_json::array();
    for (const Alternative& alternative : report.result.alternatives) {
        ordered_json item;
        item["dropped"] = alternative.dropped;
        item["hardware"] = alternative.plan.hardware.empty() ? alternative.hardware
                                                             : alternative.plan.hardware;
        item["features"] = alternative.plan.features;
        item["risks"] = cells_json(alternative.plan.risks, *report.matrix);
        add_plan_rules_json(item, alternative.plan, *report.matrix, report);
        item["command"] = alternative_command_line(report, alternative);
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json off_json(const std::vector<OffReason>& off, const Matrix& matrix, const Report& report) {
    ordered_json out = ordered_json::array();
    for (const OffReason& reason : off) {
        ordered_json item;
        item["feature"] = reason.feature;
        item["reason"] = reason.reason;
        item["cells"] = cells_json(reason.cells, matrix);
        if (has_rules(report)) item["rules"] = rules_json(reason.rules, matrix);
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

ordered_json requirement_texts(const std::vector<Requirement>& requirements) {
    ordered_json out = ordered_json::array();
    for (const Requirement& requirement : requirements) out.push_back(to_string(requirement));
    return out;
}

ordered_json result_head(std::string_view command, std::string_view status) {
    ordered_json out;
    out["schema"] = result_schema;
    out["command"] = command;
    out["status"] = status;
    return out;
}

ordered_json cell_json(const CellRef& cell, const Matrix& matrix) {
    ordered_json out;
    out["kind"] = cell.kind == CellRef::Kind::pair ? "pair" : "support";
    out["row"] = cell.row;
    out["column"] = cell.column;
    out["value"] = to_string(cell.value);
    out["links"] = cell.links;
    ordered_json footnotes = ordered_json::array();
    for (const std::string& mark : cell.marks) {
        auto text = matrix.footnotes.find(mark);
        ordered_json footnote;
        footnote["mark"] = mark;
        footnote["text"] = text == matrix.footnotes.end() ? "" : text->second;
        footnotes.push_back(std::move(footnote));
    }
    out["footnotes"] = std::move(footnotes);
    if (cell.overridden) {  // only on cells an overlay changed, so other documents keep their keys
        ordered_json overridden;
        overridden["published"] = to_string(cell.overridden->published);
        overridden["reason"] = cell.overridden->reason;
        overridden["link"] = cell.overridden->link;
        overridden["origin"] = cell.overridden->origin;
        out["overridden"] = std::move(overridden);
    }
    return out;
}

ordered_json cells_json(const std::vector<CellRef>& cells, const Matrix& matrix) {
    ordered_json out = ordered_json::array();
    for (const CellRef& cell : cells) out.push_back(cell_json(cell, matrix));
    return out;
}

ordered_json report_json(const Report& report) {
    const Result& result = report.result;
    const Matrix& matrix = *report.matrix;
    ordered_json out = result_head(to_string(report.question), to_string(result.status));
    if (result.status == Status::error) {
        out["error"] = result.message;
        return out;
    }
    if (!result.message.empty()) out["message"] = result.message;
    out["hardware"] = result.plan.hardware.empty() ? report.request.hardware : result.plan.hardware;
    out["matrix"] = matrix.id;
    if (!result.notes.empty()) out["notes"] = result.notes;  // only then, so other documents keep their keys
    out["features"] = result.plan.features;
    out["risks"] = cells_json(result.plan.risks, matrix);
    if (report.question != Question::explain && report.question != Question::enumerate)
        add_plan_rules_json(out, result.plan, matrix, report);
    ordered_json changes = ordered_json::array();
    for (const Change& change : result.changes) changes.push_back(change_json(change));
    out["changes"] = std::move(changes);

    switch (report.question) {
    case Question::maximize:
        out["criteria"] = result.criteria;
        out["proven_optimal"] = result.proven_optimal;
        out["plan_found"] = result.has_plan();
        out["off"] = off_json(result.off, matrix, report);
        out["conflicts"] = conflicts_json(result.conflicts, matrix, report);
        out["alternatives"] = alternatives_json(report);
        break;
    case Question::repair: {
        out["proven_optimal"] = result.proven_optimal;
        out["plan_found"] = result.has_plan();
        out["tied_count"] = result.tied_count;
        out["tied_count_exact"] = result.tied_count_exact;
        ordered_json tied = ordered_json::array();
        for (const Repair& repair : result.tied_repairs) {
            ordered_json item;
            ordered_json changes = ordered_json::array();
            for (const Change& change : repair.changes) changes.push_back(change_json(change));
            item["changes"] = std::move(changes);
            item["hardware"] = repair.plan.hardware;
            item["features"] = repair.plan.features;
            item["risks"] = cells_json(repair.plan.risks, matrix);
            add_plan_rules_json(item, repair.plan, matrix, report);
            tied.push_back(std::move(item));
        }
        out["tied_repairs"] = std::move(tied);
        break;
    }
    case Question::check:
        out["violations"] = cells_json(result.violations, matrix);
        if (has_rules(report)) out["rule_violations"] = rules_json(result.rule_violations, matrix);
        break;
    case Question::explain:
        out["conflicts"] = conflicts_json(result.conflicts, matrix, report);
        break;
    case Question::enumerate: {
        out["proven_optimal"] = result.proven_optimal;
        ordered_json plans = ordered_json::array();
        for (const Plan& plan : result.plans) plans.push_back(plan_json(plan, matrix, report));
        out["plans"] = std::move(plans);
        break;
    }
    }
    if (report.question != Question::explain && report.question != Question::enumerate) {
        add_assumed_json(out, report);
        out["defaults_off"] = report.defaults_off;
    }
    return out;
}

ordered_json error_json(std::string_view command, std::string_view message) {
    ordered_json out = result_head(command, "error");
    out["error"] = message;
    return out;
}

ordered_json catalog_entry_json(const CatalogEntry& entry, bool in_matrix) {
    ordered_json item;
    item["id"] = entry.id;
    item["name"] = entry.name;
    item["labels"] = entry.labels;
    item["aliases"] = entry.aliases;
    item["description"] = entry.description;
    item["in_matrix"] = in_matrix;
    item["in_catalog"] = true;
    return item;
}

std::string dump_json(const ordered_json& document) {
    return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace planner::cli
