// Rules matched to one matrix: names become features, the hardware class or
// declared variables, and literals become Terms that both the Z3-free check
// and the solver's encoding read.
#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/rules.hpp>

#include <algorithm>
#include <charconv>

namespace planner {

namespace {

// The name every rule uses for the hardware class.
constexpr std::string_view kHardwareName = "hw";

std::string origin_of(const Rule& rule) { return rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id; }

// "; did you mean x?" with the names within a third of the longer one's edits.
std::string suggestion(std::string_view typed, const std::vector<std::string>& known) {
    std::vector<std::pair<size_t, std::string>> scored;
    for (const std::string& name : known) {
        const size_t longer = std::max(typed.size(), name.size());
        const size_t distance = edit_distance(typed, name);
        if (distance * 3 <= longer) scored.emplace_back(distance, name);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    if (scored.empty()) return "";
    std::string out = "; did you mean ";
    for (size_t i = 0; i < scored.size() && i < 3; ++i) out += (i ? " or " : "") + scored[i].second;
    return out + "?";
}

std::optional<long long> number_of(std::string_view text) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool is_order(Literal::Op op) {
    return op == Literal::Op::less || op == Literal::Op::less_equal || op == Literal::Op::greater ||
           op == Literal::Op::greater_equal;
}

class Vocabulary {
public:
    Vocabulary(const Matrix& matrix, const std::vector<Variable>& variables)
        : matrix_(matrix), variables_(variables) {
        known_ = matrix.features;
        known_.emplace_back(kHardwareName);
        for (const Variable& variable : variables) known_.push_back(variable.name);
    }

    Term term(const Literal& literal, const std::string& origin) const {
        const std::string where = origin + ": literal '" + literal.text + "'";
        Term term;
        term.op = literal.op;
        const bool boolean = literal.op == Literal::Op::on || literal.op == Literal::Op::off;
        if (int f = matrix_.feature_index(literal.name); f >= 0) {
            if (!boolean)
                throw InputError(where + ": '" + literal.name + "' is a feature; write " + literal.name + " or !" +
                                 literal.name);
            term.subject = Term::Subject::feature;
            term.index = f;
            return term;
        }
        if (literal.name == kHardwareName) {
            if (literal.op != Literal::Op::equals && literal.op != Literal::Op::not_equals)
                throw InputError(where + ": the hardware class is an enumeration; write hw=CLASS or hw!=CLASS");
            term.subject = Term::Subject::hardware;
            term.index = matrix_.hardware_index(literal.value);
            if (term.index < 0)
                throw InputError(where + ": hardware class '" + literal.value + "' has no column in matrix " +
                                 matrix_.id + suggestion(literal.value, matrix_.hardware));
            return term;
        }
        auto declared = std::find_if(variables_.begin(), variables_.end(),
                                     [&](const Variable& v) { return v.name == literal.name; });
        if (declared == variables_.end())
            throw InputError(where + ": unknown name '" + literal.name +
                             "' (not a feature of matrix " + matrix_.id + ", not hw, not a declared variable)" +
                             suggestion(literal.name, known_));
        const Variable& variable = *declared;
        term.subject = Term::Subject::variable;
        term.index = static_cast<int>(declared - variables_.begin());
        if (boolean)
            throw InputError(where + ": '" + variable.name + "' is a variable; compare it with a value (" +
                             variable.name + (variable.type == Variable::Type::integer ? ">=N)" : "=VALUE)"));
        if (variable.type == Variable::Type::enumeration) {
            if (is_order(literal.op))
                throw InputError(where + ": '" + variable.name + "' is an enumeration; write " + variable.name +
                                 "=VALUE or " + variable.name + "!=VALUE");
            auto found = std::find(variable.values.begin(), variable.values.end(), literal.value);
            if (found == variable.values.end())
                throw InputError(where + ": '" + literal.value + "' is not a value of " + variable.name +
                                 suggestion(literal.value, variable.values));
            term.value = found - variable.values.begin();
            return term;
        }
        std::optional<long long> number = number_of(literal.value);
        if (!number) throw InputError(where + ": '" + literal.value + "' is not an integer");
        term.value = *number;
        return term;
    }

private:
    const Matrix& matrix_;
    const std::vector<Variable>& variables_;
    std::vector<std::string> known_;
};

std::vector<Term> terms(const Vocabulary& vocabulary, const std::vector<Literal>& literals, const std::string& origin) {
    std::vector<Term> out;
    for (const Literal& literal : literals) out.push_back(vocabulary.term(literal, origin));
    return out;
}

// A permit's "allow": two features (a pair cell) or a feature and hw=CLASS.
void resolve_cell(ResolvedRule& resolved, const Vocabulary& vocabulary, const Matrix& matrix) {
    const Rule& rule = resolved.rule;
    const std::string origin = origin_of(rule);
    std::vector<Term> cell = terms(vocabulary, rule.allow, origin);
    auto is_feature = [](const Term& t) { return t.subject == Term::Subject::feature && t.op == Literal::Op::on; };
    auto is_hardware = [](const Term& t) { return t.subject == Term::Subject::hardware && t.op == Literal::Op::equals; };
    if (is_feature(cell[0]) && is_feature(cell[1])) {
        if (cell[0].index == cell[1].index) throw InputError(origin + ": \"allow\" names one feature twice");
        resolved.cell_kind = CellRef::Kind::pair;
        resolved.a = std::max(cell[0].index, cell[1].index);
        resolved.b = std::min(cell[0].index, cell[1].index);
        return;
    }
    for (int k = 0; k < 2; ++k)
        if (is_feature(cell[k]) && is_hardware(cell[1 - k])) {
            resolved.cell_kind = CellRef::Kind::support;
            resolved.a = cell[k].index;
            resolved.hardware = cell[1 - k].index;
            return;
        }
    (void)matrix;
    throw InputError(origin + ": \"allow\" names a cell: two features, or a feature and hw=CLASS");
}

void add_variable(std::vector<Variable>& merged, const Variable& variable, const Matrix& matrix) {
    if (variable.name == kHardwareName || matrix.has_feature(variable.name))
        throw InputError(variable.origin + ": variable '" + variable.name + "' shadows " +
                         (variable.name == kHardwareName ? std::string("the hardware class hw")
                                                         : "the feature " + variable.name + " of matrix " + matrix.id));
    auto same = std::find_if(merged.begin(), merged.end(), [&](const Variable& v) { return v.name == variable.name; });
    if (same == merged.end()) {
        merged.push_back(variable);
        return;
    }
    Variable earlier = *same, later = variable;
    earlier.origin = later.origin = "";
    if (earlier != later)
        throw InputError(variable.origin + ": variable '" + variable.name + "' is declared differently at " +
                         same->origin);
}

long long setting_value(const Variable& variable, const std::string& text) {
    const std::string where = "--set " + variable.name + "=" + text;
    if (variable.type == Variable::Type::enumeration) {
        auto found = std::find(variable.values.begin(), variable.values.end(), text);
        if (found == variable.values.end()) {
            std::string values;
            for (const std::string& value : variable.values) values += (values.empty() ? "" : ", ") + value;
            throw UsageError(where + ": '" + text + "' is not a value of " + variable.name + " (" + values + ")");
        }
        return found - variable.values.begin();
    }
    std::optional<long long> number = number_of(text);
    if (!number) throw UsageError(where + ": '" + text + "' is not an integer");
    if (*number < variable.min || *number > variable.max)
        throw UsageError(where + ": " + text + " lies outside " + std::to_string(variable.min) + " .. " +
                         std::to_string(variable.max));
    return *number;
}

bool all_hold(const std::vector<Term>& terms, const Configuration& configuration) {
    return std::all_of(terms.begin(), terms.end(), [&](const Term& t) { return holds(t, configuration); });
}

}  // namespace

std::string Variable::spell(long long value) const {
    if (type == Type::enumeration && value >= 0 && value < static_cast<long long>(values.size()))
        return values[static_cast<size_t>(value)];
    return std::to_string(value);
}

std::string_view to_string(RuleKind kind) {
    switch (kind) {
    case RuleKind::error: return "error";
    case RuleKind::override_setting: return "override";
    case RuleKind::permit: return "permit";
    }
    return "error";
}

RuleRef rule_ref(const Rule& rule) {
    auto list = [](const std::vector<Literal>& literals) {
        std::string out;
        for (const Literal& literal : literals) out += (out.empty() ? "" : ", ") + literal.text;
        return out;
    };
    std::string statement;
    if (!rule.forbid.empty()) statement = "forbid " + list(rule.forbid);
    else if (!rule.allow.empty()) statement = "allow " + list(rule.allow);
    if (!rule.conditions.empty()) statement += (statement.empty() ? "if " : " if ") + list(rule.conditions);
    if (!rule.then.empty()) statement += " then " + list(rule.then);
    return {rule.id, statement, rule.file, rule.line, rule.kind, rule.source, rule.unverified, std::nullopt};
}

int RuleSet::variable_index(std::string_view name) const {
    for (size_t v = 0; v < variables.size(); ++v)
        if (variables[v].name == name) return static_cast<int>(v);
    return -1;
}

RuleSet resolve_rules(const Matrix& matrix, std::vector<RuleFile> files,
                      const std::map<std::string, std::string>& settings) {
    RuleSet out;
    for (const RuleFile& file : files)
        for (const Variable& variable : file.variables) add_variable(out.variables, variable, matrix);
    const Vocabulary vocabulary(matrix, out.variables);
    for (const RuleFile& file : files)
        for (const Rule& rule : file.rules) {
            for (const ResolvedRule& earlier : out.rules)
                if (earlier.rule.id == rule.id)
                    throw InputError(origin_of(rule) + ": the id is used by rule " + earlier.rule.id + " at " +
                                     earlier.rule.file + ":" + std::to_string(earlier.rule.line));
            ResolvedRule resolved;
            resolved.rule = rule;
            const std::string origin = origin_of(rule);
            resolved.forbid = terms(vocabulary, rule.forbid, origin);
            resolved.conditions = terms(vocabulary, rule.conditions, origin);
            resolved.then = terms(vocabulary, rule.then, origin);
            if (rule.kind == RuleKind::permit) resolve_cell(resolved, vocabulary, matrix);
            out.rules.push_back(std::move(resolved));
        }
    out.fixed.assign(out.variables.size(), std::nullopt);
    for (const auto& [name, value] : settings) {
        const int v = out.variable_index(name);
        if (v < 0) {
            std::vector<std::string> declared;
            for (const Variable& variable : out.variables) declared.push_back(variable.name);
            throw UsageError("--set " + name + "=" + value + ": '" + name + "' is not a variable of the rules files" +
                             (declared.empty() ? std::string(" (they declare none)") : suggestion(name, declared)));
        }
        out.fixed[static_cast<size_t>(v)] = setting_value(out.variables[static_cast<size_t>(v)], value);
    }
    out.files = std::move(files);
    return out;
}

bool holds(const Term& term, const Configuration& configuration) {
    long long value = 0;
    switch (term.subject) {
    case Term::Subject::feature: {
        const bool on = configuration.on[static_cast<size_t>(term.index)] != 0;
        return term.op == Literal::Op::off ? !on : on;
    }
    case Term::Subject::hardware:
        return (configuration.hardware == term.index) == (term.op == Literal::Op::equals);
    case Term::Subject::variable:
        value = configuration.values[static_cast<size_t>(term.index)];
        break;
    }
    switch (term.op) {
    case Literal::Op::equals: return value == term.value;
    case Literal::Op::not_equals: return value != term.value;
    case Literal::Op::less: return value < term.value;
    case Literal::Op::less_equal: return value <= term.value;
    case Literal::Op::greater: return value > term.value;
    case Literal::Op::greater_equal: return value >= term.value;
    case Literal::Op::on:
    case Literal::Op::off: break;
    }
    return false;
}

bool breaks(const ResolvedRule& rule, const Configuration& configuration) {
    switch (rule.rule.kind) {
    case RuleKind::error:
    case RuleKind::override_setting:
        if (!rule.forbid.empty()) return all_hold(rule.forbid, configuration);
        return all_hold(rule.conditions, configuration) && !all_hold(rule.then, configuration);
    case RuleKind::permit: return false;
    }
    return false;
}

bool applies(const ResolvedRule& rule, const Configuration& configuration) {
    if (rule.rule.kind == RuleKind::error) return false;
    return all_hold(rule.conditions, configuration);
}

std::vector<long long> default_values(const RuleSet& rules) {
    std::vector<long long> out;
    for (size_t v = 0; v < rules.variables.size(); ++v)
        out.push_back(rules.fixed[v] ? *rules.fixed[v] : rules.variables[v].default_value);
    return out;
}

const ResolvedRule* lifting_permit(const RuleSet& rules, CellRef::Kind kind, int a, int b, int hardware,
                                   const Configuration& configuration) {
    for (const ResolvedRule& rule : rules.rules) {
        if (rule.rule.kind != RuleKind::permit || rule.cell_kind != kind || rule.a != a) continue;
        if (kind == CellRef::Kind::pair ? rule.b != b : rule.hardware != hardware) continue;
        if (all_hold(rule.conditions, configuration)) return &rule;
    }
    return nullptr;
}

}  // namespace planner
