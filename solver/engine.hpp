#pragma once
// The planning engine: requests and results as plain structs. Only solver/
// sees Z3; callers see Matrix in and Result out.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/check.hpp"
#include "model/matrix.hpp"

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
    size_t limit = 0;                      // enumerate: at most this many sets, 0: all
};

enum class Status { ok, infeasible, invalid, timeout, error };
std::string_view to_string(Status status);

struct Plan {
    std::string hardware;
    std::vector<std::string> features;  // enabled, in matrix document order
    std::vector<CellRef> risks;         // uncertain cells relied on
};

// Why maximize left a feature off.
struct OffReason {
    std::string feature;
    // "never" (--never), "unsupported" (its hardware cell is forbidden under the
    // policy), "conflict" (forbidden pair cells with features of the plan),
    // "trade-off" (it would fit; cells = the uncertain cells it would add)
    std::string reason;
    std::vector<CellRef> cells;  // the hardware cell or the cells with chosen features
};

// A minimal set of request items and cells that cannot all hold.
struct Conflict {
    std::vector<std::string> requirements;  // "must lora", "must sd", "hardware ampere"
    std::vector<CellRef> cells;
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

struct Result {
    Status status = Status::error;
    bool proven_optimal = true;             // false when a time limit cut the search
    Plan plan;                              // maximize, repair, check
    std::vector<OffReason> off;             // maximize
    std::vector<Conflict> conflicts;        // infeasible maximize, explain
    std::vector<Alternative> alternatives;  // infeasible maximize
    std::vector<Change> changes;            // repair
    std::vector<CellRef> violations;        // check
    std::vector<Plan> plans;                // enumerate
    std::vector<std::string> criteria;      // the optimisation order, most important first
    std::string message;                    // status == error or timeout
};

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

    // Every method throws UsageError (naming the flag) for a request that does
    // not fit the matrix or contradicts itself; every plan returned has been
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace planner
