#pragma once
// The planning engine: requests and results as plain structs. Only solver/
// sees Z3; callers see Matrix in and Result out.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <planner/check.hpp>
#include <planner/matrix.hpp>
#include <planner/missing_column.hpp>
#include <planner/question.hpp>
#include <planner/rules.hpp>

namespace planner {

struct Request {
    std::string hardware;                  // canonical id, a column of the matrix
    std::vector<std::string> must, never;  // canonical feature ids (hard)
    std::vector<std::string> prefer;       // earlier strictly more important than all later together
    std::map<std::string, int> weights;    // default weight 1 each
    Policy policy;                         // which uncertain cells are forbidden
    std::vector<std::string> have;         // repair / check: the configuration as it is
    std::vector<std::string> keep;         // repair: features whose state must not change
    bool allow_hardware_change = false;    // repair, and alternatives of an infeasible maximize
    int hardware_cost = 1;                 // repair: cost of switching the hardware class
    unsigned timeout_ms = 0;               // 0: no limit
    size_t limit = 0;                      // enumerate: at most this many sets; repair: tied repairs listed; 0: all
    // When the matrix has no column for `hardware` (blackwell: no published
    // matrix has one): refuse (UsageError), plan with every support cell
    // unknown, or borrow the column of `hardware_as`. Either stand-in is said
    // in Result::notes (include/planner/missing_column.hpp).
    MissingColumn missing_column = MissingColumn::refuse;
    std::string hardware_as;
    // Rules files beside the matrix (rules.hpp), and --set: fixed values of
    // the variables they declare (name -> value as written).
    std::vector<RuleFile> rules;
    std::map<std::string, std::string> set;
};

enum class Status { ok, infeasible, invalid, timeout, error };
std::string_view to_string(Status status);

// A declared variable's value in a plan.
struct VariableValue {
    std::string name, value;
    bool is_default = true;  // the declared default (or the first value)
    bool fixed = false;      // by --set
};

struct Plan {
    std::string hardware;
    std::vector<std::string> features;  // enabled, in matrix document order
    std::vector<CellRef> risks;         // uncertain cells relied on
    std::vector<VariableValue> values = {};  // declared variables, in declaration order
    // Rules the plan rests on: permits lifting a published cell (the table
    // disagrees; each names the cell), and overrides whose condition holds
    // (vLLM changes the setting; the plan already has the consequence).
    std::vector<RuleRef> permits = {};
    std::vector<RuleRef> overrides = {};
};

// Why maximize left a feature off.
struct OffReason {
    std::string feature;
    // "never" (--never), "unsupported" (its hardware cell is forbidden under the
    // policy), "conflict" (forbidden pair cells with features of the plan),
    // "trade-off" (it would fit; cells = the uncertain cells it would add)
    std::string reason;
    std::vector<CellRef> cells;  // the hardware cell or the cells with chosen features
    // reason "rule": turning it on would break these rules under the plan
    std::vector<RuleRef> rules = {};
};

// One item of a request, as a conflict names it: what the caller asked for,
// typed, so that a renderer can say it in its own words (the command line's
// flag, a batch key) without reading a string back.
struct Requirement {
    enum class Kind {
        must,      // the feature is on (Request::must)
        never,     // the feature is off (Request::never)
        keep,      // repair: the feature keeps its state in `have` (Request::keep)
        have,      // check: the feature is on in the configuration (Request::have)
        hardware,  // the plan runs on this hardware class (Request::hardware)
        set,       // a declared variable is fixed (Request::set); id is "name=value"
    };
    Kind kind = Kind::must;
    std::string id;  // the feature id, or the hardware class for Kind::hardware

    bool operator==(const Requirement&) const = default;
};
std::string_view to_string(Requirement::Kind kind);  // "must", "hardware"
std::string to_string(const Requirement& requirement);  // "must lora", "hardware ampere"

// A minimal set of request items and cells that cannot all hold.
struct Conflict {
    std::vector<Requirement> requirements;  // must lora, must sd, hardware ampere
    std::vector<CellRef> cells;
    std::vector<RuleRef> rules = {};  // rules of the rules files taking part
};

// A nearest feasible request: the original with some must items dropped or
// another hardware class.
struct Alternative {
    std::vector<std::string> dropped;  // must items dropped
    std::string hardware;              // differs from the request's when switched
    Plan plan;
};

struct Change {
    enum class Kind { add, remove, hardware };
    Kind kind = Kind::add;
    std::string feature;   // add / remove
    std::string from, to;  // hardware
};

// One repair among those of the smallest cost (repair).
struct Repair {
    std::vector<Change> changes;
    Plan plan;
};

struct Result {
    Status status = Status::error;
    bool proven_optimal = true;             // false when a time limit cut the search
    // maximize, repair, check. Infeasible: the requested hardware and no
    // features. A time limit reached before any plan that honours every hard
    // requirement: empty (no hardware either).
    Plan plan;
    std::vector<OffReason> off;             // maximize
    std::vector<Conflict> conflicts;        // infeasible maximize, explain
    std::vector<Alternative> alternatives;  // infeasible maximize
    std::vector<Change> changes;            // repair
    // repair: every repair that ties with the chosen one on the weighted
    // change and the number of changes, in the tie-break order (the chosen
    // one first), at most `limit` of them (0: all); tied_count says how many
    // there are, a lower bound when the count stopped at its cap or a time
    // limit (tied_count_exact false).
    std::vector<Repair> tied_repairs;
    size_t tied_count = 0;
    bool tied_count_exact = true;
    std::vector<CellRef> violations;        // check
    std::vector<RuleRef> rule_violations;   // check: error rules the configuration breaks
    std::vector<Plan> plans;                // enumerate
    std::vector<std::string> criteria;      // the optimisation order, most important first
    std::string message;                    // status == error or timeout
    std::vector<std::string> notes;         // what the answer assumed (a stand-in hardware column)

    bool has_plan() const { return !plan.hardware.empty() && status != Status::infeasible; }
};

struct AnyVersionResult;  // <planner/across_versions.hpp>

// One Engine serves many questions: one Z3 context, made on the first
// question that needs it, and the encodings of the last eight matrix and
// policy pairs. Use it from one thread at a time. Its destructor tears the Z3
// context down, about 10 ms once a maximum was certified.
class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Every method throws RequestError (include/planner/error.hpp, naming the
    // Request field) for a request that does not fit the matrix or
    // contradicts itself; every plan returned has been
    // re-checked by check_configuration (a failure is status error,
    // "internal error: plan failed re-check: ...").

    // Criteria, most important first: must/never (hard); prefer in order;
    // total weight; fewest risks; membership bit vector in document order,
    // greatest first. Infeasible: conflicts (minimal sets of "must f" and
    // "hardware h"), alternatives = minimal sets of must features to drop
    // (smallest first, then in --must order), then, with
    // allow_hardware_change, every other hardware class (matrix order) on
    // which the whole must set holds; each with its own plan.
    Result maximize(const Matrix& matrix, const Request& request);
    // Criteria: must/never/keep (hard); weighted change (weights, plus
    // hardware_cost for a switch); number of changes (so a valid --have
    // needs none even with zero weights); fewest risks; the maximize
    // tie-break; the requested hardware, then matrix order. Changes: +f/-f in
    // document order, then the hardware switch.
    Result repair(const Matrix& matrix, const Request& request);
    Result check(const Matrix& matrix, const Request& request);  // never creates a Z3 context
    // All minimal conflict sets of the must set and the hardware; ok when none.
    Result explain(const Matrix& matrix, const Request& request);
    // Every inclusion-maximal valid set containing must and avoiding never:
    // larger first, then the maximize tie-break; at most `limit` (0 = all).
    Result enumerate(const Matrix& matrix, const Request& request);
    // The question named by value: the method above of that name.
    Result ask(Question question, const Matrix& matrix, const Request& request);
    // The question asked of several matrix versions at once (a question the
    // table marks across_versions; <planner/across_versions.hpp>). Names must
    // exist in some version; the versions' ids must differ. Uses this
    // engine's Z3 context and its cached encodings, as every other question.
    AnyVersionResult across_versions(const std::vector<Matrix>& versions, const Request& request,
                                     Question question = Question::maximize);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace planner
