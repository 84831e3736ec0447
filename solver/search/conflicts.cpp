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

    // A conflict is minimal over everything in it: the requirements and each
    // constraint source (a cell, a rule, a --set value). Without rules, one
    // cell alone rules out each minimal set of requirements (cells are pairs
    // or a feature on hardware), so the requirements are the only items to
    // explore. Rules can say what a cell says (two sources, two conflicts)
    // or need a requirement no smaller set does, so with rules the sources
    // are items too.
    std::vector<z3::expr> items;
    for (const RequirementTerm& requirement : requirements) items.push_back(requirement.literal);
    std::vector<std::pair<std::vector<size_t>, std::vector<size_t>>> found;  // requirements, tracks
    if (!rules) {
        SubsetFamilies families = explore_subsets(query, items, tracks);
        for (const std::vector<size_t>& set : families.unsatisfiable) {
            std::vector<z3::expr> literals;
            for (size_t i : set) literals.push_back(requirements[i].literal);
            found.emplace_back(set, minimal_cells(query, literals, tracks));
        }
    } else {
        items.insert(items.end(), tracks.begin(), tracks.end());
        SubsetFamilies families = explore_subsets(query, items, {});
        for (const std::vector<size_t>& set : families.unsatisfiable) {
            std::vector<size_t> asked, sources;
            for (size_t i : set) {
                if (i < requirements.size()) asked.push_back(i);
                else sources.push_back(i - requirements.size());
            }
            found.emplace_back(std::move(asked), std::move(sources));
        }
    }

    std::vector<Conflict> out;
    for (const auto& [set, sources] : found) {
        Conflict conflict;
        for (size_t i : set) conflict.requirements.push_back(requirements[i].requirement);
        for (size_t t : sources) {
            if (t < cell_tracks) {
                conflict.cells.push_back(cell_ref_of(matrix, encoding.problem(), encoding.cells()[cell_of_track[t]]));
                continue;
            }
            const RuleConstraint& constraint = encoding.rule_constraints()[t - cell_tracks];
            const RuleSet& set_of_rules = encoding.problem().rules();
            if (constraint.kind == RuleConstraint::Kind::rule) {
                conflict.rules.push_back(rule_ref(set_of_rules.rules[constraint.index].rule));
            } else {
                const Variable& variable = set_of_rules.variables[constraint.index];
                conflict.requirements.push_back(
                    {Requirement::Kind::set, variable.name + "=" + variable.spell(*set_of_rules.fixed[constraint.index])});
            }
        }
        out.push_back(std::move(conflict));
    }
    return out;
}

}  // namespace planner::solver
