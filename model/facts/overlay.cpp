#include <planner/overlay.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/missing_column.hpp>

#include "model/facts/cell_link.hpp"
#include "model/facts/feature_spelling.hpp"
#include "model/facts/own_names.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/json_lines.hpp"
#include "model/io/limits.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/user_file.hpp"
#include "model/io/strings.hpp"

namespace planner {

namespace {

// Errors name the place the user wrote the assumption; which exception type
// depends on whether that place is a flag or a file.
[[noreturn]] void fail(bool from_file, const std::string& message) {
    if (from_file) throw InputError(message);
    throw UsageError(message);
}

CellValue parse_value(std::string_view text, const std::string& origin, bool from_file) {
    if (auto value = cell_value_from_string(to_lower_ascii(trim(text)))) return *value;
    fail(from_file, origin + ": value '" + std::string(text) +
                        "' is not one of yes, no, partial, unknown, blank");
}

// Where names are looked up: the catalog, then the own ids of the matrix the
// assumptions are for (own_names.hpp), when it is known.
struct Names {
    const Catalog& catalog;
    const Matrix* matrix;
};

// A name typed in the wrong slot gets a hint instead of a bare "unknown".
std::string resolve_feature(const Names& names, std::string_view name, const std::string& origin,
                            bool from_file, std::string_view syntax_hint) {
    const Catalog& catalog = names.catalog;
    if (const CatalogEntry* entry = catalog.find_feature(name)) return entry->id;
    // vLLM's flag spellings name features too; one that turns a feature off
    // (--enforce-eager) names no cell: the cell is its feature's.
    if (const std::optional<FeatureSpelling> spelling = find_feature_spelling(name)) {
        if (!spelling->negated) return spelling->id;
        fail(from_file, origin + ": '" + std::string(name) + "' is vLLM's flag that turns " + spelling->id +
                            " off, and a flag that negates a feature cannot name a cell; write the feature, " +
                            spelling->id + " (the cell is the same whichever way the flag is set)");
    }
    if (names.matrix)
        if (std::string own = own_feature_id(*names.matrix, name); !own.empty()) return own;
    if (const CatalogEntry* hw = catalog.find_hardware(name))
        fail(from_file, origin + ": '" + std::string(name) + "' is a hardware class (" + hw->id +
                            "), not a feature; " + std::string(syntax_hint));
    try {
        return catalog.resolve_feature(name);  // throws with the nearest names
    } catch (const UsageError& e) {
        fail(from_file, origin + ": " + e.what());
    }
}

std::string resolve_hardware(const Names& names, std::string_view name, const std::string& origin,
                             bool from_file, std::string_view syntax_hint) {
    const Catalog& catalog = names.catalog;
    if (const CatalogEntry* entry = catalog.find_hardware(name)) return entry->id;
    if (names.matrix)
        if (std::string own = own_hardware_id(*names.matrix, name); !own.empty()) return own;
    if (const CatalogEntry* feature = catalog.find_feature(name))
        fail(from_file, origin + ": '" + std::string(name) + "' is a feature (" + feature->id +
                            "), not a hardware class; " + std::string(syntax_hint));
    try {
        return catalog.resolve_hardware(name);
    } catch (const UsageError& e) {
        fail(from_file, origin + ": " + e.what());
    }
}

void reject_diagonal(const CellAssumption& assumption) {
    if (assumption.kind == CellAssumption::Kind::pair && assumption.row == assumption.column)
        fail(assumption.from_file, assumption.origin + ": '" + assumption.row +
                                       "' paired with itself is the diagonal, which constrains nothing");
}

// Same shorthand the matrix documents use for their links.
std::string expand_link(std::string_view link, const std::string& origin) {
    link = trim(link);
    if (link.empty()) return {};
    auto numbered = [&](std::string_view prefix, std::string_view path) -> std::string {
        std::string_view number = link.substr(prefix.size());
        // As in a document: a positive decimal number of at most 9 digits.
        bool digits = !number.empty() && number.size() <= 9 && number[0] != '0' &&
                      std::all_of(number.begin(), number.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (!digits)
            throw InputError(origin + ": link '" + std::string(link) + "' needs a number after " +
                             std::string(prefix) + " (a positive decimal number of at most 9 digits)");
        return "https://github.com/vllm-project/vllm/" + std::string(path) + "/" + std::string(number);
    };
    if (link.starts_with("gh-issue:")) return numbered("gh-issue:", "issues");
    if (link.starts_with("gh-pr:")) return numbered("gh-pr:", "pull");
    if (is_cell_link(link)) return std::string(link);
    throw InputError(origin + ": link '" + input_excerpt(link) + "' " + cell_link_fault(link, kCellLinkShorthands));
}

std::string string_member(const nlohmann::json& cell, const char* key, const std::string& origin) {
    auto it = cell.find(key);
    if (it == cell.end()) return {};
    if (!it->is_string()) throw InputError(origin + ": \"" + key + "\" must be a string");
    return it->get<std::string>();
}

CellAssumption parse_cell(const nlohmann::json& cell, const std::string& origin, const Names& names) {
    if (!cell.is_object()) throw InputError(origin + ": a cell must be an object");
    static const std::set<std::string> known = {"a", "b", "feature", "hardware", "value", "reason", "link"};
    for (const auto& [key, value] : cell.items())
        if (!known.count(key))
            throw InputError(origin + ": unknown key \"" + key +
                             "\" (a cell has a, b or feature, hardware; value; reason; link)");
    bool pair = cell.contains("a") || cell.contains("b");
    bool support = cell.contains("feature") || cell.contains("hardware");
    if (pair == support)
        throw InputError(origin + ": a cell names either \"a\" and \"b\" (two features) or "
                                  "\"feature\" and \"hardware\"");
    const char* first = pair ? "a" : "feature";
    const char* second = pair ? "b" : "hardware";
    for (const char* key : {first, second, "value"})
        if (!cell.contains(key)) throw InputError(origin + ": the cell has no \"" + key + "\"");

    CellAssumption assumption;
    assumption.origin = origin;
    assumption.from_file = true;
    assumption.kind = pair ? CellAssumption::Kind::pair : CellAssumption::Kind::support;
    std::string first_name = string_member(cell, first, origin);
    std::string second_name = string_member(cell, second, origin);
    const char* hint = pair ? "use \"feature\" and \"hardware\" for a hardware cell"
                            : "use \"a\" and \"b\" for a cell between two features";
    assumption.row = resolve_feature(names, first_name, origin, true, hint);
    assumption.column = pair ? resolve_feature(names, second_name, origin, true, hint)
                             : resolve_hardware(names, second_name, origin, true, hint);
    assumption.value = parse_value(string_member(cell, "value", origin), origin, true);
    assumption.reason = std::string(trim(string_member(cell, "reason", origin)));
    assumption.link = expand_link(string_member(cell, "link", origin), origin);
    reject_diagonal(assumption);
    return assumption;
}

}  // namespace

CellAssumption parse_assumption(std::string_view item, const Catalog& catalog, const Matrix* matrix) {
    const Names names{catalog, matrix};
    const std::string origin = "--assume " + std::string(item);
    const std::string syntax = "expected FEATURE:FEATURE=VALUE or FEATURE@HARDWARE=VALUE";
    size_t equals = item.find('=');
    if (equals == std::string_view::npos || item.find('=', equals + 1) != std::string_view::npos)
        throw UsageError(origin + ": " + syntax);
    std::string_view cell = item.substr(0, equals);
    size_t at = cell.find('@'), colon = cell.find(':');
    bool support = at != std::string_view::npos;
    size_t split = support ? at : colon;
    if (split == std::string_view::npos || (at != std::string_view::npos && colon != std::string_view::npos) ||
        cell.find(support ? '@' : ':', split + 1) != std::string_view::npos)
        throw UsageError(origin + ": " + syntax);
    std::string_view first = trim(cell.substr(0, split)), second = trim(cell.substr(split + 1));
    if (first.empty() || second.empty()) throw UsageError(origin + ": " + syntax);

    CellAssumption assumption;
    assumption.origin = origin;
    assumption.kind = support ? CellAssumption::Kind::support : CellAssumption::Kind::pair;
    const char* hint = support ? "write FEATURE:FEATURE=VALUE for a cell between two features"
                               : "write FEATURE@HARDWARE=VALUE for a hardware cell";
    assumption.row = resolve_feature(names, first, origin, false, hint);
    assumption.column = support ? resolve_hardware(names, second, origin, false, hint)
                                : resolve_feature(names, second, origin, false, hint);
    assumption.value = parse_value(item.substr(equals + 1), origin, false);
    reject_diagonal(assumption);
    return assumption;
}

std::vector<CellAssumption> parse_overlay(std::string_view json_text, std::string_view file_name,
                                          const Catalog& catalog, const Matrix* matrix) {
    const Names names{catalog, matrix};
    const std::string file(file_name);
    if (json_text.size() > limits::kMaxOverlayBytes)
        throw InputError(file + ": the overlay file is " + std::to_string(json_text.size()) + " bytes; at most " +
                         limits::describe_bytes(limits::kMaxOverlayBytes) + " are accepted");
    nlohmann::json doc;
    try {
        doc = parse_strict_json(json_text, file);
    } catch (const nlohmann::json::parse_error& e) {
        // e.what() starts with nlohmann's own tag; the reader wants the place first.
        std::string what = e.what();
        size_t tag_end = what.find("] ");
        if (tag_end != std::string::npos) what = what.substr(tag_end + 2);
        std::string place = file;
        place.append(":").append(std::to_string(line_of_byte(json_text, e.byte)));
        throw InputError(place + ": " + what);
    }
    if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "planner-overlay/1")
        throw InputError(file + ":1: not a planner-overlay/1 document (its \"schema\" must say so)");
    for (const auto& [key, value] : doc.items())
        if (key != "schema" && key != "cells" && key != "description")
            throw InputError(file + ": unknown top-level key \"" + key +
                             "\" (an overlay has schema, description, cells)");
    if (doc.contains("description") && !doc["description"].is_string())
        throw InputError(file + ": \"description\" must be a string");
    if (!doc.contains("cells") || !doc["cells"].is_array())
        throw InputError(file + ": \"cells\" must be an array of cells");

    const nlohmann::json& cells = doc["cells"];
    std::vector<size_t> lines = element_lines(json_text, "cells");
    std::vector<CellAssumption> out;
    for (size_t k = 0; k < cells.size(); ++k) {
        std::string origin = file;
        if (k < lines.size())
            origin.append(":").append(std::to_string(lines[k]));
        else
            origin.append(" (cell ").append(std::to_string(k + 1)).append(")");
        out.push_back(parse_cell(cells[k], origin, names));
    }
    return out;
}

std::vector<CellAssumption> read_overlay_file(const std::string& path, const Catalog& catalog, const Matrix* matrix) {
    return parse_overlay(read_user_file(path, limits::kMaxOverlayBytes, "overlay file"), path, catalog, matrix);
}

namespace {

// A plan for a class no published matrix has (blackwell) uses a stand-in
// column that exists only inside that plan, so there is no cell to assume on;
// the way to correct its cells is to borrow a column and assume on that one.
std::string stand_in_hint(const CellAssumption& assumption, const Matrix& matrix) {
    if (assumption.kind == CellAssumption::Kind::pair) return "";
    const CatalogEntry* entry = Catalog::builtin().find_hardware(assumption.column);
    if (!entry || !entry->no_published_column) return "";
    std::string borrowed = suggested_stand_in(matrix, entry->id);
    if (borrowed.empty()) borrowed = "CLASS";
    return " (no published matrix has a " + entry->id + " column; a plan for it counts every " + entry->id +
           " cell unknown, and an assumption cannot name a cell of that stand-in; to plan on assumed cells, "
           "borrow a column and assume on it: --hw-as " + borrowed + " --assume " + assumption.row + "@" +
           borrowed + "=" + std::string(to_string(assumption.value)) + ")";
}

struct Applier {
    Matrix& matrix;
    MissingCell missing;
    std::vector<std::string>& notes;

    // False when the matrix lacks a name and the caller chose to skip such cells.
    bool has_names(const CellAssumption& assumption) {
        bool pair = assumption.kind == CellAssumption::Kind::pair;
        std::string absent;
        if (!matrix.has_feature(assumption.row))
            absent = "feature '" + assumption.row + "'";
        else if (pair ? !matrix.has_feature(assumption.column) : !matrix.has_hardware(assumption.column))
            absent = (pair ? "feature '" : "hardware '") + assumption.column + "'";
        if (absent.empty()) return true;
        std::string message = assumption.origin + ": matrix " + matrix.id + " has no " + absent;
        if (missing == MissingCell::error) fail(assumption.from_file, message + stand_in_hint(assumption, matrix));
        notes.push_back(message + "; the assumption is skipped for it");
        return false;
    }

    // What this call assumed per cell, so that a contradiction is caught even
    // when the first assumption changed nothing (it equals the published value).
    std::map<std::tuple<CellAssumption::Kind, std::string, std::string>, const CellAssumption*> assumed = {};

    bool first_for_cell(const CellAssumption& assumption, const std::string& name) {
        const std::string& x = assumption.row;
        const std::string& y = assumption.column;
        bool pair = assumption.kind == CellAssumption::Kind::pair;
        auto key = std::make_tuple(assumption.kind, pair ? std::min(x, y) : x, pair ? std::max(x, y) : y);
        auto [it, inserted] = assumed.emplace(key, &assumption);
        if (inserted) return true;
        const CellAssumption& earlier = *it->second;
        if (earlier.value != assumption.value)
            fail(assumption.from_file, assumption.origin + ": assumes " + name + " = " +
                                           std::string(to_string(assumption.value)) + " but " +
                                           earlier.origin + " assumes " + std::string(to_string(earlier.value)));
        notes.push_back(assumption.origin + ": repeats " + earlier.origin);
        return false;
    }

    template <class Cell>
    void override_cell(Cell& cell, const CellAssumption& assumption, const std::string& name) {
        if (cell.overridden) {  // by an earlier call: another overlay on the same matrix
            if (cell.value != assumption.value)
                fail(assumption.from_file, assumption.origin + ": assumes " + name + " = " +
                                               std::string(to_string(assumption.value)) + " but " +
                                               cell.overridden->origin + " assumes " +
                                               std::string(to_string(cell.value)));
            notes.push_back(assumption.origin + ": repeats " + cell.overridden->origin);
            return;
        }
        if (cell.value == assumption.value) {
            notes.push_back(assumption.origin + ": matrix " + matrix.id + " already says " + name +
                            " = " + std::string(to_string(cell.value)) + "; nothing to assume");
            return;
        }
        cell.overridden = CellOverride{cell.value, assumption.reason, assumption.link, assumption.origin};
        cell.value = assumption.value;
    }

    // A cell the document leaves out is published blank; a pair's row is the later feature.
    PairCell& pair_cell(const std::string& x, const std::string& y) {
        if (const PairCell* found = matrix.pair(x, y))
            return matrix.pairs[static_cast<size_t>(found - matrix.pairs.data())];
        bool x_later = matrix.feature_index(x) > matrix.feature_index(y);
        matrix.pairs.push_back({x_later ? x : y, x_later ? y : x, CellValue::blank, {}, {}});
        matrix.reindex();
        return matrix.pairs.back();
    }

    SupportCell& support_cell(const std::string& feature, const std::string& hardware) {
        if (const SupportCell* found = matrix.support_cell(feature, hardware))
            return matrix.support[static_cast<size_t>(found - matrix.support.data())];
        matrix.support.push_back({feature, hardware, CellValue::blank, {}, {}});
        matrix.reindex();
        return matrix.support.back();
    }

    void apply(const CellAssumption& assumption) {
        if (!has_names(assumption)) return;
        const std::string& x = assumption.row;
        const std::string& y = assumption.column;
        if (assumption.kind == CellAssumption::Kind::pair) {
            if (!first_for_cell(assumption, x + " x " + y)) return;
            if (!matrix.pair(x, y) && assumption.value == CellValue::blank) {
                notes.push_back(assumption.origin + ": matrix " + matrix.id + " does not state " + x + " x " + y +
                                ", which reads as blank; nothing to assume");
                return;
            }
            PairCell& cell = pair_cell(x, y);
            override_cell(cell, assumption, cell.a + " x " + cell.b);
        } else {
            if (!first_for_cell(assumption, x + " on " + y)) return;
            if (!matrix.support_cell(x, y) && assumption.value == CellValue::blank) {
                notes.push_back(assumption.origin + ": matrix " + matrix.id + " does not state " + x + " on " + y +
                                ", which reads as blank; nothing to assume");
                return;
            }
            SupportCell& cell = support_cell(x, y);
            override_cell(cell, assumption, cell.feature + " on " + cell.hardware);
        }
    }
};

}  // namespace

OverlaidMatrix apply_overlay(const Matrix& matrix, const std::vector<CellAssumption>& assumptions,
                             MissingCell missing) {
    OverlaidMatrix result{matrix, {}};
    result.matrix.reindex();
    Applier applier{result.matrix, missing, result.notes};
    for (const CellAssumption& assumption : assumptions) applier.apply(assumption);
    return result;
}

}  // namespace planner
