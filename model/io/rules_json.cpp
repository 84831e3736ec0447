// planner-rules/1 files: syntax only. Names are matched to a matrix later
// (model/facts/rules.cpp), since one rules file serves every matrix version.
#include <planner/error.hpp>
#include <planner/rules.hpp>

#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "model/facts/cell_link.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/json_lines.hpp"
#include "model/io/limits.hpp"
#include "model/io/strict_json.hpp"
#include "model/io/strings.hpp"
#include "model/io/user_file.hpp"

namespace planner {

namespace {

using nlohmann::json;

// Operators longest first, so that "<=" is not read as "<" with a value "=1".
struct OperatorSpelling {
    std::string_view text;
    Literal::Op op;
};
constexpr OperatorSpelling kOperators[] = {
    {"!=", Literal::Op::not_equals}, {"<=", Literal::Op::less_equal}, {">=", Literal::Op::greater_equal},
    {"=", Literal::Op::equals},      {"<", Literal::Op::less},        {">", Literal::Op::greater},
};

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

bool is_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!is_name_char(c)) return false;
    return true;
}

std::string string_member(const json& object, const char* key, const std::string& origin, bool required) {
    auto it = object.find(key);
    if (it == object.end()) {
        if (required) throw InputError(origin + ": \"" + key + "\" is missing");
        return {};
    }
    if (!it->is_string()) throw InputError(origin + ": \"" + key + "\" must be a string");
    return it->get<std::string>();
}

long long integer_member(const json& object, const char* key, const std::string& origin) {
    const json& value = object.at(key);
    if (!value.is_number_integer()) throw InputError(origin + ": \"" + key + "\" must be an integer");
    if (value.is_number_unsigned() && value.get<unsigned long long>() > 1'000'000'000ULL)
        throw InputError(origin + ": \"" + key + "\" is out of range (at most 1000000000)");
    const long long number = value.get<long long>();
    if (number < -1'000'000'000LL || number > 1'000'000'000LL)
        throw InputError(origin + ": \"" + key + "\" is out of range (-1000000000 .. 1000000000)");
    return number;
}

void only_keys(const json& object, const std::set<std::string>& known, const std::string& origin,
               const std::string& what) {
    for (const auto& [key, value] : object.items())
        if (!known.count(key)) throw InputError(origin + ": unknown key \"" + key + "\" (" + what + ")");
}

Variable parse_variable(const std::string& name, const json& spec, const std::string& origin) {
    if (!is_name(name))
        throw InputError(origin + ": variable name '" + name + "' is not a name (letters, digits, '_', '-', '.')");
    if (!spec.is_object()) throw InputError(origin + ": variable '" + name + "' must be an object");
    Variable variable;
    variable.name = name;
    variable.origin = origin;
    const std::string type = string_member(spec, "type", origin + ": variable '" + name + "'", true);
    const std::string where = origin + ": variable '" + name + "'";
    if (type == "enum") {
        only_keys(spec, {"type", "values", "default"}, where, "an enum has type, values, default");
        variable.type = Variable::Type::enumeration;
        auto values = spec.find("values");
        if (values == spec.end() || !values->is_array() || values->empty())
            throw InputError(where + ": \"values\" must be a non-empty array of names");
        std::set<std::string> seen;
        for (const json& value : *values) {
            if (!value.is_string() || !is_name(value.get<std::string>()))
                throw InputError(where + ": every value must be a name (letters, digits, '_', '-', '.')");
            if (!seen.insert(value.get<std::string>()).second)
                throw InputError(where + ": the value '" + value.get<std::string>() + "' is listed twice");
            variable.values.push_back(value.get<std::string>());
        }
        variable.min = 0;
        variable.max = static_cast<long long>(variable.values.size()) - 1;
        if (spec.contains("default")) {
            const std::string wanted = string_member(spec, "default", where, true);
            auto found = std::find(variable.values.begin(), variable.values.end(), wanted);
            if (found == variable.values.end())
                throw InputError(where + ": the default '" + wanted + "' is not one of its values");
            variable.default_value = found - variable.values.begin();
        }
    } else if (type == "int") {
        only_keys(spec, {"type", "min", "max", "default"}, where, "an int has type, min, max, default");
        variable.type = Variable::Type::integer;
        // Unbounded integers would leave the brute-force check and the search
        // nothing to enumerate; a rules file states the range vLLM accepts.
        if (!spec.contains("min") || !spec.contains("max"))
            throw InputError(where + ": an int needs \"min\" and \"max\" (the planner plans over bounded ranges)");
        variable.min = integer_member(spec, "min", where);
        variable.max = integer_member(spec, "max", where);
        if (variable.min > variable.max)
            throw InputError(where + ": min " + std::to_string(variable.min) + " is greater than max " +
                             std::to_string(variable.max));
        variable.default_value = spec.contains("default") ? integer_member(spec, "default", where) : variable.min;
        if (variable.default_value < variable.min || variable.default_value > variable.max)
            throw InputError(where + ": the default " + std::to_string(variable.default_value) + " lies outside " +
                             std::to_string(variable.min) + " .. " + std::to_string(variable.max));
    } else {
        throw InputError(where + ": \"type\" must be \"enum\" or \"int\", not \"" + type + "\"");
    }
    return variable;
}

std::vector<Literal> literal_list(const json& rule, const char* key, const std::string& origin) {
    std::vector<Literal> out;
    auto it = rule.find(key);
    if (it == rule.end()) return out;
    if (!it->is_array() || it->empty())
        throw InputError(origin + ": \"" + key + "\" must be a non-empty array of literals");
    for (const json& item : *it) {
        if (!item.is_string()) throw InputError(origin + ": every literal of \"" + key + "\" must be a string");
        try {
            out.push_back(parse_literal(item.get<std::string>(), origin));
        } catch (const UsageError& error) {
            throw InputError(error.what());
        }
    }
    return out;
}

RuleKind kind_of(const std::string& text, const std::string& origin) {
    static const std::pair<std::string_view, RuleKind> kinds[] = {
        {"error", RuleKind::error}, {"override", RuleKind::override_setting}, {"permit", RuleKind::permit}};
    for (const auto& [name, kind] : kinds)
        if (text == name) return kind;
    throw InputError(origin + ": \"kind\" must be \"error\", \"override\" or \"permit\", not \"" + text + "\"");
}

Rule parse_rule(const json& spec, const std::string& file, size_t line, size_t position) {
    std::string origin = file + ":" + std::to_string(line);
    if (!spec.is_object()) throw InputError(origin + ": rule " + std::to_string(position) + " must be an object");
    const std::string id = string_member(spec, "id", origin + ": rule " + std::to_string(position), true);
    if (!is_name(id))
        throw InputError(origin + ": rule id '" + id + "' is not a name (letters, digits, '_', '-', '.')");
    origin += ": rule " + id;
    only_keys(spec, {"id", "kind", "forbid", "if", "then", "allow", "source", "unverified"}, origin,
              "a rule has id, kind, forbid or if/then or allow, source, unverified");
    Rule rule;
    rule.id = id;
    rule.file = file;
    rule.line = line;
    rule.kind = kind_of(string_member(spec, "kind", origin, true), origin);
    rule.forbid = literal_list(spec, "forbid", origin);
    rule.conditions = literal_list(spec, "if", origin);
    rule.then = literal_list(spec, "then", origin);
    rule.allow = literal_list(spec, "allow", origin);

    const bool has_forbid = !rule.forbid.empty(), has_if = !rule.conditions.empty(), has_then = !rule.then.empty();
    const bool has_allow = !rule.allow.empty();
    switch (rule.kind) {
    case RuleKind::error:
        if (has_allow) throw InputError(origin + ": \"allow\" belongs to a permit rule");
        if (has_forbid == (has_if || has_then))
            throw InputError(origin + ": an error rule has either \"forbid\" or \"if\" and \"then\"");
        if (!has_forbid && !(has_if && has_then))
            throw InputError(origin + ": \"if\" needs \"then\" (and \"then\" needs \"if\")");
        break;
    case RuleKind::override_setting:
        if (has_forbid || has_allow || !has_if || !has_then)
            throw InputError(origin + ": an override rule has \"if\" and \"then\" (what vLLM changes, and when)");
        break;
    case RuleKind::permit:
        if (has_forbid || has_then || !has_allow)
            throw InputError(origin + ": a permit rule has \"allow\" (the cell it lifts) and optionally \"if\"");
        if (rule.allow.size() != 2)
            throw InputError(origin + ": \"allow\" names one cell: two features, or a feature and hw=CLASS");
        break;
    }

    if (spec.contains("unverified")) {
        if (!spec["unverified"].is_boolean()) throw InputError(origin + ": \"unverified\" must be true or false");
        rule.unverified = spec["unverified"].get<bool>();
    }
    auto source = spec.find("source");
    if (source == spec.end()) {
        if (!rule.unverified)
            throw InputError(origin + ": no \"source\" (url, quote, note); a rule without one must say "
                                      "\"unverified\": true");
    } else {
        if (!source->is_object()) throw InputError(origin + ": \"source\" must be an object with url, quote, note");
        only_keys(*source, {"url", "quote", "note"}, origin + ": source", "a source has url, quote, note");
        rule.source.url = std::string(trim(string_member(*source, "url", origin + ": source", !rule.unverified)));
        rule.source.quote = string_member(*source, "quote", origin + ": source", false);
        rule.source.note = string_member(*source, "note", origin + ": source", false);
        // Answers show the url as a cell's link is shown: the same rule holds,
        // and a verified source is read over https.
        if (!rule.source.url.empty() && !is_cell_link(rule.source.url))
            throw InputError(origin + ": source url '" + input_excerpt(rule.source.url) + "' " +
                             cell_link_fault(rule.source.url));
        if (!rule.unverified && !rule.source.url.starts_with("https://"))
            throw InputError(origin + ": source url '" + input_excerpt(rule.source.url) + "' is not an https:// address");
    }
    return rule;
}

// The line of each variable's name: its key after the "variables" member.
size_t line_of_key(std::string_view text, size_t after, const std::string& key) {
    const std::string quoted = "\"" + key + "\"";
    const size_t at = text.find(quoted, after);
    return at == std::string_view::npos ? 1 : line_of_byte(text, at);
}

}  // namespace

Literal parse_literal(std::string_view text, std::string_view origin) {
    const std::string where = std::string(origin) + ": literal '" + std::string(text) + "'";
    std::string_view body = trim(text);
    Literal literal;
    literal.text = std::string(body);
    if (body.starts_with("!") && body.find_first_of("=<>") == std::string_view::npos) {
        literal.op = Literal::Op::off;
        literal.name = std::string(trim(body.substr(1)));
    } else {
        const size_t at = body.find_first_of("!=<>");
        if (at == std::string_view::npos) {
            literal.op = Literal::Op::on;
            literal.name = std::string(body);
        } else {
            literal.name = std::string(trim(body.substr(0, at)));
            bool matched = false;
            for (const OperatorSpelling& spelling : kOperators)
                if (body.substr(at).starts_with(spelling.text)) {
                    literal.op = spelling.op;
                    literal.value = std::string(trim(body.substr(at + spelling.text.size())));
                    matched = true;
                    break;
                }
            if (!matched || !is_name(literal.value) || literal.value.find_first_of("!=<>") != std::string::npos)
                throw UsageError(where + ": expected feature, !feature, name=value, name!=value, or name<v, "
                                         "name<=v, name>v, name>=v");
        }
    }
    if (!is_name(literal.name))
        throw UsageError(where + ": expected feature, !feature, name=value, name!=value, or name<v, name<=v, "
                                 "name>v, name>=v");
    return literal;
}

RuleFile parse_rules(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    json_text = without_byte_order_mark(json_text);
    if (json_text.size() > limits::kMaxRulesBytes)
        throw InputError(file + ": the rules file is " + std::to_string(json_text.size()) + " bytes; at most " +
                         limits::describe_bytes(limits::kMaxRulesBytes) + " are accepted");
    json doc;
    try {
        doc = parse_strict_json(json_text, file, true);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        const size_t tag_end = what.find("] ");
        if (tag_end != std::string::npos) what = what.substr(tag_end + 2);
        throw InputError(file + ":" + std::to_string(line_of_byte(json_text, e.byte)) + ": " + what);
    }
    if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "planner-rules/1")
        throw InputError(file + ":1: not a planner-rules/1 document (its \"schema\" must say so)");
    only_keys(doc, {"schema", "id", "description", "variables", "rules"}, file,
              "a rules file has schema, id, description, variables, rules");
    RuleFile out;
    out.file = file;
    out.id = string_member(doc, "id", file, true);
    if (!is_name(out.id)) throw InputError(file + ": \"id\" '" + out.id + "' is not a name");
    if (doc.contains("description") && !doc["description"].is_string())
        throw InputError(file + ": \"description\" must be a string");

    if (doc.contains("variables")) {
        const json& variables = doc["variables"];
        if (!variables.is_object()) throw InputError(file + ": \"variables\" must be an object of name: spec");
        const size_t after = json_text.find("\"variables\"");
        // nlohmann keeps object members sorted; the file's order is the order of their lines.
        std::vector<std::pair<size_t, Variable>> declared;
        for (const auto& [name, spec] : variables.items()) {
            const size_t line = line_of_key(json_text, after, name);
            declared.emplace_back(line, parse_variable(name, spec, file + ":" + std::to_string(line)));
        }
        std::stable_sort(declared.begin(), declared.end(),
                         [](const auto& x, const auto& y) { return x.first < y.first; });
        for (auto& [line, variable] : declared) out.variables.push_back(std::move(variable));
    }

    if (!doc.contains("rules") || !doc["rules"].is_array())
        throw InputError(file + ": \"rules\" must be an array of rules");
    const json& rules = doc["rules"];
    const std::vector<size_t> lines = element_lines(json_text, "rules");
    std::set<std::string> ids;
    for (size_t k = 0; k < rules.size(); ++k) {
        Rule rule = parse_rule(rules[k], file, k < lines.size() ? lines[k] : 1, k + 1);
        if (!ids.insert(rule.id).second)
            throw InputError(file + ":" + std::to_string(rule.line) + ": rule " + rule.id +
                             ": the id is used by an earlier rule of this file");
        out.rules.push_back(std::move(rule));
    }
    return out;
}

RuleFile read_rules_file(const std::string& path) {
    return parse_rules(read_user_file(path, limits::kMaxRulesBytes, "rules file"), path);
}

}  // namespace planner
