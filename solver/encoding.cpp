#include "solver/encoding.hpp"

#include <stdexcept>
#include <string>

namespace planner::solver {

namespace {

z3::sort make_hardware_sort(z3::context& context, const Problem& problem, unsigned serial,
                            std::vector<z3::expr>& values) {
    // Each encoding gets its own sort name: Z3 keeps datatype declarations per
    // context, and matrices with other hardware lists share the context.
    std::vector<std::string> names;
    for (const std::string& id : problem.hardware()) names.push_back("hw" + std::to_string(serial) + ":" + id);
    std::vector<const char*> pointers;
    for (const std::string& name : names) pointers.push_back(name.c_str());
    z3::func_decl_vector constructors(context), testers(context);
    std::string sort_name = "Hardware" + std::to_string(serial);
    z3::sort sort = context.enumeration_sort(sort_name.c_str(), static_cast<unsigned>(pointers.size()),
                                             pointers.data(), constructors, testers);
    for (unsigned h = 0; h < constructors.size(); ++h) values.push_back(constructors[h]());
    return sort;
}

}  // namespace

Encoding::Encoding(z3::context& context, Problem problem, unsigned serial)
    : context_(context),
      problem_(std::move(problem)),
      hardware_sort_(make_hardware_sort(context_, problem_, serial, hardware_values_)),
      hardware_var_(context_.constant(("hardware" + std::to_string(serial)).c_str(), hardware_sort_)),
      solver_(context_, z3::solver::simple()),
      serial_(serial) {
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
    for (const CellConstraint& cell : cells_) solver_.add(constraint_of(cell));
    tune(solver_);
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
    if (cell.kind == CellRef::Kind::pair) return !features_[cell.a] || !features_[cell.b];
    return !(hardware_var_ == hardware_values_[cell.hardware]) || !features_[cell.a];
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
        tune(*certificate_solver_);
    }
    return &*certificate_solver_;
}

const UnaryCounter* Encoding::feature_counter() {
    if (!feature_counter_ && certificate_solver_ && at_base_level(*certificate_solver_)) {
        z3::expr_vector terms(context_);
        for (const z3::expr& feature : features_) terms.push_back(feature);
        feature_counter_.emplace(context_, *certificate_solver_, terms, "features_counted" + std::to_string(serial_));
    }
    return feature_counter_ ? &*feature_counter_ : nullptr;
}

const UnaryCounter* Encoding::risk_counter(size_t hardware) {
    auto found = risk_counters_.find(hardware);
    if (found != risk_counters_.end()) return &found->second;
    if (!certificate_solver_ || !at_base_level(*certificate_solver_)) return nullptr;
    z3::expr_vector terms = risk_terms(hardware);
    if (terms.size() > max_counted_terms) return nullptr;
    const std::string name = "risks_counted" + std::to_string(serial_) + "_" + std::to_string(hardware);
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
    z3::expr hardware = model.eval(hardware_var_, true);
    for (size_t h = 0; h < hardware_values_.size(); ++h)
        if (z3::eq(hardware, hardware_values_[h])) out.hardware = static_cast<int>(h);
    return out;
}

}  // namespace planner::solver
