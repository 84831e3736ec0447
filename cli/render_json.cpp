#include "cli/render_json.hpp"

#include "cli/command_line.hpp"
#include "cli/render_assumed.hpp"

namespace planner::cli {

namespace {

ordered_json plan_json(const Plan& plan, const Matrix& matrix) {
    ordered_json out;
    out["hardware"] = plan.hardware;
    out["features"] = plan.features;
    out["risks"] = cells_json(plan.risks, matrix);
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

ordered_json conflicts_json(const std::vector<Conflict>& conflicts, const Matrix& matrix) {
    ordered_json out = ordered_json::array();
    for (const Conflict& conflict : conflicts) {
        ordered_json item;
        item["requirements"] = conflict.requirements;
        item["cells"] = cells_json(conflict.cells, matrix);
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
        item["command"] = alternative_command_line(report.request, alternative, report.matrix_arg);
        out.push_back(std::move(item));
    }
    return out;
}

ordered_json off_json(const std::vector<OffReason>& off, const Matrix& matrix) {
    ordered_json out = ordered_json::array();
    for (const OffReason& reason : off) {
        ordered_json item;
        item["feature"] = reason.feature;
        item["reason"] = reason.reason;
        item["cells"] = cells_json(reason.cells, matrix);
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

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
    ordered_json out = result_head(report.command, to_string(result.status));
    if (result.status == Status::error) {
        out["error"] = result.message;
        return out;
    }
    if (!result.message.empty()) out["message"] = result.message;
    out["hardware"] = result.plan.hardware.empty() ? report.request.hardware : result.plan.hardware;
    out["matrix"] = matrix.id;
    out["features"] = result.plan.features;
    out["risks"] = cells_json(result.plan.risks, matrix);
    ordered_json changes = ordered_json::array();
    for (const Change& change : result.changes) changes.push_back(change_json(change));
    out["changes"] = std::move(changes);

    if (report.command == "maximize") {
        out["criteria"] = result.criteria;
        out["proven_optimal"] = result.proven_optimal;
        out["off"] = off_json(result.off, matrix);
        out["conflicts"] = conflicts_json(result.conflicts, matrix);
        out["alternatives"] = alternatives_json(report);
    } else if (report.command == "repair") {
        out["proven_optimal"] = result.proven_optimal;
    } else if (report.command == "check") {
        out["violations"] = cells_json(result.violations, matrix);
    } else if (report.command == "explain") {
        out["conflicts"] = conflicts_json(result.conflicts, matrix);
    } else if (report.command == "enumerate") {
        out["proven_optimal"] = result.proven_optimal;
        ordered_json plans = ordered_json::array();
        for (const Plan& plan : result.plans) plans.push_back(plan_json(plan, matrix));
        out["plans"] = std::move(plans);
    }
    if (report.command == "maximize" || report.command == "repair" || report.command == "check")
        add_assumed_json(out, report);
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
    return item;
}

std::string dump_json(const ordered_json& document) {
    return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace planner::cli
