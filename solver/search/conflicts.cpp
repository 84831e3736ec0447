#include "solver/search/conflicts.hpp"

#include "solver/query.hpp"
#include "solver/search/marco_subsets.hpp"

namespace planner::solver {

CellRef cell_ref_of(const Matrix& matrix, const Problem& problem, const CellConstraint& cell) {
    const auto& ids = problem.features();
    if (cell.kind == CellRef::Kind::pair) return pair_ref(matrix, ids[cell.a], ids[cell.b]);
    return support_ref(matrix, ids[cell.a], problem.hardware()[cell.hardware]);
}

std::vector<Conflict> find_conflicts(Encoding& encoding, const Matrix& matrix,
                                     const std::vector<RequirementTerm>& requirements,
                                     const std::vector<z3::expr>& hard, const Deadline& deadline) {
    // Every cell says "not both" or "not on this hardware", so a cell with a
    // feature that no requirement turns on is satisfied by leaving it off:
    // only cells among forced features can take part in a conflict. Assuming
    // just those keeps the checks and the cores small.
    // A rule can turn on features that no requirement names (if lora then
    // sd), so with rules every cell may take part.
    const bool rules = encoding.problem().has_rules();
    std::vector<char> forced(encoding.problem().feature_count(), rules ? 1 : 0);
    for (const RequirementTerm& requirement : requirements)
        if (requirement.forces_on >= 0) forced[requirement.forces_on] = 1;
    std::vector<z3::expr> tracks;
    std::vector<size_t> cell_of_track;
    for (size_t t = 0; t < encoding.cells().size(); ++t) {
        const CellConstraint& cell = encoding.cells()[t];
        if (!forced[cell.a] || (cell.kind == CellRef::Kind::pair && !forced[cell.b])) continue;
        tracks.push_back(encoding.track(t));
        cell_of_track.push_back(t);
    }
    const size_t cell_tracks = tracks.size();
    for (const z3::expr& track : encoding.rule_tracks()) tracks.push_back(track);
    Query query(encoding, deadline, SolverRole::tracked);
    for (const z3::expr& fact : hard) query.require(fact);

    std::vector<z3::expr> items;
    for (const RequirementTerm& requirement : requirements) items.push_back(requirement.literal);
    SubsetFamilies families = explore_subsets(query, items, tracks);

    std::vector<Conflict> out;
    for (const std::vector<size_t>& set : families.unsatisfiable) {
        Conflict conflict;
        std::vector<z3::expr> literals;
        for (size_t i : set) {
            conflict.requirements.push_back(requirements[i].requirement);
            literals.push_back(requirements[i].literal);
        }
        for (size_t t : minimal_cells(query, literals, tracks)) {
            if (t < cell_tracks) {
                conflict.cells.push_back(cell_ref_of(matrix, encoding.problem(), encoding.cells()[cell_of_track[t]]));
                continue;
            }
            const RuleConstraint& constraint = encoding.rule_constraints()[t - cell_tracks];
            const RuleSet& set = encoding.problem().rules();
            if (constraint.kind == RuleConstraint::Kind::rule) {
                conflict.rules.push_back(rule_ref(set.rules[constraint.index].rule));
            } else {
                const Variable& variable = set.variables[constraint.index];
                conflict.requirements.push_back(
                    {Requirement::Kind::set, variable.name + "=" + variable.spell(*set.fixed[constraint.index])});
            }
        }
        out.push_back(std::move(conflict));
    }
    return out;
}

}  // namespace planner::solver
