// Rules matched to one matrix: names become features, the hardware class or
// declared variables, and literals become Terms that both the Z3-free check
// and the solver's encoding read.
#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/rules.hpp>

#include <algorithm>
#include <charconv>

#include "model/facts/feature_spelling.hpp"
#include "model/facts/own_names.hpp"
#include "model/facts/removed_features.hpp"

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

// A name as the command line spells it (--must, --never): a catalog label or
// alias, a vLLM switch (enforce-eager turns cuda-graph off), a matrix's own
// id. A vLLM flag that takes a value (--num-scheduler-steps N) names the
// value, which a rules file declares as a variable, not the feature.
struct FeatureName {
    std::string id;        // canonical; "" when no spelling knows the name
    bool negated = false;  // the spelling turns the feature off
};

FeatureName feature_name(const Matrix& matrix, std::string_view name) {
    if (matrix.has_feature(name)) return {std::string(name), false};
    if (names_flag_value(name)) return {};
    if (const std::optional<FeatureSpelling> spelling = find_feature_spelling(name))
        return {spelling->id, spelling->negated};
    return {own_feature_id(matrix, name), false};
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
        if (literal.name == kHardwareName) {
            if (literal.op != Literal::Op::equals && literal.op != Literal::Op::not_equals)
                throw InputError(where + ": the hardware class is an enumeration; write hw=CLASS or hw!=CLASS");
            term.subject = Term::Subject::hardware;
            term.index = hardware_column(literal.value, where);
            return term;
        }
        auto declared = std::find_if(variables_.begin(), variables_.end(),
                                     [&](const Variable& v) { return v.name == literal.name; });
        if (declared == variables_.end()) return feature_term(literal, where, boolean);
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
        // A bound outside the declared range compares with a value the
        // variable never takes: a typo, or a range that is too narrow.
        if (*number < variable.min || *number > variable.max)
            throw InputError(where + ": " + literal.value + " lies outside " + variable.name + "'s range " +
                             std::to_string(variable.min) + " .. " + std::to_string(variable.max) + " (" +
                             variable.origin + ")");
        term.value = *number;
        return term;
    }

private:
    Term feature_term(const Literal& literal, const std::string& where, bool boolean) const {
        const FeatureName name = feature_name(matrix_, literal.name);
        if (name.id.empty()) {
            std::string close = suggestion(literal.name, known_);
            if (close.empty())
                if (const auto nearest = nearest_features_in(matrix_, literal.name); !nearest.empty())
                    close = "; " + close_names(nearest);
            if (close.empty()) close = "; " + close_names(Catalog::builtin().nearest_features(literal.name));
            throw InputError(where + ": unknown name '" + literal.name + "' (not a feature of matrix " +
                             matrix_.id + ", not hw, not a declared variable)" + close);
        }
        const int f = matrix_.feature_index(name.id);
        if (f < 0)
            throw InputError(where + ": the feature " + name.id + " has no row in matrix " + matrix_.id);
        if (!boolean)
            throw InputError(where + ": '" + literal.name + "' is a feature; write " + literal.name + " or !" +
                             literal.name);
        Term term;
        term.subject = Term::Subject::feature;
        term.index = f;
        // enforce-eager is !cuda-graph, and !enforce-eager is cuda-graph.
        term.op = (literal.op == Literal::Op::off) != name.negated ? Literal::Op::off : Literal::Op::on;
        return term;
    }

    // hw=VALUE takes what --hw takes: a class, a product (A100), a compute
    // capability (sm80), or a column of this matrix the catalog lacks (Gaudi).
    int hardware_column(const std::string& value, const std::string& where) const {
        const CatalogEntry* entry = Catalog::builtin().find_hardware(value);
        const std::string id = entry ? entry->id : own_hardware_id(matrix_, value);
        if (!id.empty()) {
            const int index = matrix_.hardware_index(id);
            if (index < 0)
                throw InputError(where + ": hardware class " + id + (id == value ? "" : " ('" + value + "')") +
                                 " has no column in matrix " + matrix_.id);
            return index;
        }
        std::vector<std::string> close = nearest_hardware_in(matrix_, value);
        if (close.empty()) close = Catalog::builtin().nearest_hardware(value);
        throw InputError(where + ": unknown hardware '" + value + "'; " + close_names(close));
    }

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
    if (variable.name == kHardwareName)
        throw InputError(variable.origin + ": variable 'hw' is the name rules use for the hardware class "
                                           "(hw=CLASS); give the variable another name");
    // Any spelling of a feature would mean the variable in a literal, in this
    // version and in any other that has the feature: refused alike.
    if (const FeatureName feature = feature_name(matrix, variable.name); !feature.id.empty())
        throw InputError(variable.origin + ": variable '" + variable.name + "' shadows the feature " + feature.id +
                         (feature.id == variable.name ? "" : " ('" + variable.name + "' is a spelling of it)") +
                         "; give the variable another name");
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

// The same file read twice, whatever its path: only where it was read differs.
bool same_rules(RuleFile x, RuleFile y) {
    auto placeless = [](RuleFile& file) {
        file.file.clear();
        for (Variable& variable : file.variables) variable.origin.clear();
        for (Rule& rule : file.rules) rule.file.clear();
    };
    placeless(x);
    placeless(y);
    return x == y;
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
    // What vLLM removed by this page state's day is a rule like the user's,
    // so every question, the Z3-free check and every explanation see it.
    if (auto removals = removal_rules(matrix)) files.push_back(std::move(*removals));
    // One file named twice (or a copy, a link) would collide on every rule id;
    // the cause is the command line, so say that.
    for (size_t later = 0; later < files.size(); ++later)
        for (size_t earlier = 0; earlier < later; ++earlier)
            if (same_rules(files[earlier], files[later]))
                throw InputError(files[later].file + ": the rules file " + files[earlier].file +
                                 (files[later].file == files[earlier].file ? " is given twice"
                                                                           : " holds the same rules (given twice)") +
                                 "; give it once");
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
            if (rule.kind == RuleKind::override_setting)
                for (size_t t = 0; t < resolved.then.size(); ++t) {
                    const Term& term = resolved.then[t];
                    const bool settable = term.subject == Term::Subject::feature ||
                                          (term.subject == Term::Subject::variable && term.op == Literal::Op::equals);
                    if (!settable)
                        throw InputError(origin + ": literal '" + rule.then[t].text +
                                         "': an override's \"then\" is what vLLM sets: a feature, !feature or "
                                         "name=value");
                }
            out.rules.push_back(std::move(resolved));
        }
    out.fixed.assign(out.variables.size(), std::nullopt);
    for (const auto& [name, value] : settings) {
        const int v = out.variable_index(name);
        if (name == kHardwareName)
            throw UsageError("--set hw=" + value + ": the hardware class is set with --hw (--hw " + value +
                             "), not --set");
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

Configuration run_configuration(const RuleSet& rules, Configuration configuration, std::vector<size_t>* applied) {
    for (size_t round = 0; round < override_rounds; ++round) {
        bool changed = false;
        for (size_t r = 0; r < rules.rules.size(); ++r) {
            const ResolvedRule& rule = rules.rules[r];
            if (rule.rule.kind != RuleKind::override_setting || !breaks(rule, configuration)) continue;
            for (const Term& term : rule.then) {
                if (term.subject == Term::Subject::feature)
                    configuration.on[static_cast<size_t>(term.index)] = term.op == Literal::Op::on;
                else if (term.subject == Term::Subject::variable)
                    configuration.values[static_cast<size_t>(term.index)] = term.value;  // name=value only
            }
            changed = true;
            if (applied && std::find(applied->begin(), applied->end(), r) == applied->end()) applied->push_back(r);
        }
        if (!changed) break;
    }
    return configuration;
}

std::string override_note(const std::vector<std::string>& features, const RuleSet& rules, const Configuration& given,
                          const Configuration& run, const std::vector<size_t>& applied) {
    std::string changes, cited;
    for (size_t f = 0; f < features.size(); ++f)
        if (given.on[f] != run.on[f])
            changes += (changes.empty() ? "" : ", ") + std::string(run.on[f] ? "+" : "-") + features[f];
    for (size_t v = 0; v < rules.variables.size(); ++v)
        if (given.values[v] != run.values[v])
            changes += (changes.empty() ? "" : ", ") + rules.variables[v].name + "=" + rules.variables[v].spell(run.values[v]);
    for (size_t r : applied) {
        const Rule& rule = rules.rules[r].rule;
        cited += (cited.empty() ? "" : ", ") + rule.id + " (override, " + rule.file + ":" + std::to_string(rule.line) + ")";
    }
    if (changes.empty()) return "";
    return "vLLM runs the configuration with " + changes + " (rule " + cited +
           "); the answer is about the configuration vLLM runs";
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
