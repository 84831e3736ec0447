#include "solver/search/marco_subsets.hpp"

#include <algorithm>

namespace planner::solver {

namespace {

void sort_family(std::vector<std::vector<size_t>>& family) {
    for (auto& set : family) std::sort(set.begin(), set.end());
    std::sort(family.begin(), family.end(), [](const auto& x, const auto& y) {
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
}

// Checks one subset of the items with the background; on unsat, `core` gets
// the items in the unsat core.
bool satisfiable(Query& query, const std::vector<z3::expr>& items, const std::vector<size_t>& subset,
                 const std::vector<z3::expr>& background, std::vector<size_t>* core) {
    std::vector<z3::expr> assumptions;
    for (size_t i : subset) assumptions.push_back(items[i]);
    assumptions.insert(assumptions.end(), background.begin(), background.end());
    if (query.check(assumptions)) return true;
    if (core) {
        core->clear();
        for (size_t position : query.core(assumptions))
            if (position < subset.size()) core->push_back(subset[position]);
        std::sort(core->begin(), core->end());
    }
    return false;
}

}  // namespace

SubsetFamilies explore_subsets(Query& query, const std::vector<z3::expr>& items,
                               const std::vector<z3::expr>& background) {
    z3::context& context = query.encoding().context();
    // The map: one Bool per item; each model is a subset not yet explained.
    // Its blocking clauses live in a scope of their own, dropped on return.
    z3::solver& map = query.encoding().map_solver();
    struct Scope {
        z3::solver& solver;
        explicit Scope(z3::solver& s) : solver(s) { solver.push(); }
        ~Scope() { solver.pop(); }
    } scope(map);
    std::vector<z3::expr> chosen;
    for (size_t i = 0; i < items.size(); ++i)
        chosen.push_back(z3::expr(context, Z3_mk_fresh_const(context, "item", context.bool_sort())));

    SubsetFamilies out;
    while (map.check() == z3::sat) {
        z3::model model = map.get_model();
        std::vector<size_t> seed;
        for (size_t i = 0; i < items.size(); ++i)
            if (model.eval(chosen[i], true).is_true()) seed.push_back(i);

        std::vector<size_t> core;
        if (satisfiable(query, items, seed, background, &core)) {
            // Grow to a maximal satisfiable subset; its complement is an MCS.
            std::vector<char> in(items.size(), 0);
            for (size_t i : seed) in[i] = 1;
            for (size_t i = 0; i < items.size(); ++i) {
                if (in[i]) continue;
                seed.push_back(i);
                if (satisfiable(query, items, seed, background, nullptr)) in[i] = 1;
                else seed.pop_back();
            }
            std::vector<size_t> correction;
            z3::expr_vector block(context);
            for (size_t i = 0; i < items.size(); ++i)
                if (!in[i]) {
                    correction.push_back(i);
                    block.push_back(chosen[i]);
                }
            out.corrections.push_back(correction);
            map.add(z3::mk_or(block));  // every subset of this MSS is satisfiable
        } else {
            // Shrink the core to a minimal unsatisfiable subset by deletion.
            std::vector<size_t> current = core;
            for (size_t k = 0; k < current.size();) {
                std::vector<size_t> without = current;
                without.erase(without.begin() + static_cast<long>(k));
                std::vector<size_t> smaller;
                if (!satisfiable(query, items, without, background, &smaller)) {
                    // Items before k were necessary, so the smaller core keeps
                    // them in place; position k now holds the next candidate.
                    current = smaller;
                } else {
                    ++k;
                }
            }
            z3::expr_vector block(context);
            for (size_t i : current) block.push_back(!chosen[i]);
            out.unsatisfiable.push_back(current);
            map.add(z3::mk_or(block));  // every superset of this MUS is unsatisfiable
        }
    }
    sort_family(out.unsatisfiable);
    sort_family(out.corrections);
    return out;
}

std::vector<size_t> minimal_cells(Query& query, const std::vector<z3::expr>& items,
                                  const std::vector<z3::expr>& tracks) {
    std::vector<size_t> all(tracks.size());
    for (size_t t = 0; t < tracks.size(); ++t) all[t] = t;
    std::vector<size_t> current;
    // The tracks are the "subset" here and the items the background.
    if (satisfiable(query, tracks, all, items, &current)) return {};
    for (size_t k = 0; k < current.size();) {
        std::vector<size_t> without = current;
        without.erase(without.begin() + static_cast<long>(k));
        std::vector<size_t> smaller;
        if (!satisfiable(query, tracks, without, items, &smaller)) {
            current = smaller;
        } else {
            ++k;
        }
    }
    return current;
}

}  // namespace planner::solver
