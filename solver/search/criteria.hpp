#pragma once
// The optimisation order of each question as one table of rows, most
// important first (after Spack's opt_criterion beside its #minimize): a row's
// name as Result::criteria prints it, its value for an assignment computed
// without Z3, and the Z3 terms a search states it with. The searches (the
// certified maximum, its certificate, the best plan of a version in the
// combined formula, repair's steps and its tied repairs, enumerate's order)
// and Result::criteria all read these rows, so a new criterion is one row.
#include <z3++.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "solver/encoding.hpp"
#include "solver/resolved_request.hpp"

namespace planner::solver {

// A feature on or off, or the hardware class being (or not being) one class.
struct CriterionLiteral {
    enum class Of { feature, hardware } of = Of::feature;
    size_t index = 0;
    bool holds = true;  // false: the negation

    bool in(const Assignment& a) const {
        const bool positive = of == Of::feature ? static_cast<bool>(a.on[index])
                                                : a.hardware == static_cast<int>(index);
        return positive == holds;
    }
};

struct Criterion {
    enum class Kind {
        hard,          // every literal holds
        in_order,      // each literal holds if it can, in order (a lexicographic maximum)
        smallest_sum,  // the sum of the weights of the literals that hold, as small as it can be
        fewest_risks,  // the uncertain cells the assignment relies on, as few as can be
        // the variables the rules files declare, in declaration order: each
        // keeps its default when it can, else takes its smallest possible
        // value (a plan changes one only when a rule or --set forces it)
        variables_at_defaults,
    };
    Kind kind = Kind::hard;
    std::string name;  // as Result::criteria prints it
    std::vector<CriterionLiteral> literals;
    std::vector<int> weights;             // smallest_sum: one per literal
    std::optional<size_t> risk_hardware;  // fewest_risks: the class the risk terms are stated on, if fixed
};

using Criteria = std::vector<Criterion>;

// The last row of maximize and repair when the rules declare variables.
inline constexpr std::string_view variables_criterion_name =
    "declared variables: default kept, else the smallest possible value, in declaration order";

// maximize: must/never (and the hardware class) hard, prefer in order, total
// weight, fewest risks, the tie-break, the declared variables. `must` and `hardware` are the asked
// ones, or those of an alternative.
Criteria maximize_criteria(const Problem& problem, const ResolvedRequest& request, const std::vector<int>& must,
                           size_t hardware);
// repair: must/never/keep hard, the weighted change, the number of changes,
// fewest risks, the tie-break, with a hardware change allowed the classes
// in order (the requested one first), the declared variables.
Criteria repair_criteria(const Problem& problem, const ResolvedRequest& request);
// repair's rows before this one make the cost: the repairs tied with the
// answer are those equal to it on them.
inline constexpr size_t repair_cost_rows = 3;
// enumerate's order of the maximal sets: larger sets first, then the tie-break.
Criteria enumerate_criteria(const Problem& problem, const ResolvedRequest& request);

std::vector<std::string> criterion_names(const Criteria& criteria);

// Without Z3. Smaller is better, compared lexicographically: a hard row
// counts the literals that fail, an in_order row has 0 per literal that holds
// and 1 per literal that does not, a sum row its sum, a risk row its count,
// the variables row per variable 0, 0 at its default and 1, its value elsewhere.
std::vector<long long> criterion_value(const Problem& problem, const Criterion& criterion, const Assignment& a);
// The values of the rows from `first` on, one after the other.
std::vector<long long> criteria_value(const Problem& problem, const Criteria& criteria, const Assignment& a,
                                      size_t first = 0);
long long risk_count(const Problem& problem, const Assignment& a);

// The Z3 variables a row is stated over: one Encoding's, or one version's in
// the combined formula of --any-version (solver/questions/any_version.cpp).
struct CriterionVariables {
    z3::context* context = nullptr;
    std::function<z3::expr(size_t feature)> feature;
    std::function<z3::expr(size_t hardware)> on_hardware;
    std::function<z3::expr_vector(std::optional<size_t> hardware)> risk_terms;

    static CriterionVariables of(Encoding& encoding);
};

// The row's literals (a risk row: its risk terms) as Z3 terms.
z3::expr_vector criterion_terms(const Criterion& criterion, const CriterionVariables& variables);

// What a Z3 search does with each kind of row, its optimum fixed before the
// next row: a Query on one Encoding (query_steps below), or the combined
// formula with one version fixed.
class CriterionSteps {
public:
    virtual ~CriterionSteps() = default;
    virtual void require(const Criterion& hard, const z3::expr_vector& terms) = 0;
    virtual void fix_greedily(const Criterion& in_order, const z3::expr_vector& terms) = 0;
    // The terms' weights: a sum row's own, a risk row's all 1.
    virtual void minimize(const Criterion& sum, const z3::expr_vector& terms, const std::vector<int>& weights) = 0;
    virtual void fix_variables(const Criterion& variables) = 0;
};

void solve_criterion(CriterionSteps& steps, const Criterion& criterion, const CriterionVariables& variables);

class Query;
// Rows solved through a Query: hard feature and hardware literals are fixed
// through it (so it skips the checks the matrix answers), minimisation jumps
// to the model's Z3-free value.
void solve_criterion(Query& query, const Criterion& criterion);

}  // namespace planner::solver
