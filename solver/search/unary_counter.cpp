#include "solver/search/unary_counter.hpp"

namespace planner::solver {

UnaryCounter::UnaryCounter(z3::context& context, z3::solver& solver, const z3::expr_vector& terms,
                           const std::string& name)
    : context_(&context) {
    // previous[k - 1]: at least k of the terms before the current one.
    std::vector<z3::expr> previous;
    for (unsigned i = 0; i < terms.size(); ++i) {
        const z3::expr term = terms[i];
        std::vector<z3::expr> current;
        for (size_t k = 1; k <= previous.size() + 1; ++k) {
            const z3::expr reached_before = k <= previous.size() ? previous[k - 1] : context.bool_val(false);
            const z3::expr one_short_before = k == 1 ? context.bool_val(true) : previous[k - 2];
            const std::string count_name =
                std::string(name).append("_").append(std::to_string(i)).append("_").append(std::to_string(k));
            z3::expr count = context.bool_const(count_name.c_str());
            solver.add(count == (reached_before || (one_short_before && term)));
            current.push_back(count);
        }
        previous = std::move(current);
    }
    outputs_ = std::move(previous);
}

z3::expr UnaryCounter::at_least(long long k) const {
    if (k <= 0) return context_->bool_val(true);
    if (static_cast<size_t>(k) > outputs_.size()) return context_->bool_val(false);
    return outputs_[static_cast<size_t>(k - 1)];
}

}  // namespace planner::solver
