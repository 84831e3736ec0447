#include "solver/conflicts.hpp"

#include "solver/query.hpp"
#include "solver/subsets.hpp"

namespace planner::solver {

CellRef cell_ref_of(const Matrix& matrix, const Problem& problem, const CellConstraint& cell) {
    const auto& ids = problem.features();
    if (cell.kind == CellRef::Kind::pair) return pair_ref(matrix, ids[cell.a], ids[cell.b]);
    return support_ref(matrix, ids[cell.a], problem.hardware()[cell.hardware]);
}

std::vector<Conflict> find_conflicts(Encoding& encoding, const Matrix& matrix,
                                     const std::vector<Requirement>& requirements,
                                     const std::vector<z3::expr>& hard, const Deadline& deadline) {
    Query query(encoding, deadline, /*tracked=*/true);
    for (const z3::expr& fact : hard) query.require(fact);
    const std::vector<z3::expr>& tracks = encoding.tracks();

    std::vector<z3::expr> items;
    for (const Requirement& requirement : requirements) items.push_back(requirement.literal);
    SubsetFamilies families = explore_subsets(query, items, tracks);

    std::vector<Conflict> out;
    for (const std::vector<size_t>& set : families.unsatisfiable) {
        Conflict conflict;
        std::vector<z3::expr> literals;
        for (size_t i : set) {
            conflict.requirements.push_back(requirements[i].name);
            literals.push_back(requirements[i].literal);
        }
        for (size_t t : minimal_cells(query, literals, tracks))
            conflict.cells.push_back(cell_ref_of(matrix, encoding.problem(), encoding.cells()[t]));
        out.push_back(std::move(conflict));
    }
    return out;
}

}  // namespace planner::solver
