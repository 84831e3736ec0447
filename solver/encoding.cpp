#include "solver/encoding.hpp"

#include <stdexcept>
#include <string>

namespace planner::solver {

Encoding::Encoding(z3::context& context, Problem problem, const HardwareSort& hardware)
    : context_(context),
      problem_(std::move(problem)),
      hardware_values_(hardware.values),
      hardware_sort_(hardware.sort),
      // Names shared by every encoding: each solver holds one encoding's
      // constraints, and a name made per encoding would stay in the context.
      hardware_var_(context_.constant("hardware", hardware_sort_)),
      solver_(context_, z3::solver::simple()) {
    const size_t n = problem_.feature_count(), m = problem_.hardware_count();
    for (size_t f = 0; f < n; ++f) features_.push_back(context_.bool_const(problem_.features()[f].c_str()));
    // Cells in check_configuration's order: hardware cells by feature, then the
    // lower triangle row by row.
    for (size_t f = 0; f < n; ++f)
        for (size_t h = 0; h < m; ++h)
            if (problem_.support_forbidden(f, h))
                cells_.push_back({CellRef::Kind::support, static_cast<int>(f), -1, static_cast<int>(h)});
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < a; ++b)
            if (problem_.pair_forbidden(a, b))
                cells_.push_back({CellRef::Kind::pair, static_cast<int>(a), static_cast<int>(b), -1});
    for (size_t v = 0; v < problem_.rules().variables.size(); ++v)
        variables_.push_back(context_.int_const(("var " + problem_.rules().variables[v].name).c_str()));
    for (size_t r = 0; r < problem_.rules().rules.size(); ++r)
        if (problem_.rules().rules[r].rule.kind != RuleKind::permit)
            rule_constraints_.push_back({RuleConstraint::Kind::rule, r});
    for (size_t v = 0; v < problem_.rules().fixed.size(); ++v)
        if (problem_.rules().fixed[v]) rule_constraints_.push_back({RuleConstraint::Kind::setting, v});
    for (const CellConstraint& cell : cells_) solver_.add(constraint_of(cell));
    add_rules(solver_, true);
    tune(solver_);
}

z3::expr Encoding::term(const Term& term) const {
    switch (term.subject) {
    case Term::Subject::feature: return term.op == Literal::Op::off ? !features_[term.index] : features_[term.index];
    case Term::Subject::hardware: {
        z3::expr on = hardware_var_ == hardware_values_[term.index];
        return term.op == Literal::Op::equals ? on : !on;
    }
    case Term::Subject::variable: break;
    }
    const z3::expr& x = variables_[term.index];
    const z3::expr v = context_.int_val(static_cast<int64_t>(term.value));
    switch (term.op) {
    case Literal::Op::equals: return x == v;
    case Literal::Op::not_equals: return x != v;
    case Literal::Op::less: return x < v;
    case Literal::Op::less_equal: return x <= v;
    case Literal::Op::greater: return x > v;
    case Literal::Op::greater_equal: return x >= v;
    case Literal::Op::on:
    case Literal::Op::off: break;
    }
    throw std::logic_error("a variable compared as a feature");
}

z3::expr Encoding::all_of(const std::vector<Term>& terms) const {
    z3::expr out = context_.bool_val(true);
    for (const Term& t : terms) out = out && term(t);
    return out;
}

z3::expr Encoding::constraint_of(const RuleConstraint& constraint) const {
    if (constraint.kind == RuleConstraint::Kind::setting)
        return variables_[constraint.index] ==
               context_.int_val(static_cast<int64_t>(*problem_.rules().fixed[constraint.index]));
    const ResolvedRule& rule = problem_.rules().rules[constraint.index];
    if (!rule.forbid.empty()) return !all_of(rule.forbid);
    return z3::implies(all_of(rule.conditions), all_of(rule.then));
}

void Encoding::add_rules(z3::solver& solver, bool untracked_rules) const {
    // A variable's range is its type, never a reason for a conflict.
    for (size_t v = 0; v < variables_.size(); ++v) {
        const Variable& variable = problem_.rules().variables[v];
        solver.add(variables_[v] >= context_.int_val(static_cast<int64_t>(variable.min)));
        solver.add(variables_[v] <= context_.int_val(static_cast<int64_t>(variable.max)));
    }
    if (untracked_rules)
        for (const RuleConstraint& constraint : rule_constraints_) solver.add(constraint_of(constraint));
}

const std::vector<z3::expr>& Encoding::rule_tracks() {
    tracked_solver();
    return rule_tracks_;
}

void Encoding::tune(z3::solver& solver) {
    z3::params params(context_);
    // Search puts features on first: the first model of a maximize query is
    // then already a large valid set, which saves most improvement steps.
    params.set("phase_selection", 1u);
    params.set("ctrl_c", false);
    // Relevancy filtering pays off for quantifiers, not for clauses over
    // Booleans; off, each check costs about a third less.
    params.set("relevancy", 0u);
    solver.set(params);
}

z3::expr Encoding::constraint_of(const CellConstraint& cell) const {
    z3::expr forbidden = cell.kind == CellRef::Kind::pair
                             ? (!features_[cell.a] || !features_[cell.b])
                             : (!(hardware_var_ == hardware_values_[cell.hardware]) || !features_[cell.a]);
    // A permit lifts the cell where its conditions hold.
    for (const ResolvedRule& rule : problem_.rules().rules) {
        if (rule.rule.kind != RuleKind::permit || rule.cell_kind != cell.kind || rule.a != cell.a) continue;
        if (cell.kind == CellRef::Kind::pair ? rule.b != cell.b : rule.hardware != cell.hardware) continue;
        forbidden = forbidden || all_of(rule.conditions);
    }
    return forbidden;
}

std::string Encoding::name_of(const CellConstraint& cell) const {
    const auto& ids = problem_.features();
    if (cell.kind == CellRef::Kind::pair)
        return "cell " + ids[cell.a] + " x " + ids[cell.b] + " = " +
               std::string(to_string(problem_.pair_value(cell.a, cell.b)));
    return "cell " + ids[cell.a] + " on " + problem_.hardware()[cell.hardware] + " = " +
           std::string(to_string(problem_.support_value(cell.a, cell.hardware)));
}

z3::solver& Encoding::tracked_solver() {
    if (!tracked_solver_) {
        tracked_solver_.emplace(context_, z3::solver::simple());
        tune(*tracked_solver_);
        tracks_.resize(cells_.size());
        add_rules(*tracked_solver_, false);
        for (const RuleConstraint& constraint : rule_constraints_) {
            const std::string name =
                constraint.kind == RuleConstraint::Kind::rule
                    ? "rule " + problem_.rules().rules[constraint.index].rule.id
                    : "set " + problem_.rules().variables[constraint.index].name;
            rule_tracks_.push_back(context_.bool_const(name.c_str()));
            tracked_solver_->add(z3::implies(rule_tracks_.back(), constraint_of(constraint)));
        }
    }
    return *tracked_solver_;
}

const z3::expr& Encoding::track(size_t cell) {
    z3::solver& solver = tracked_solver();
    std::optional<z3::expr>& track = tracks_[cell];
    if (!track) {
        if (!at_base_level(solver))
            throw std::logic_error("a cell tracked while a query is open on the tracked solver");
        track = context_.bool_const(name_of(cells_[cell]).c_str());
        solver.add(z3::implies(*track, constraint_of(cells_[cell])));
    }
    return *track;
}

z3::solver& Encoding::map_solver() {
    if (!map_solver_) map_solver_.emplace(context_, z3::solver::simple());
    return *map_solver_;
}

z3::expr_vector Encoding::risk_terms(std::optional<size_t> only_hardware) {
    const size_t n = problem_.feature_count(), m = problem_.hardware_count();
    z3::expr_vector terms(context_);
    for (size_t f = 0; f < n; ++f)
        for (size_t h = 0; h < m; ++h) {
            if (!problem_.support_risky(f, h)) continue;
            if (!only_hardware) terms.push_back(on_hardware(h) && features_[f]);
            else if (*only_hardware == h) terms.push_back(features_[f]);
        }
    for (size_t a = 0; a < n; ++a)
        for (size_t b = 0; b < a; ++b)
            if (problem_.pair_risky(a, b)) terms.push_back(features_[a] && features_[b]);
    return terms;
}

bool Encoding::at_base_level(const z3::solver& solver) const {
    return Z3_solver_get_num_scopes(context_, solver) == 0;
}

z3::solver& Encoding::solver(SolverRole role) {
    switch (role) {
    case SolverRole::tracked: return tracked_solver();
    case SolverRole::certificate:
        if (!certificate_solver_)
            throw std::logic_error("a certificate query before warm_certificate_solver() made its solver");
        return *certificate_solver_;
    case SolverRole::plain: break;
    }
    return solver_;
}

z3::solver* Encoding::warm_certificate_solver() {
    if (!certificate_solver_) {
        if (++certificates_ < certificates_before_counters || features_.size() > max_counted_terms) return nullptr;
        certificate_solver_.emplace(context_, z3::solver::simple());
        for (const CellConstraint& cell : cells_) certificate_solver_->add(constraint_of(cell));
        add_rules(*certificate_solver_, true);
        tune(*certificate_solver_);
    }
    return &*certificate_solver_;
}

const UnaryCounter* Encoding::feature_counter() {
    if (!feature_counter_ && certificate_solver_ && at_base_level(*certificate_solver_)) {
        z3::expr_vector terms(context_);
        for (const z3::expr& feature : features_) terms.push_back(feature);
        feature_counter_.emplace(context_, *certificate_solver_, terms, "features_counted");
    }
    return feature_counter_ ? &*feature_counter_ : nullptr;
}

const UnaryCounter* Encoding::risk_counter(size_t hardware) {
    auto found = risk_counters_.find(hardware);
    if (found != risk_counters_.end()) return &found->second;
    if (!certificate_solver_ || !at_base_level(*certificate_solver_)) return nullptr;
    z3::expr_vector terms = risk_terms(hardware);
    if (terms.size() > max_counted_terms) return nullptr;
    const std::string name = "risks_counted_" + std::to_string(hardware);
    return &risk_counters_.emplace(hardware, UnaryCounter(context_, *certificate_solver_, terms, name)).first->second;
}

Assignment Encoding::read(const z3::model& model) const {
    Assignment out;
    out.on.assign(features_.size(), 0);
    for (size_t f = 0; f < features_.size(); ++f) {
        // A feature the model leaves unassigned is a don't-care: off.
        z3::expr value = model.get_const_interp(features_[f].decl());
        out.on[f] = static_cast<Z3_ast>(value) != nullptr && value.is_true();
    }
    for (const z3::expr& variable : variables_) out.values.push_back(model.eval(variable, true).get_numeral_int64());
    z3::expr hardware = model.eval(hardware_var_, true);
    for (size_t h = 0; h < hardware_values_.size(); ++h)
        if (z3::eq(hardware, hardware_values_[h])) out.hardware = static_cast<int>(h);
    return out;
}

}  // namespace planner::solver
