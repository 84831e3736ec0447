#include "solver/search/lexicographic_search.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace planner::solver {

namespace {

using Bits = std::vector<uint64_t>;

bool has(const Bits& bits, size_t f) { return (bits[f / 64] >> (f % 64)) & 1u; }
void set(Bits& bits, size_t f) { bits[f / 64] |= uint64_t{1} << (f % 64); }
void clear(Bits& bits, size_t f) { bits[f / 64] &= ~(uint64_t{1} << (f % 64)); }

int common(const Bits& a, const Bits& b) {
    int n = 0;
    for (size_t w = 0; w < a.size(); ++w) n += std::popcount(a[w] & b[w]);
    return n;
}

// Valid sets are closed under removal (every constraint forbids something
// being on), so once prefer is fixed greedily the rest is a maximum-weight
// independent set of the conflict graph with two tie-breaks. Branching on the
// candidates in document order, "on" first, meets complete sets in decreasing
// bit-vector order: the first set of the best (weight, risks) is the answer,
// and a subtree that can at best tie with the incumbent is cut.
class Search {
public:
    Search(const Problem& problem, const std::vector<long long>& weight, size_t hardware, const Deadline& deadline)
        : n_(problem.feature_count()),
          words_((n_ + 63) / 64),
          weight_(weight),
          deadline_(deadline),
          conflicts_(n_, Bits(words_)),
          risky_pairs_(n_, Bits(words_)),
          support_risk_(n_, 0) {
        for (size_t a = 0; a < n_; ++a) {
            support_risk_[a] = problem.support_risky(a, hardware) ? 1 : 0;
            for (size_t b = 0; b < n_; ++b) {
                if (problem.pair_forbidden(a, b)) set(conflicts_[a], b);
                if (problem.pair_risky(a, b)) set(risky_pairs_[a], b);
            }
        }
    }

    const Bits& conflicts(size_t f) const { return conflicts_[f]; }
    Bits empty() const { return Bits(words_); }

    // Adds f to `on`: the risks it brings with the features already on.
    long long risks_of_adding(const Bits& on, size_t f) const {
        return support_risk_[f] + common(risky_pairs_[f], on);
    }

    void run(Bits on, Bits candidates, long long weight, long long risks) {
        long long rest = 0;
        for_each(candidates, [&](size_t f) { rest += weight_[f]; });
        expand(on, candidates, weight, risks, rest);
    }

    bool found = false;
    Bits best_on;
    long long best_weight = 0, best_risks = 0;

private:
    template <class Visit>
    void for_each(const Bits& bits, Visit visit) const {
        for (size_t w = 0; w < words_; ++w)
            for (uint64_t word = bits[w]; word; word &= word - 1)
                visit(w * 64 + static_cast<size_t>(std::countr_zero(word)));
    }

    // Cannot beat the incumbent: at best equal weight with no fewer risks
    // (risks only grow as features are added), and later in the order.
    bool hopeless(long long weight_bound, long long risks) const {
        return found && (weight_bound < best_weight || (weight_bound == best_weight && risks >= best_risks));
    }

    // A tighter bound than the candidates' total weight: the candidates
    // split greedily into sets of pairwise conflicting features, each of which
    // contributes at most its heaviest member.
    long long colouring_bound(Bits left) const {
        long long bound = 0;
        for (size_t w = 0; w < words_; ++w)
            while (left[w]) {
                Bits q = left;
                long long heaviest = 0;
                for (size_t k = w; k < words_; ++k)
                    while (q[k]) {
                        size_t v = k * 64 + static_cast<size_t>(std::countr_zero(q[k]));
                        clear(q, v);
                        clear(left, v);
                        if (weight_[v] > heaviest) heaviest = weight_[v];
                        for (size_t j = k; j < words_; ++j) q[j] &= conflicts_[v][j];
                    }
                bound += heaviest;
            }
        return bound;
    }

    void expand(Bits& on, Bits candidates, long long weight, long long risks, long long rest) {
        // The first descent reaches a valid plan in N steps; the clock is
        // read only after it, so a time-out always has a plan to return.
        if (found && (++nodes_ & 255) == 0) deadline_.check();
        size_t f = n_;
        for (size_t w = 0; w < words_ && f == n_; ++w)
            if (candidates[w]) f = w * 64 + static_cast<size_t>(std::countr_zero(candidates[w]));
        if (f == n_) {
            if (!found || weight > best_weight || (weight == best_weight && risks < best_risks)) {
                found = true;
                best_on = on;
                best_weight = weight;
                best_risks = risks;
            }
            return;
        }
        if (hopeless(weight + rest, risks)) return;
        if (found && rest > 0 && hopeless(weight + colouring_bound(candidates), risks)) return;

        clear(candidates, f);
        rest -= weight_[f];
        // f on: its conflicts leave the candidates.
        Bits with = candidates;
        long long with_rest = rest;
        for_each(candidates, [&](size_t g) {
            if (has(conflicts_[f], g)) {
                clear(with, g);
                with_rest -= weight_[g];
            }
        });
        long long added_risks = risks_of_adding(on, f);
        set(on, f);
        expand(on, with, weight + weight_[f], risks + added_risks, with_rest);
        clear(on, f);
        expand(on, candidates, weight, risks, rest);
    }

    size_t n_, words_;
    const std::vector<long long>& weight_;
    const Deadline& deadline_;
    std::vector<Bits> conflicts_, risky_pairs_;
    std::vector<long long> support_risk_;
    unsigned long long nodes_ = 0;
};

bool positive_features(const Criterion& row) {
    return std::all_of(row.literals.begin(), row.literals.end(), [](const CriterionLiteral& literal) {
        return literal.of == CriterionLiteral::Of::feature && literal.holds;
    });
}

}  // namespace

std::optional<SearchRows> search_rows(const Criteria& criteria, size_t feature_count) {
    using Kind = Criterion::Kind;
    SearchRows rows;
    rows.weight.assign(feature_count, 0);
    size_t next = 0;
    auto at = [&](Kind kind) { return next < criteria.size() && criteria[next].kind == kind; };

    if (!at(Kind::hard)) return std::nullopt;
    bool has_hardware = false;
    for (const CriterionLiteral& literal : criteria[next].literals) {
        if (literal.of == CriterionLiteral::Of::hardware) {
            if (!literal.holds || has_hardware) return std::nullopt;
            rows.hardware = literal.index;
            has_hardware = true;
        } else {
            (literal.holds ? rows.must : rows.never).push_back(static_cast<int>(literal.index));
        }
    }
    if (!has_hardware) return std::nullopt;
    ++next;

    if (at(Kind::in_order)) {
        if (!positive_features(criteria[next])) return std::nullopt;
        for (const CriterionLiteral& literal : criteria[next].literals)
            rows.prefer.push_back(static_cast<int>(literal.index));
        ++next;
    }

    if (!at(Kind::smallest_sum)) return std::nullopt;
    const Criterion& weight = criteria[next];
    for (size_t i = 0; i < weight.literals.size(); ++i) {
        const CriterionLiteral& literal = weight.literals[i];
        if (literal.of != CriterionLiteral::Of::feature || literal.holds || weight.weights[i] < 0) return std::nullopt;
        rows.weight[literal.index] += weight.weights[i];
    }
    ++next;

    if (!at(Kind::fewest_risks) || criteria[next].risk_hardware != rows.hardware) return std::nullopt;
    ++next;

    if (!at(Kind::in_order) || criteria[next].literals.size() != feature_count || !positive_features(criteria[next]))
        return std::nullopt;
    for (size_t f = 0; f < feature_count; ++f)
        if (criteria[next].literals[f].index != f) return std::nullopt;
    ++next;
    if (next != criteria.size()) return std::nullopt;
    return rows;
}

LexicographicCandidate search_lexicographic_maximum(const Problem& problem, const SearchRows& rows,
                                                    const Deadline& deadline) {
    const size_t n = problem.feature_count();
    const size_t hardware = rows.hardware;
    LexicographicCandidate out;
    Search search(problem, rows.weight, hardware, deadline);
    // Possible: not never, supported on the hardware, no conflict with what is on.
    Bits possible = search.empty(), on = search.empty();
    for (size_t f = 0; f < n; ++f)
        if (!problem.support_forbidden(f, hardware)) set(possible, f);
    for (int f : rows.never) clear(possible, static_cast<size_t>(f));
    long long weight = 0, risks = 0;
    auto turn_on = [&](size_t f) {
        risks += search.risks_of_adding(on, f);
        weight += rows.weight[f];
        set(on, f);
        clear(possible, f);
        for (size_t w = 0; w < possible.size(); ++w) possible[w] &= ~search.conflicts(f)[w];
    };
    for (int f : rows.must) {
        if (has(on, static_cast<size_t>(f))) continue;
        if (!has(possible, static_cast<size_t>(f))) return out;  // infeasible
        turn_on(static_cast<size_t>(f));
    }
    for (int f : rows.prefer)
        if (has(possible, static_cast<size_t>(f))) turn_on(static_cast<size_t>(f));
    try {
        search.run(on, possible, weight, risks);
    } catch (const TimedOut&) {
        out.kind = LexicographicCandidate::Kind::timed_out;
    }
    if (search.found) {
        if (out.kind != LexicographicCandidate::Kind::timed_out) out.kind = LexicographicCandidate::Kind::found;
        out.has_plan = true;
        out.on.assign(n, 0);
        for (size_t f = 0; f < n; ++f) out.on[f] = has(search.best_on, f);
        out.weight = search.best_weight;
        out.risks = search.best_risks;
    }
    return out;
}

}  // namespace planner::solver
