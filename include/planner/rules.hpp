#pragma once
// Rules beside the matrix: constraints taken from vLLM's code (or any other
// evidence), each with its source, over typed variables. A matrix cell is one
// source of constraints; a planner-rules/1 file is another.
//
//   {"schema": "planner-rules/1", "id": "vllm-code",
//    "variables": {
//      "sd_method": {"type": "enum", "values": ["ngram", "eagle"]},
//      "pipeline_parallel_size": {"type": "int", "min": 1, "max": 64, "default": 1}},
//    "rules": [
//      {"id": "...", "kind": "error", "forbid": [LIT, ...], "source": {...}},
//      {"id": "...", "kind": "error" | "override", "if": [LIT, ...], "then": [LIT, ...], "source": {...}},
//      {"id": "...", "kind": "permit", "allow": ["lora", "sd"], "if": [LIT, ...], "source": {...}}]}
//
// LIT: `feature`, `!feature`; `name=value`, `name!=value` for an enumeration
// (the hardware class is the enumeration `hw`: `hw=cpu`); `name<v`, `name<=v`,
// `name>v`, `name>=v` for an integer. A source is {"url", "quote", "note"}
// (url required, the others optional); a rule without one is refused unless it
// says "unverified": true, which every answer citing it shows.
//
// Kinds: `error`, vLLM refuses the combination (`forbid`: not all hold;
// `if`/`then`: every `then` holds where every `if` does). `override`, vLLM
// silently changes a setting: `if`/`then`, the consequence holds in every plan.
// `permit`, evidence that vLLM supports what a matrix cell forbids: `allow`
// names the cell (two features, or a feature and `hw=X`), `if` (optional) the
// conditions under which the cell is lifted.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <planner/check.hpp>
#include <planner/matrix.hpp>

namespace planner {

// A variable a rules file declares. Values are numbers inside the planner: an
// enumeration's value is its index in `values`, an integer's its own value.
struct Variable {
    enum class Type { enumeration, integer };
    std::string name;
    Type type = Type::enumeration;
    std::vector<std::string> values;  // enumeration, in the declared order
    long long min = 0, max = 0;       // the range; an enumeration's is 0 .. values-1
    long long default_value = 0;      // "default", else the first value (the minimum)
    std::string origin;               // "rules.json:4"

    // "eagle", "4": a value as the user reads it.
    std::string spell(long long value) const;
    friend bool operator==(const Variable&, const Variable&) = default;
};

// One literal of a rule as written, not yet matched to a matrix.
struct Literal {
    enum class Op { on, off, equals, not_equals, less, less_equal, greater, greater_equal };
    std::string name;
    Op op = Op::on;
    std::string value;  // for every op but on/off: the right-hand side as written
    std::string text;   // the literal as written: "pipeline_parallel_size>1"

    friend bool operator==(const Literal&, const Literal&) = default;
};

// "lora", "!lora", "hw=cpu", "pp>1": throws UsageError naming `origin` for a
// literal that is none of these forms.
Literal parse_literal(std::string_view text, std::string_view origin);

struct RuleSource {
    std::string url, quote, note;
    friend bool operator==(const RuleSource&, const RuleSource&) = default;
};

enum class RuleKind { error, override_setting, permit };
std::string_view to_string(RuleKind kind);  // "error", "override", "permit"

struct Rule {
    std::string id;
    RuleKind kind = RuleKind::error;
    std::vector<Literal> forbid;      // error: the literals cannot all hold
    std::vector<Literal> conditions;  // "if"
    std::vector<Literal> then;        // error, override
    std::vector<Literal> allow;       // permit: the cell it lifts
    RuleSource source;
    bool unverified = false;
    std::string file;  // as given on the command line
    size_t line = 0;

    friend bool operator==(const Rule&, const Rule&) = default;
};

struct RuleFile {
    std::string id;
    std::string file;
    std::vector<Variable> variables;  // in the order the file declares them
    std::vector<Rule> rules;          // in file order

    friend bool operator==(const RuleFile&, const RuleFile&) = default;
};

// A planner-rules/1 document; `file_name` is used in messages (file:line and
// the rule id). Throws InputError for malformed JSON, an unknown key, a
// variable that is not bounded or whose default lies outside it, a rule without
// a source (unless unverified) or with a malformed literal.
RuleFile parse_rules(std::string_view json_text, std::string_view file_name);
// Reads the file as overlays are read (size cap, not a FIFO, ...), then parse_rules.
RuleFile read_rules_file(const std::string& path);

// A rule as cited in an answer.
struct RuleRef {
    std::string id;
    std::string statement;  // "forbid lora, pipeline_parallel_size>1", "if a then b", "allow lora, sd if x=y"
    std::string file;
    size_t line = 0;
    RuleKind kind = RuleKind::error;
    RuleSource source;
    bool unverified = false;
    // permit: the published cell the rule lifts (the table disagrees with the rule)
    std::optional<CellRef> cell = std::nullopt;

    friend bool operator==(const RuleRef&, const RuleRef&) = default;
};
RuleRef rule_ref(const Rule& rule);

// ---- Rules resolved against one matrix --------------------------------------

// A literal over indices: a feature, the hardware class or a declared variable.
struct Term {
    enum class Subject { feature, hardware, variable };
    Subject subject = Subject::feature;
    int index = -1;          // feature, hardware class or variable
    Literal::Op op = Literal::Op::on;
    long long value = 0;     // variable: the number compared with; hardware: unused

    friend bool operator==(const Term&, const Term&) = default;
};

struct ResolvedRule {
    Rule rule;
    std::vector<Term> forbid, conditions, then;
    // permit: the lifted cell, as in CellConstraint: a pair (a later in
    // document order, b) or a feature a on hardware class `hardware`.
    CellRef::Kind cell_kind = CellRef::Kind::pair;
    int a = -1, b = -1, hardware = -1;

    friend bool operator==(const ResolvedRule&, const ResolvedRule&) = default;
};

// Every rules file of a request, resolved against a matrix, and --set.
struct RuleSet {
    std::vector<RuleFile> files;
    std::vector<Variable> variables;    // declared, merged across files (first declaration order)
    std::vector<ResolvedRule> rules;    // file order, then rule order
    std::vector<std::optional<long long>> fixed;  // per variable: the --set value

    bool empty() const { return files.empty(); }
    int variable_index(std::string_view name) const;  // -1 when not declared
    friend bool operator==(const RuleSet&, const RuleSet&) = default;
};

// Throws InputError naming file:line and the rule id: an unknown name (with
// the nearest known names), a literal whose form does not fit the name's type,
// a value outside a variable's range or list, a variable shadowing a feature
// or `hw`, two files declaring one name differently, a permit naming no cell
// of the matrix. Throws UsageError for a --set of an undeclared name or a bad value.
RuleSet resolve_rules(const Matrix& matrix, std::vector<RuleFile> files,
                      const std::map<std::string, std::string>& settings);

// A configuration seen by index: features on, the hardware class, a value per
// declared variable.
struct Configuration {
    std::vector<char> on;
    int hardware = -1;
    std::vector<long long> values;
};

bool holds(const Term& term, const Configuration& configuration);
// error, override: the rule is broken by the configuration.
bool breaks(const ResolvedRule& rule, const Configuration& configuration);
// override: its condition holds (vLLM changes the setting); permit: it lifts its cell here.
bool applies(const ResolvedRule& rule, const Configuration& configuration);
// The defaults, with --set values in their place.
std::vector<long long> default_values(const RuleSet& rules);
// The configuration vLLM runs: every override whose condition holds sets its
// consequence, in file order, round after round until none changes anything
// (at most `override_rounds`; overrides that keep undoing each other then stay
// broken, and check reports them). `applied`: the rules that changed it.
inline constexpr size_t override_rounds = 64;
Configuration run_configuration(const RuleSet& rules, Configuration configuration,
                                std::vector<size_t>* applied = nullptr);
// "vLLM runs -lora, +cp: rule v1-chunked-prefill (override, rules.json:39) ...":
// the note check and repair give when the overrides change a configuration.
std::string override_note(const std::vector<std::string>& features, const RuleSet& rules, const Configuration& given,
                          const Configuration& run, const std::vector<size_t>& applied);
// A permit rule lifting this cell under this configuration, or nullptr.
const ResolvedRule* lifting_permit(const RuleSet& rules, CellRef::Kind kind, int a, int b, int hardware,
                                   const Configuration& configuration);

}  // namespace planner

namespace planner {

// A configuration checked against the matrix and the rules, without Z3.
struct RuleCheck {
    CheckResult cells;                  // violations leave out cells a permit lifts here
    std::vector<RuleRef> broken;        // error rules the configuration breaks
    std::vector<RuleRef> overrides;     // override rules whose condition holds: vLLM changes the setting
    // Of those, the ones whose consequence does not hold: after check_with_rules
    // the overrides that never settle.
    std::vector<RuleRef> overridden;
    std::vector<RuleRef> permits;       // permits relied on, each with the published cell it lifts
    // The configuration vLLM runs, which the rest judges: the features in
    // matrix order and the values, after the overrides; the note says what
    // they changed ("" when nothing).
    std::vector<std::string> features;
    std::vector<long long> values;
    std::string note;

    // An override still broken is one the overrides never settle.
    bool valid() const { return cells.valid && broken.empty() && overridden.empty(); }
};

// Features are canonical ids of the matrix, `values` one per declared
// variable (default_values for the defaults): the configuration as given,
// which vLLM runs after its overrides (run_configuration); that is the one
// judged. Throws UsageError as
// check_configuration does.
RuleCheck check_with_rules(const Matrix& matrix, const RuleSet& rules, std::string_view hardware,
                           const std::vector<std::string>& features, const std::vector<long long>& values,
                           const Policy& policy);
// The configuration exactly as given, the overrides not applied: an
// override whose consequence does not hold is in `overridden` (a plan with a
// feature added, say, to find which rule that feature would break).
RuleCheck judge_with_rules(const Matrix& matrix, const RuleSet& rules, std::string_view hardware,
                           const std::vector<std::string>& features, const std::vector<long long>& values,
                           const Policy& policy);

}  // namespace planner
