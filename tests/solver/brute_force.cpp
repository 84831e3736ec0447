#include "brute_force.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "model/io/embedded_data.hpp"

using planner::CellRef;
using planner::CellValue;
using planner::Requirement;

namespace brute {

namespace {

std::string value_name(CellValue value) {
    switch (value) {
    case CellValue::yes: return "yes";
    case CellValue::no: return "no";
    case CellValue::partial: return "partial";
    case CellValue::unknown: return "unknown";
    case CellValue::blank: return "blank";
    }
    return "?";
}

bool has(Set set, int i) { return (set >> i) & 1u; }

// Family order: smaller sets first, then by their index lists.
void sort_family(std::vector<std::vector<int>>& family) {
    std::sort(family.begin(), family.end(), [](const auto& x, const auto& y) {
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
}

std::vector<std::vector<int>> minimal_subsets(int items, const auto& bad) {
    // Subsets (as bit masks over the items) for which bad() holds and no
    // subset one smaller does.
    std::vector<std::vector<int>> out;
    for (Set mask = 0; mask < (Set{1} << items); ++mask) {
        if (!bad(mask)) continue;
        bool minimal = true;
        for (int i = 0; i < items && minimal; ++i)
            if (has(mask, i) && bad(mask & ~(Set{1} << i))) minimal = false;
        if (!minimal) continue;
        std::vector<int> members;
        for (int i = 0; i < items; ++i)
            if (has(mask, i)) members.push_back(i);
        out.push_back(members);
    }
    sort_family(out);
    return out;
}

}  // namespace

Planner::Planner(const planner::Matrix& matrix, const planner::Policy& policy)
    : features_(matrix.features), hardware_(matrix.hardware), policy_(policy) {
    const size_t n = features_.size(), m = hardware_.size();
    if (n > 20) throw std::invalid_argument("brute force: too many features");
    pair_.assign(n * n, CellValue::blank);
    support_.assign(n * m, CellValue::blank);
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < n; ++b)
            if (a != b) pair_[a * n + b] = matrix.pair_value(features_[a], features_[b]);
    for (size_t f = 0; f < n; ++f)
        for (size_t h = 0; h < m; ++h) support_[f * m + h] = matrix.support_value(features_[f], hardware_[h]);

    std::vector<Set> conflicts(n, 0), risky_pairs(n, 0);
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < n; ++b) {
            if (a == b) continue;
            if (forbidden(pair_[a * n + b])) conflicts[a] |= Set{1} << b;
            if (uncertain_allowed(pair_[a * n + b])) risky_pairs[a] |= Set{1} << b;
        }
    // What vLLM removed by the matrix's page state (data/removed-features.json,
    // read here on its own): no valid set holds it.
    Set removed = 0;
    if (const planner::EmbeddedFile* file = planner::find_embedded_file("removed-features.json");
        file && !matrix.states.empty()) {
        const nlohmann::json removals = nlohmann::json::parse(file->content);
        for (const auto& entry : removals.at("removed")) {
            const auto at = std::find(features_.begin(), features_.end(), entry.at("feature").get<std::string>());
            if (at != features_.end() && entry.at("applies_from").get<std::string>() <= matrix.states.front().date)
                removed |= Set{1} << (at - features_.begin());
        }
    }
    const Set subsets = Set{1} << n;
    valid_.assign(m, std::vector<char>(subsets, 1));
    risks_.assign(m, std::vector<short>(subsets, 0));
    for (size_t h = 0; h < m; ++h)
        for (Set set = 1; set < subsets; ++set) {
            int low = std::countr_zero(set);
            Set rest = set & (set - 1);
            CellValue support = support_[low * m + h];
            valid_[h][set] = valid_[h][rest] && !forbidden(support) && !(conflicts[low] & rest) &&
                             !((removed >> low) & 1);
            risks_[h][set] = static_cast<short>(risks_[h][rest] + (uncertain_allowed(support) ? 1 : 0) +
                                                std::popcount(risky_pairs[low] & rest));
        }
}

bool Planner::forbidden(CellValue value) const {
    if (value == CellValue::no) return true;
    if (value == CellValue::partial) return policy_.forbid_partial;
    if (value == CellValue::unknown) return policy_.forbid_unknown;
    return false;
}

bool Planner::uncertain_allowed(CellValue value) const {
    return (value == CellValue::partial && !policy_.forbid_partial) ||
           (value == CellValue::unknown && !policy_.forbid_unknown);
}

int Planner::feature(const std::string& id) const {
    auto it = std::find(features_.begin(), features_.end(), id);
    if (it == features_.end()) throw std::invalid_argument("brute force: unknown feature " + id);
    return static_cast<int>(it - features_.begin());
}

int Planner::hardware(const std::string& id) const {
    auto it = std::find(hardware_.begin(), hardware_.end(), id);
    if (it == hardware_.end()) throw std::invalid_argument("brute force: unknown hardware " + id);
    return static_cast<int>(it - hardware_.begin());
}

Set Planner::set_of(const std::vector<std::string>& features) const {
    Set set = 0;
    for (const auto& id : features) set |= Set{1} << feature(id);
    return set;
}

std::vector<std::string> Planner::names_of(Set set) const {
    std::vector<std::string> out;
    for (size_t f = 0; f < features_.size(); ++f)
        if (has(set, static_cast<int>(f))) out.push_back(features_[f]);
    return out;
}

bool Planner::greater_bits(Set x, Set y) const {
    for (size_t f = 0; f < features_.size(); ++f)
        if (has(x, static_cast<int>(f)) != has(y, static_cast<int>(f))) return has(x, static_cast<int>(f));
    return false;
}

std::vector<long long> Planner::maximize_criteria(const std::vector<int>& prefer,
                                                  const std::vector<long long>& weight, Set set, int hw) const {
    std::vector<long long> criteria;
    for (int p : prefer) criteria.push_back(has(set, p) ? 1 : 0);
    long long total = 0;
    for (size_t f = 0; f < features_.size(); ++f)
        if (has(set, static_cast<int>(f))) total += weight[f];
    criteria.push_back(total);
    criteria.push_back(-risks(set, hw));
    return criteria;
}

std::vector<long long> Planner::weights(const planner::Request& request) const {
    std::vector<long long> weight(features_.size(), 1);
    for (const auto& [id, w] : request.weights) weight[feature(id)] = w;
    return weight;
}

std::vector<int> Planner::prefer(const planner::Request& request) const {
    std::vector<int> out;
    for (const auto& id : request.prefer) out.push_back(feature(id));
    return out;
}

std::vector<long long> Planner::score(const planner::Request& request, const std::vector<std::string>& features,
                                      const std::string& hardware_id) const {
    return maximize_criteria(prefer(request), weights(request), set_of(features), hardware(hardware_id));
}

std::vector<long long> Planner::repair_score(const planner::Request& request,
                                             const std::vector<std::string>& features,
                                             const std::string& hardware_id) const {
    const int hw = hardware(hardware_id), requested = hardware(request.hardware);
    const Set set = set_of(features), have = set_of(request.have);
    const std::vector<long long> weight = weights(request);
    long long cost = hw != requested ? request.hardware_cost : 0, changes = hw != requested ? 1 : 0;
    for (size_t f = 0; f < features_.size(); ++f)
        if (has(set ^ have, static_cast<int>(f))) {
            cost += weight[f];
            ++changes;
        }
    return {cost, changes, risks(set, hw)};
}

BestPlan Planner::best_maximize(const planner::Request& request, Set must, int hw) const {
    const Set never = set_of(request.never);
    const std::vector<int> preferred = prefer(request);
    const std::vector<long long> weight = weights(request);
    BestPlan best;
    for (Set set = 0; set < (Set{1} << features_.size()); ++set) {
        if ((set & must) != must || (set & never) || !valid(set, hw)) continue;
        std::vector<long long> criteria = maximize_criteria(preferred, weight, set, hw);
        if (!best.feasible || criteria > best.criteria ||
            (criteria == best.criteria && greater_bits(set, best.set)))
            best = {true, set, hw, criteria};
    }
    return best;
}

std::vector<std::vector<std::string>> Planner::minimal_conflicts(const std::vector<std::string>& names,
                                                                 const std::vector<Set>& forced,
                                                                 int hardware_item, int hw) const {
    // Items 0..k-1 force features on; item `hardware_item` (if >= 0) fixes the
    // hardware to hw, otherwise any hardware class will do.
    const int items = static_cast<int>(names.size());
    auto bad = [&](Set mask) {
        Set on = 0;
        bool fixed = false;
        for (int i = 0; i < items; ++i) {
            if (!has(mask, i)) continue;
            if (i == hardware_item) fixed = true;
            else on |= forced[i];
        }
        for (size_t h = 0; h < hardware_.size(); ++h)
            if ((!fixed || static_cast<int>(h) == hw) && valid(on, static_cast<int>(h))) return false;
        return true;
    };
    std::vector<std::vector<std::string>> out;
    for (const auto& members : minimal_subsets(items, bad)) {
        std::vector<std::string> set;
        for (int i : members) set.push_back(names[i]);
        out.push_back(set);
    }
    return out;
}

std::vector<std::vector<std::string>> Planner::explain(const planner::Request& request) const {
    std::vector<std::string> names;
    std::vector<Set> forced;
    std::vector<std::string> seen;
    for (const auto& id : request.must) {
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
        seen.push_back(id);
        names.push_back("must " + id);
        forced.push_back(Set{1} << feature(id));
    }
    names.push_back("hardware " + request.hardware);
    forced.push_back(0);
    return minimal_conflicts(names, forced, static_cast<int>(names.size()) - 1, hardware(request.hardware));
}

MaximizeAnswer Planner::maximize(const planner::Request& request) const {
    MaximizeAnswer out;
    const int hw = hardware(request.hardware);
    const Set must = set_of(request.must);
    out.best = best_maximize(request, must, hw);
    if (out.best.feasible) {
        const Set never = set_of(request.never);
        for (size_t f = 0; f < features_.size(); ++f) {
            int i = static_cast<int>(f);
            if (has(out.best.set, i)) continue;
            std::string reason;
            if (has(never, i)) reason = "never";
            else if (forbidden(support_[f * hardware_.size() + hw])) reason = "unsupported";
            else if (!valid(out.best.set | (Set{1} << i), hw)) reason = "conflict";
            else reason = "trade-off";
            out.off.emplace_back(features_[f], reason);
        }
        return out;
    }
    out.conflicts = explain(request);

    // Minimal sets of must features to drop on the same hardware.
    std::vector<int> must_list;
    for (const auto& id : request.must)
        if (std::find(must_list.begin(), must_list.end(), feature(id)) == must_list.end())
            must_list.push_back(feature(id));
    const int k = static_cast<int>(must_list.size());
    auto kept = [&](Set dropped_mask) {
        Set on = 0;
        for (int i = 0; i < k; ++i)
            if (!has(dropped_mask, i)) on |= Set{1} << must_list[i];
        return on;
    };
    auto infeasible_drop = [&](Set dropped_mask) { return !valid(kept(dropped_mask), hw); };
    // Minimal D with the rest feasible: D feasible and no D minus one element is.
    std::vector<std::vector<int>> drops;
    for (Set d = 0; d < (Set{1} << k); ++d) {
        if (infeasible_drop(d)) continue;
        bool minimal = true;
        for (int i = 0; i < k && minimal; ++i)
            if (has(d, i) && !infeasible_drop(d & ~(Set{1} << i))) minimal = false;
        if (!minimal) continue;
        std::vector<int> members;
        for (int i = 0; i < k; ++i)
            if (has(d, i)) members.push_back(i);
        drops.push_back(members);
    }
    sort_family(drops);
    for (const auto& members : drops) {
        AlternativeAnswer alternative;
        Set dropped_mask = 0;
        for (int i : members) {
            alternative.dropped.push_back(features_[must_list[i]]);
            dropped_mask |= Set{1} << i;
        }
        alternative.hardware = request.hardware;
        alternative.plan = best_maximize(request, kept(dropped_mask), hw);
        out.alternatives.push_back(alternative);
    }
    if (request.allow_hardware_change)
        for (size_t h = 0; h < hardware_.size(); ++h) {
            if (static_cast<int>(h) == hw || !valid(must, static_cast<int>(h))) continue;
            out.alternatives.push_back({{}, hardware_[h], best_maximize(request, must, static_cast<int>(h))});
        }
    return out;
}

RepairAnswer Planner::repair(const planner::Request& request) const {
    RepairAnswer out;
    const size_t n = features_.size();
    const int requested = hardware(request.hardware);
    const Set must = set_of(request.must), never = set_of(request.never), have = set_of(request.have),
              keep = set_of(request.keep);
    const std::vector<long long> weight = weights(request);

    // Criteria: cost, changes, risks (all minimised), then the tie-break on
    // the set, then the requested hardware, then matrix order.
    for (size_t h = 0; h < hardware_.size(); ++h) {
        const int hw = static_cast<int>(h);
        if (hw != requested && !request.allow_hardware_change) continue;
        for (Set set = 0; set < (Set{1} << n); ++set) {
            if ((set & must) != must || (set & never) || ((set ^ have) & keep) || !valid(set, hw)) continue;
            long long cost = hw != requested ? request.hardware_cost : 0, changes = hw != requested ? 1 : 0;
            for (size_t f = 0; f < n; ++f)
                if (has(set ^ have, static_cast<int>(f))) {
                    cost += weight[f];
                    ++changes;
                }
            std::vector<long long> criteria{cost, changes, risks(set, hw)};
            bool better = !out.best.feasible || criteria < out.best.criteria;
            if (!better && criteria == out.best.criteria) {
                if (set != out.best.set) better = greater_bits(set, out.best.set);
                else {
                    auto rank = [&](int x) { return x == requested ? -1 : x; };
                    better = rank(hw) < rank(out.best.hardware);
                }
            }
            if (better) out.best = {true, set, hw, criteria};
        }
    }
    if (out.best.feasible) return out;

    std::vector<std::string> names;
    std::vector<Set> forced;
    for (size_t f = 0; f < n; ++f) {
        int i = static_cast<int>(f);
        if (has(must, i)) names.push_back("must " + features_[f]);
        else if (has(keep, i) && has(have, i)) names.push_back("keep " + features_[f]);
        else continue;
        forced.push_back(Set{1} << i);
    }
    int hardware_item = -1;
    if (!request.allow_hardware_change) {
        hardware_item = static_cast<int>(names.size());
        names.push_back("hardware " + request.hardware);
        forced.push_back(0);
    }
    out.conflicts = minimal_conflicts(names, forced, hardware_item, requested);
    return out;
}

CheckAnswer Planner::check(const std::string& hardware_id, const std::vector<std::string>& features) const {
    CheckAnswer out;
    const int hw = hardware(hardware_id);
    const Set set = set_of(features);
    const size_t n = features_.size(), m = hardware_.size();
    auto judge = [&](const std::string& row, const std::string& column, CellValue value) {
        std::string cell = row + "|" + column + "|" + value_name(value);
        if (forbidden(value)) {
            out.valid = false;
            out.violations.push_back(cell);
        } else if (uncertain_allowed(value)) {
            out.risks.push_back(cell);
        }
    };
    for (size_t f = 0; f < n; ++f)
        if (has(set, static_cast<int>(f))) judge(features_[f], hardware_id, support_[f * m + hw]);
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < a; ++b)
            if (has(set, static_cast<int>(a)) && has(set, static_cast<int>(b)))
                judge(features_[a], features_[b], pair_[a * n + b]);
    return out;
}

std::optional<std::vector<Set>> Planner::enumerate(const planner::Request& request) const {
    const int hw = hardware(request.hardware);
    const Set must = set_of(request.must), never = set_of(request.never);
    if (!valid(must, hw)) return std::nullopt;
    const size_t n = features_.size();
    std::vector<Set> out;
    for (Set set = 0; set < (Set{1} << n); ++set) {
        if ((set & must) != must || (set & never) || !valid(set, hw)) continue;
        bool maximal = true;
        for (size_t f = 0; f < n && maximal; ++f) {
            Set bit = Set{1} << f;
            if (!(set & bit) && !(never & bit) && valid(set | bit, hw)) maximal = false;
        }
        if (maximal) out.push_back(set);
    }
    std::sort(out.begin(), out.end(), [&](Set x, Set y) {
        if (std::popcount(x) != std::popcount(y)) return std::popcount(x) > std::popcount(y);
        return greater_bits(x, y);
    });
    if (request.limit > 0 && out.size() > request.limit) out.resize(request.limit);
    return out;
}

bool Planner::cells_explain(const std::vector<Requirement>& requirements, const std::vector<CellRef>& cells) const {
    // Which features the requirements force on, and which hardware they fix.
    Set on = 0;
    int fixed = -1;
    for (const Requirement& requirement : requirements) {
        if (requirement.kind == Requirement::Kind::hardware) fixed = hardware(requirement.id);
        else on |= Set{1} << feature(requirement.id);
    }
    for (const CellRef& cell : cells) {
        CellValue actual = cell.kind == CellRef::Kind::pair
                               ? pair_[feature(cell.row) * features_.size() + feature(cell.column)]
                               : support_[feature(cell.row) * hardware_.size() + hardware(cell.column)];
        if (actual != cell.value || !forbidden(actual)) return false;
    }
    // Feasible when only the cells in `use` are forbidden?
    auto feasible = [&](const std::vector<bool>& use) {
        for (size_t h = 0; h < hardware_.size(); ++h) {
            if (fixed >= 0 && static_cast<int>(h) != fixed) continue;
            bool ok = true;
            for (size_t c = 0; c < cells.size() && ok; ++c) {
                if (!use[c]) continue;
                const CellRef& cell = cells[c];
                if (cell.kind == CellRef::Kind::pair)
                    ok = !(has(on, feature(cell.row)) && has(on, feature(cell.column)));
                else
                    ok = !(has(on, feature(cell.row)) && hardware(cell.column) == static_cast<int>(h));
            }
            if (ok) return true;
        }
        return false;
    };
    std::vector<bool> all(cells.size(), true);
    if (feasible(all)) return false;
    for (size_t c = 0; c < cells.size(); ++c) {
        std::vector<bool> without = all;
        without[c] = false;
        if (!feasible(without)) return false;
    }
    return true;
}

}  // namespace brute
