#include "solver/query.hpp"

#include <limits>
#include <unordered_map>

namespace planner::solver {

Query::Query(Encoding& encoding, const Deadline& deadline, SolverRole role)
    : encoding_(encoding),
      solver_(encoding.solver(role)),
      deadline_(deadline),
      role_(role),
      fixed_(encoding.problem().feature_count(), -1) {
    solver_.push();
    level_ = Z3_solver_get_num_scopes(encoding.context(), solver_);
}

Query::~Query() { solver_.pop(); }

void Query::require_feature(size_t f, bool on) {
    require(on ? encoding_.feature(f) : !encoding_.feature(f));
    fixed_[f] = on ? 1 : 0;
}

void Query::require_hardware(size_t h) {
    require(encoding_.on_hardware(h));
    fixed_hardware_ = h;
}

bool Query::check(const std::vector<z3::expr>& assumptions) {
    unsigned timeout = deadline_.limited() ? deadline_.remaining_ms() : std::numeric_limits<unsigned>::max();
    unsigned& current = encoding_.timeout_setting(role_);
    if (current != timeout) {
        solver_.set("timeout", timeout);
        current = timeout;
    }
    z3::expr_vector literals(encoding_.context());
    for (const z3::expr& literal : assumptions) literals.push_back(literal);
    switch (solver_.check(literals)) {
    case z3::sat:
        best_ = encoding_.read(solver_.get_model());
        has_model_ = true;
        return true;
    case z3::unsat:
        return false;
    case z3::unknown:
        break;
    }
    throw TimedOut("the solver gave up: " + solver_.reason_unknown());
}

std::vector<size_t> Query::core(const std::vector<z3::expr>& assumptions) const {
    std::unordered_map<unsigned, size_t> position;
    for (size_t i = 0; i < assumptions.size(); ++i) position.emplace(assumptions[i].id(), i);
    std::vector<size_t> out;
    z3::expr_vector core = solver_.unsat_core();
    for (unsigned i = 0; i < core.size(); ++i) {
        auto it = position.find(core[i].id());
        if (it != position.end()) out.push_back(it->second);
    }
    return out;
}

bool Query::known_impossible(size_t f) const {
    if (fixed_[f] == 0) return true;
    const Problem& problem = encoding_.problem();
    if (fixed_hardware_ && problem.support_forbidden(f, *fixed_hardware_) &&
        !problem.support_liftable(f, *fixed_hardware_))
        return true;
    for (size_t g = 0; g < fixed_.size(); ++g)
        if (fixed_[g] == 1 && problem.pair_forbidden(f, g) && !problem.pair_liftable(f, g)) return true;
    return false;
}

void Query::fix_variables() {
    const RuleSet& rules = encoding_.problem().rules();
    z3::context& context = encoding_.context();
    for (size_t v = 0; v < rules.variables.size(); ++v) {
        const Variable& variable = rules.variables[v];
        const z3::expr& x = encoding_.variable(v);
        auto value = [&](long long n) { return context.int_val(static_cast<int64_t>(n)); };
        long long chosen = best_.values[v];
        if (chosen != variable.default_value && check({x == value(variable.default_value)})) {
            chosen = variable.default_value;
        } else if (chosen != variable.default_value) {
            // The smallest value still possible: the model's value is one, so
            // bisect below it (an enumeration's first listed value is its smallest).
            long long low = variable.min, high = chosen;
            while (low < high) {
                const long long middle = low + (high - low) / 2;
                if (check({x <= value(middle)})) high = best_.values[v];
                else low = middle + 1;
            }
            chosen = high;
        }
        require(x == value(chosen));
        best_.values[v] = chosen;
    }
}

void Query::fix_features_greedily(const std::vector<int>& order) {
    for (int f : order) {
        if (fixed_[f] == 1) continue;
        // The current model already has it on: on is possible, no check needed.
        if (best_.on[f]) {
            require_feature(f, true);
        } else if (known_impossible(f)) {
            if (fixed_[f] != 0) require_feature(f, false);
        } else {
            require_feature(f, check({encoding_.feature(f)}));
        }
    }
}

void Query::fix_hardware_greedily(const std::vector<int>& order) {
    for (int h : order) {
        if (best_.hardware == h || check({encoding_.on_hardware(h)})) {
            require_hardware(h);
            return;
        }
    }
}

z3::expr Query::next_guard() {
    // A guard keeps a tentative bound retractable inside this scope. Its name
    // is unique among the scopes open on this solver and comes back once the
    // scope is popped with its constraints: Z3 never forgets a name, so a
    // fresh constant per bound grew a long batch stream without end.
    const std::string name = "bound_" + std::to_string(level_) + "_" + std::to_string(guards_++);
    return encoding_.context().bool_const(name.c_str());
}

void Query::minimize(const z3::expr_vector& terms, const std::vector<int>& weights,
                     const std::function<long long(const Assignment&)>& value) {
    if (terms.empty()) return;  // nothing to minimise (and z3::pble needs a term)
    long long current = value(best_);
    while (current > 0) {
        z3::expr guard = next_guard();
        require(z3::implies(guard, z3::pble(terms, weights.data(), static_cast<int>(current - 1))));
        if (!check({guard})) break;
        current = value(best_);
    }
    require(z3::pble(terms, weights.data(), static_cast<int>(current)));
}

}  // namespace planner::solver
