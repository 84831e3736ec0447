// The engine with random rules files against a brute force that enumerates
// every feature set and every value of the declared variables. The brute
// force reads the rules from its own random description (the engine gets the
// same rules as planner-rules/1 text) and the cells straight from the Matrix:
// it shares no code with solver/ nor with model/facts/rules.cpp. Every
// disagreement prints its seed; PLANNER_DIFF_SEED=<seed> reruns that one
// case, PLANNER_DIFF_CASES=<n> changes how many cases run (default 2,000).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <planner/engine.hpp>
#include <planner/rules.hpp>

#include "random_matrix.hpp"

using namespace planner;

namespace {

size_t uniform(std::mt19937_64& rng, size_t low, size_t high) {
    return std::uniform_int_distribution<size_t>(low, high)(rng);
}
bool chance(std::mt19937_64& rng, double p) { return std::bernoulli_distribution(p)(rng); }

// The two declared variables: an enumeration "method" (a, b, c) and an
// integer "size" in 1..4, each with a random default.
const std::vector<std::string> kMethods{"a", "b", "c"};
constexpr int kSizeMin = 1, kSizeMax = 4;

// One literal as the brute force reads it.
struct Lit {
    enum Kind { feature_on, feature_off, hw_is, hw_not, method_is, method_not, size_lt, size_le, size_gt, size_ge };
    Kind kind;
    int index = 0;  // feature, hardware or method value; the number for size
    std::string text;
};

struct BruteRule {
    enum Kind { forbid, implies_error, override_rule, permit } kind;
    std::vector<Lit> forbid_or_if, then;
    int a = -1, b = -1;  // permit: the pair cell (a later, b earlier)
    std::string id;
};

struct Assignment {
    unsigned set = 0;
    int hardware = 0;
    int method = 0, size = 1;
};

bool holds(const Lit& lit, const Assignment& x) {
    switch (lit.kind) {
    case Lit::feature_on: return (x.set >> lit.index) & 1u;
    case Lit::feature_off: return !((x.set >> lit.index) & 1u);
    case Lit::hw_is: return x.hardware == lit.index;
    case Lit::hw_not: return x.hardware != lit.index;
    case Lit::method_is: return x.method == lit.index;
    case Lit::method_not: return x.method != lit.index;
    case Lit::size_lt: return x.size < lit.index;
    case Lit::size_le: return x.size <= lit.index;
    case Lit::size_gt: return x.size > lit.index;
    case Lit::size_ge: return x.size >= lit.index;
    }
    return false;
}

bool all(const std::vector<Lit>& lits, const Assignment& x) {
    return std::all_of(lits.begin(), lits.end(), [&](const Lit& l) { return holds(l, x); });
}

Lit random_literal(std::mt19937_64& rng, const Matrix& m) {
    Lit lit;
    switch (uniform(rng, 0, 5)) {
    case 0:
    case 1:
    case 2: {
        lit.index = static_cast<int>(uniform(rng, 0, m.features.size() - 1));
        const bool on = chance(rng, 0.7);
        lit.kind = on ? Lit::feature_on : Lit::feature_off;
        lit.text = on ? m.features[lit.index] : std::string("!").append(m.features[lit.index]);
        break;
    }
    case 3: {
        lit.index = static_cast<int>(uniform(rng, 0, m.hardware.size() - 1));
        const bool is = chance(rng, 0.5);
        lit.kind = is ? Lit::hw_is : Lit::hw_not;
        lit.text = std::string("hw").append(is ? "=" : "!=").append(m.hardware[lit.index]);
        break;
    }
    case 4: {
        lit.index = static_cast<int>(uniform(rng, 0, kMethods.size() - 1));
        const bool is = chance(rng, 0.6);
        lit.kind = is ? Lit::method_is : Lit::method_not;
        lit.text = std::string("method").append(is ? "=" : "!=").append(kMethods[lit.index]);
        break;
    }
    default: {
        static const std::pair<Lit::Kind, const char*> ops[] = {
            {Lit::size_lt, "<"}, {Lit::size_le, "<="}, {Lit::size_gt, ">"}, {Lit::size_ge, ">="}};
        const auto& [kind, op] = ops[uniform(rng, 0, 3)];
        lit.kind = kind;
        lit.index = static_cast<int>(uniform(rng, kSizeMin, kSizeMax));
        lit.text = std::string("size").append(op).append(std::to_string(lit.index));
        break;
    }
    }
    return lit;
}

std::vector<Lit> random_literals(std::mt19937_64& rng, const Matrix& m, size_t low, size_t high) {
    std::vector<Lit> out;
    for (size_t i = uniform(rng, low, high); i > 0; --i) out.push_back(random_literal(rng, m));
    return out;
}

// What an override sets: a feature on or off, or method=VALUE.
std::vector<Lit> random_settings(std::mt19937_64& rng, const Matrix& m, size_t low, size_t high) {
    std::vector<Lit> out;
    for (size_t i = uniform(rng, low, high); i > 0; --i) {
        Lit lit = random_literal(rng, m);
        while (lit.kind != Lit::feature_on && lit.kind != Lit::feature_off && lit.kind != Lit::method_is)
            lit = random_literal(rng, m);
        out.push_back(lit);
    }
    return out;
}

std::string json_list(const std::vector<Lit>& lits) {
    std::string out;
    for (const Lit& lit : lits) out.append(out.empty() ? "\"" : ", \"").append(lit.text).append("\"");
    return "[" + out + "]";
}

struct Case {
    Matrix matrix;
    Request request;
    std::vector<BruteRule> rules;
    int method_default = 0, size_default = 1;
    std::string rules_text;
};

Case random_case(std::mt19937_64& rng) {
    Case c;
    c.matrix = randomized::random_matrix(rng, 3, 7);
    const Matrix& m = c.matrix;
    c.method_default = static_cast<int>(uniform(rng, 0, kMethods.size() - 1));
    c.size_default = static_cast<int>(uniform(rng, kSizeMin, kSizeMax));
    std::string rules;
    for (size_t r = uniform(rng, 1, 5); r > 0; --r) {
        BruteRule rule;
        rule.id = std::string("r").append(std::to_string(c.rules.size()));
        std::string body;
        switch (uniform(rng, 0, 3)) {
        case 0:
            rule.kind = BruteRule::forbid;
            rule.forbid_or_if = random_literals(rng, m, 1, 3);
            body = R"("kind": "error", "forbid": )" + json_list(rule.forbid_or_if);
            break;
        case 1:
        case 2: {
            const bool override_kind = chance(rng, 0.5);
            rule.kind = override_kind ? BruteRule::override_rule : BruteRule::implies_error;
            rule.forbid_or_if = random_literals(rng, m, 1, 2);
            rule.then = override_kind ? random_settings(rng, m, 1, 2) : random_literals(rng, m, 1, 2);
            body = std::string(R"("kind": ")") + (override_kind ? "override" : "error") +
                   R"(", "if": )" + json_list(rule.forbid_or_if) + R"(, "then": )" + json_list(rule.then);
            break;
        }
        default: {
            rule.kind = BruteRule::permit;
            rule.a = static_cast<int>(uniform(rng, 1, m.features.size() - 1));
            rule.b = static_cast<int>(uniform(rng, 0, rule.a - 1));
            if (chance(rng, 0.7)) rule.forbid_or_if = random_literals(rng, m, 1, 2);
            body = R"("kind": "permit", "allow": [")" + m.features[rule.b] + R"(", ")" + m.features[rule.a] + "\"]";
            if (!rule.forbid_or_if.empty()) body += R"(, "if": )" + json_list(rule.forbid_or_if);
            break;
        }
        }
        rules += std::string(rules.empty() ? "" : ",\n") + R"(  {"id": ")" + rule.id + R"(", )" + body +
                 R"(, "source": {"url": "https://example.org/)" + rule.id + R"("}})";
        c.rules.push_back(std::move(rule));
    }
    c.rules_text = R"({"schema": "planner-rules/1", "id": "random", "variables": {
  "method": {"type": "enum", "values": ["a", "b", "c"], "default": ")" + kMethods[c.method_default] + R"("},
  "size": {"type": "int", "min": 1, "max": 4, "default": )" + std::to_string(c.size_default) + R"(}},
 "rules": [
)" + rules + "]}\n";

    Request& r = c.request;
    r.hardware = m.hardware[uniform(rng, 0, m.hardware.size() - 1)];
    std::vector<std::string> shuffled = m.features;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const size_t musts = chance(rng, 0.4) ? 0 : uniform(rng, 1, std::min<size_t>(3, shuffled.size()));
    const size_t nevers = chance(rng, 0.6) ? 0 : 1;
    for (size_t i = 0; i < musts + nevers && i < shuffled.size(); ++i)
        (i < musts ? r.must : r.never).push_back(shuffled[i]);
    r.policy.forbid_partial = chance(rng, 0.3);
    r.policy.forbid_unknown = chance(rng, 0.3);
    for (const auto& f : m.features)
        if (chance(rng, 0.4)) r.have.push_back(f);
    if (chance(rng, 0.3)) r.set["method"] = kMethods[uniform(rng, 0, kMethods.size() - 1)];
    if (chance(rng, 0.3)) r.set["size"] = std::to_string(uniform(rng, kSizeMin, kSizeMax));
    return c;
}

// ---- the brute force ---------------------------------------------------------

class Brute {
public:
    explicit Brute(const Case& c) : c_(c), n_(c.matrix.features.size()) {
        method_fixed_ = c.request.set.count("method")
                            ? std::optional<int>(static_cast<int>(std::find(kMethods.begin(), kMethods.end(),
                                                                            c.request.set.at("method")) -
                                                                  kMethods.begin()))
                            : std::nullopt;
        if (c.request.set.count("size")) size_fixed_ = std::stoi(c.request.set.at("size"));
    }

    bool forbidden(CellValue v) const {
        return v == CellValue::no || (v == CellValue::partial && c_.request.policy.forbid_partial) ||
               (v == CellValue::unknown && c_.request.policy.forbid_unknown);
    }
    bool risky(CellValue v) const { return (v == CellValue::partial || v == CellValue::unknown) && !forbidden(v); }

    CellValue pair(int x, int y) const { return c_.matrix.pair_value(c_.matrix.features[x], c_.matrix.features[y]); }
    CellValue support(int f, int h) const { return c_.matrix.support_value(c_.matrix.features[f], c_.matrix.hardware[h]); }

    bool lifted(int a, int b, const Assignment& x) const {
        const int later = std::max(a, b), earlier = std::min(a, b);
        for (const BruteRule& rule : c_.rules)
            if (rule.kind == BruteRule::permit && rule.a == later && rule.b == earlier && all(rule.forbid_or_if, x))
                return true;
        return false;
    }

    // Valid as a plan: cells (unless lifted), error rules, overrides' consequences, --set values.
    bool valid(const Assignment& x, bool settings_hold = true) const {
        if (settings_hold && method_fixed_ && x.method != *method_fixed_) return false;
        if (settings_hold && size_fixed_ && x.size != *size_fixed_) return false;
        for (size_t f = 0; f < n_; ++f) {
            if (!((x.set >> f) & 1u)) continue;
            if (forbidden(support(static_cast<int>(f), x.hardware))) return false;
            for (size_t g = 0; g < f; ++g)
                if (((x.set >> g) & 1u) && forbidden(pair(static_cast<int>(f), static_cast<int>(g))) &&
                    !lifted(static_cast<int>(f), static_cast<int>(g), x))
                    return false;
        }
        for (const BruteRule& rule : c_.rules) {
            if (rule.kind == BruteRule::forbid && all(rule.forbid_or_if, x)) return false;
            if (rule.kind == BruteRule::implies_error && all(rule.forbid_or_if, x) && !all(rule.then, x)) return false;
            if (rule.kind == BruteRule::override_rule && all(rule.forbid_or_if, x) && !all(rule.then, x))
                return false;
        }
        return true;
    }

    int risks(const Assignment& x) const {
        int count = 0;
        for (size_t f = 0; f < n_; ++f) {
            if (!((x.set >> f) & 1u)) continue;
            if (risky(support(static_cast<int>(f), x.hardware))) ++count;
            for (size_t g = 0; g < f; ++g)
                if (((x.set >> g) & 1u) && risky(pair(static_cast<int>(f), static_cast<int>(g)))) ++count;
        }
        return count;
    }

    unsigned mask(const std::vector<std::string>& ids) const {
        unsigned out = 0;
        for (const auto& id : ids) out |= 1u << c_.matrix.feature_index(id);
        return out;
    }

    // The variables' values for a set: default kept, else the smallest
    // possible, in declaration order (method, then size). nullopt: none valid.
    std::optional<Assignment> values_for(unsigned set, int hardware) const {
        Assignment x{set, hardware, 0, kSizeMin};
        auto possible = [&](std::optional<int> method, std::optional<int> size) {
            for (int m = 0; m < static_cast<int>(kMethods.size()); ++m)
                for (int s = kSizeMin; s <= kSizeMax; ++s) {
                    if ((method && m != *method) || (size && s != *size)) continue;
                    if (valid({set, hardware, m, s})) return true;
                }
            return false;
        };
        if (!possible(std::nullopt, std::nullopt)) return std::nullopt;
        int method = c_.method_default;
        if (!possible(method, std::nullopt))
            for (method = 0; !possible(method, std::nullopt); ++method) {
            }
        int size = c_.size_default;
        if (!possible(method, size))
            for (size = kSizeMin; !possible(method, size); ++size) {
            }
        x.method = method;
        x.size = size;
        return x;
    }

    // maximize with unit weights: most features, fewest risks, greatest bits in document order.
    std::optional<Assignment> maximize(unsigned must, unsigned never, int hardware) const {
        std::optional<Assignment> best;
        std::tuple<int, int, unsigned> best_key{};
        for (unsigned set = 0; set < (1u << n_); ++set) {
            if ((set & must) != must || (set & never)) continue;
            std::optional<Assignment> x = values_for(set, hardware);
            if (!x) continue;
            // Risks do not depend on the variables.
            std::tuple<int, int, unsigned> key{__builtin_popcount(set), -risks(*x), bits_in_document_order(set)};
            if (!best || key > best_key) {
                best = x;
                best_key = key;
            }
        }
        return best;
    }

    // Bit 0 (the first feature) most significant, so a greater number is the tie-break's choice.
    unsigned bits_in_document_order(unsigned set) const {
        unsigned out = 0;
        for (size_t f = 0; f < n_; ++f) out = (out << 1) | ((set >> f) & 1u);
        return out;
    }

    bool feasible(unsigned must, unsigned never, std::optional<int> hardware) const {
        for (int h = 0; h < static_cast<int>(c_.matrix.hardware.size()); ++h) {
            if (hardware && h != *hardware) continue;
            for (unsigned set = 0; set < (1u << n_); ++set)
                if ((set & must) == must && !(set & never) && values_for(set, h)) return true;
        }
        return false;
    }

    // Every inclusion-maximal valid set (under the variables' values that some assignment allows).
    std::vector<unsigned> enumerate(unsigned must, unsigned never, int hardware) const {
        std::vector<unsigned> validsets;
        for (unsigned set = 0; set < (1u << n_); ++set)
            if ((set & must) == must && !(set & never) && values_for(set, hardware)) validsets.push_back(set);
        std::vector<unsigned> out;
        for (unsigned s : validsets) {
            bool maximal = std::none_of(validsets.begin(), validsets.end(),
                                        [&](unsigned t) { return t != s && (t & s) == s; });
            if (maximal) out.push_back(s);
        }
        std::sort(out.begin(), out.end(), [&](unsigned x, unsigned y) {
            if (__builtin_popcount(x) != __builtin_popcount(y)) return __builtin_popcount(x) > __builtin_popcount(y);
            return bits_in_document_order(x) > bits_in_document_order(y);
        });
        return out;
    }

    // What vLLM runs: each override whose condition holds sets its
    // consequence, in file order, round after round until nothing changes
    // (64 rounds at most).
    Assignment as_run(Assignment x) const {
        for (int round = 0; round < 64; ++round) {
            bool changed = false;
            for (const BruteRule& rule : c_.rules) {
                if (rule.kind != BruteRule::override_rule || !all(rule.forbid_or_if, x) || all(rule.then, x)) continue;
                for (const Lit& lit : rule.then) {
                    if (lit.kind == Lit::feature_on) x.set |= 1u << lit.index;
                    if (lit.kind == Lit::feature_off) x.set &= ~(1u << lit.index);
                    if (lit.kind == Lit::method_is) x.method = lit.index;
                }
                changed = true;
            }
            if (!changed) break;
        }
        return x;
    }

    // --have with the defaults and --set values, as vLLM runs it.
    Assignment have_as_run(unsigned set, int hardware) const {
        return as_run({set, hardware, method_fixed_.value_or(c_.method_default), size_fixed_.value_or(c_.size_default)});
    }

    // check: the configuration vLLM runs, whose values an override may have
    // changed from --set.
    bool check_valid(unsigned set, int hardware) const { return valid(have_as_run(set, hardware), false); }

    size_t feature_count() const { return n_; }

    // The constraint sources of one conflict: only these hold (with --never
    // and the variables' ranges), every other cell and rule is dropped.
    struct Sources {
        unsigned must = 0;
        std::optional<int> hardware, method, size;  // requirements: hardware, set method=, set size=
        std::vector<std::pair<int, int>> pairs;     // features (later, earlier)
        std::vector<std::pair<int, int>> supports;  // feature, hardware
        std::vector<size_t> rules;                  // indices into the case's rules
    };

    bool feasible_with(const Sources& s, unsigned never) const {
        for (int h = 0; h < static_cast<int>(c_.matrix.hardware.size()); ++h) {
            if (s.hardware && h != *s.hardware) continue;
            for (unsigned set = 0; set < (1u << n_); ++set) {
                if ((set & s.must) != s.must || (set & never)) continue;
                for (int m = 0; m < static_cast<int>(kMethods.size()); ++m)
                    for (int z = kSizeMin; z <= kSizeMax; ++z)
                        if ((!s.method || m == *s.method) && (!s.size || z == *s.size) &&
                            valid_with(s, {set, h, m, z}))
                            return true;
            }
        }
        return false;
    }

private:
    bool valid_with(const Sources& s, const Assignment& x) const {
        auto on = [&](int f) { return ((x.set >> f) & 1u) != 0; };
        for (const auto& [f, h] : s.supports)
            if (on(f) && x.hardware == h && forbidden(support(f, h))) return false;
        for (const auto& [a, b] : s.pairs)
            if (on(a) && on(b) && forbidden(pair(a, b)) && !lifted(a, b, x)) return false;
        for (size_t r : s.rules) {
            const BruteRule& rule = c_.rules[r];
            if (rule.kind == BruteRule::forbid && all(rule.forbid_or_if, x)) return false;
            if ((rule.kind == BruteRule::implies_error || rule.kind == BruteRule::override_rule) &&
                all(rule.forbid_or_if, x) && !all(rule.then, x))
                return false;
        }
        return true;
    }

public:

private:
    const Case& c_;
    size_t n_;
    std::optional<int> method_fixed_, size_fixed_;
};

// ---- the comparison ----------------------------------------------------------

struct Run {
    long cases = 0, comparisons = 0, disagreements = 0;
    unsigned long long seed = 0;
    const Case* current = nullptr;
    void expect(bool agree, const std::string& what, const std::string& detail = "") {
        ++comparisons;
        if (agree) return;
        ++disagreements;
        std::printf("DISAGREE seed=%llu %s: %s\nrules:\n%s", seed, what.c_str(), detail.c_str(),
                    current->rules_text.c_str());
    }
};

std::string names(const Matrix& m, unsigned set) {
    std::string out;
    for (size_t f = 0; f < m.features.size(); ++f)
        if ((set >> f) & 1u) out += (out.empty() ? "" : ",") + m.features[f];
    return "{" + out + "}";
}

std::string requirement_names(const std::vector<Requirement>& items) {
    std::string out;
    for (const Requirement& item : items) out += (out.empty() ? "" : ", ") + to_string(item);
    return "{" + out + "}";
}

std::string names(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
    return "{" + out + "}";
}

// A conflict is minimal over all its items, requirements and constraint
// sources alike: with only its cells and rules it cannot hold, and without
// any one item (a requirement, a cell, a rule) it can.
void expect_minimal_conflict(Run& run, const Brute& brute, const Case& c, const Conflict& conflict, unsigned never,
                             const std::string& kind) {
    const Matrix& m = c.matrix;
    const size_t items = conflict.requirements.size() + conflict.cells.size() + conflict.rules.size();
    auto sources_without = [&](size_t skip) {
        Brute::Sources s;
        size_t item = 0;
        for (const Requirement& r : conflict.requirements) {
            if (item++ == skip) continue;
            if (r.kind == Requirement::Kind::must) s.must |= 1u << m.feature_index(r.id);
            if (r.kind == Requirement::Kind::hardware) s.hardware = m.hardware_index(r.id);
            if (r.kind == Requirement::Kind::set) {
                const std::string value = r.id.substr(r.id.find('=') + 1);
                if (r.id.rfind("method=", 0) == 0)
                    s.method = static_cast<int>(std::find(kMethods.begin(), kMethods.end(), value) - kMethods.begin());
                else
                    s.size = std::stoi(value);
            }
        }
        for (const CellRef& cell : conflict.cells) {
            if (item++ == skip) continue;
            const int row = m.feature_index(cell.row);
            if (cell.kind == CellRef::Kind::pair) {
                const int column = m.feature_index(cell.column);
                s.pairs.emplace_back(std::max(row, column), std::min(row, column));
            } else {
                s.supports.emplace_back(row, m.hardware_index(cell.column));
            }
        }
        for (const RuleRef& rule : conflict.rules) {
            if (item++ == skip) continue;
            s.rules.push_back(static_cast<size_t>(std::stoul(rule.id.substr(1))));
        }
        return s;
    };
    std::string text = requirement_names(conflict.requirements);
    for (const CellRef& cell : conflict.cells) text += " " + cell.row + "x" + cell.column;
    for (const RuleRef& rule : conflict.rules) text += " " + rule.id;
    run.expect(!brute.feasible_with(sources_without(items), never), kind + " conflict holds", text);
    for (size_t i = 0; i < items; ++i)
        run.expect(brute.feasible_with(sources_without(i), never), kind + " conflict minimal without item " +
                                                                     std::to_string(i + 1), text);
}

// Completeness where it is cheap to know: a single source (a rule, or a
// forbidden cell) that rules out a reported set of requirements on its own,
// minimally, is a conflict set of its own, even where another source says the same.
void expect_single_sources_listed(Run& run, const Brute& brute, const Case& c, const std::vector<Conflict>& conflicts,
                                  unsigned never, const std::string& kind) {
    const Matrix& m = c.matrix;
    std::vector<Brute::Sources> singles;
    for (size_t r = 0; r < c.rules.size(); ++r) {
        Brute::Sources s;
        s.rules = {r};
        singles.push_back(s);
    }
    for (int f = 0; f < static_cast<int>(m.features.size()); ++f) {
        for (int g = 0; g < f; ++g)
            if (brute.forbidden(brute.pair(f, g))) {
                Brute::Sources s;
                s.pairs = {{f, g}};
                singles.push_back(s);
            }
        for (int h = 0; h < static_cast<int>(m.hardware.size()); ++h)
            if (brute.forbidden(brute.support(f, h))) {
                Brute::Sources s;
                s.supports = {{f, h}};
                singles.push_back(s);
            }
    }
    for (const Conflict& conflict : conflicts) {
        Brute::Sources asked;
        std::vector<Brute::Sources> without_one;
        bool only_musts_and_hardware = true;
        for (const Requirement& r : conflict.requirements) {
            if (r.kind == Requirement::Kind::must) asked.must |= 1u << m.feature_index(r.id);
            else if (r.kind == Requirement::Kind::hardware) asked.hardware = m.hardware_index(r.id);
            else only_musts_and_hardware = false;
        }
        if (!only_musts_and_hardware) continue;
        for (const Brute::Sources& single : singles) {
            Brute::Sources s = single;
            s.must = asked.must;
            s.hardware = asked.hardware;
            if (brute.feasible_with(s, never)) continue;
            bool minimal = true;
            for (const Requirement& r : conflict.requirements) {
                Brute::Sources fewer = s;
                if (r.kind == Requirement::Kind::must) fewer.must &= ~(1u << m.feature_index(r.id));
                else fewer.hardware.reset();
                if (!brute.feasible_with(fewer, never)) minimal = false;
            }
            if (!minimal) continue;
            const bool listed = std::any_of(conflicts.begin(), conflicts.end(), [&](const Conflict& other) {
                if (other.requirements != conflict.requirements) return false;
                if (!single.rules.empty())
                    return other.cells.empty() && other.rules.size() == 1 &&
                           other.rules[0].id == c.rules[single.rules[0]].id;
                if (!other.rules.empty() || other.cells.size() != 1) return false;
                const CellRef& cell = other.cells[0];
                const int row = m.feature_index(cell.row);
                if (!single.pairs.empty())
                    return cell.kind == CellRef::Kind::pair &&
                           std::make_pair(std::max(row, m.feature_index(cell.column)),
                                          std::min(row, m.feature_index(cell.column))) == single.pairs[0];
                return cell.kind == CellRef::Kind::support &&
                       std::make_pair(row, m.hardware_index(cell.column)) == single.supports[0];
            });
            run.expect(listed, kind + " single source listed", requirement_names(conflict.requirements));
        }
    }
}

void run_case(Run& run, Engine& engine, unsigned long long seed) {
    std::mt19937_64 rng(seed);
    Case c = random_case(rng);
    run.seed = seed;
    run.current = &c;
    c.request.rules = {parse_rules(c.rules_text, "random.json")};
    const Matrix& m = c.matrix;
    const Brute brute(c);
    const int hardware = m.hardware_index(c.request.hardware);
    const unsigned must = brute.mask(c.request.must), never = brute.mask(c.request.never);
    auto set_of = [&](const std::vector<std::string>& ids) { return brute.mask(ids); };

    // maximize
    Result result = engine.maximize(m, c.request);
    std::optional<Assignment> best = brute.maximize(must, never, hardware);
    run.expect((result.status == Status::ok) == best.has_value() &&
                   (result.status == Status::ok || result.status == Status::infeasible),
               "maximize feasibility", std::string(to_string(result.status)) + " " + result.message);
    if (best && result.status == Status::ok) {
        run.expect(set_of(result.plan.features) == best->set, "maximize set",
                   names(result.plan.features) + " vs " + names(m, best->set));
        std::string values, expected = "method=" + kMethods[best->method] + ",size=" + std::to_string(best->size);
        for (const VariableValue& v : result.plan.values) values += (values.empty() ? "" : ",") + v.name + "=" + v.value;
        run.expect(values == expected, "maximize values", values + " vs " + expected);
    }
    // explain
    Result explained = engine.explain(m, c.request);
    run.expect((explained.status == Status::ok) == brute.feasible(must, never, hardware), "explain status",
               std::string(to_string(explained.status)));
    for (const Conflict& conflict : explained.conflicts) expect_minimal_conflict(run, brute, c, conflict, never, "explain");
    expect_single_sources_listed(run, brute, c, explained.conflicts, never, "explain");
    if (!best && result.status == Status::infeasible)
        for (const Conflict& conflict : result.conflicts) expect_minimal_conflict(run, brute, c, conflict, never, "maximize");

    // check
    Result checked = engine.check(m, c.request);
    const unsigned have = set_of(c.request.have);
    run.expect((checked.status == Status::ok) == brute.check_valid(have, hardware), "check",
               names(c.request.have) + " " + std::string(to_string(checked.status)));
    run.expect(set_of(checked.plan.features) == brute.have_as_run(have, hardware).set, "check features as run",
               names(checked.plan.features) + " vs " + names(m, brute.have_as_run(have, hardware).set));

    // enumerate
    Result listed = engine.enumerate(m, c.request);
    if (brute.feasible(must, never, hardware)) {
        std::vector<unsigned> want = brute.enumerate(must, never, hardware), got;
        for (const Plan& plan : listed.plans) got.push_back(set_of(plan.features));
        std::string got_text, want_text;
        for (unsigned s : got) got_text += names(m, s);
        for (unsigned s : want) want_text += names(m, s);
        run.expect(listed.status == Status::ok && got == want, "enumerate family", got_text + " vs " + want_text);
    } else {
        run.expect(listed.status == Status::infeasible, "enumerate infeasible", std::string(to_string(listed.status)));
    }

    // repair (unit weights): the fewest changed features, from the set vLLM
    // runs, to a valid set honouring must/never.
    Result repaired = engine.repair(m, c.request);
    const unsigned have_run = brute.have_as_run(have, hardware).set;
    std::optional<int> fewest;
    for (unsigned set = 0; set < (1u << brute.feature_count()); ++set) {
        if ((set & must) != must || (set & never) || !brute.values_for(set, hardware)) continue;
        const int changes = __builtin_popcount(set ^ have_run);
        if (!fewest || changes < *fewest) fewest = changes;
    }
    run.expect((repaired.status == Status::ok) == fewest.has_value(), "repair feasibility",
               std::string(to_string(repaired.status)));
    if (fewest && repaired.status == Status::ok)
        run.expect(static_cast<int>(repaired.changes.size()) == *fewest, "repair cost",
                   std::to_string(repaired.changes.size()) + " vs " + std::to_string(*fewest));
    ++run.cases;
}

}  // namespace

int main() {
    Engine engine;
    Run run;
    if (const char* seed = std::getenv("PLANNER_DIFF_SEED")) {
        run_case(run, engine, std::strtoull(seed, nullptr, 10));
    } else {
        const char* cases_env = std::getenv("PLANNER_DIFF_CASES");
        const long cases = cases_env ? std::strtol(cases_env, nullptr, 10) : 2000;
        for (long i = 0; i < cases; ++i) run_case(run, engine, 0x5eed0000ULL + static_cast<unsigned long long>(i));
    }
    std::printf("%ld cases with random rules, %ld comparisons, %ld disagreements\n", run.cases, run.comparisons,
                run.disagreements);
    return run.disagreements == 0 ? 0 : 1;
}
