#include "solver/off_reasons.hpp"

namespace planner::solver {

std::vector<OffReason> off_reasons(const Matrix& matrix, const Problem& problem, const ResolvedRequest& request,
                                   const std::vector<char>& on, size_t hardware) {
    const auto& ids = problem.features();
    const std::string& hw = problem.hardware()[hardware];
    std::vector<OffReason> out;
    for (size_t f = 0; f < on.size(); ++f) {
        if (on[f]) continue;
        OffReason reason{ids[f], "", {}};
        if (request.is_never[f]) {
            reason.reason = "never";
        } else if (problem.support_forbidden(f, hardware)) {
            reason.reason = "unsupported";
            reason.cells.push_back(support_ref(matrix, ids[f], hw));
        } else {
            for (size_t g = 0; g < on.size(); ++g)
                if (on[g] && problem.pair_forbidden(f, g)) reason.cells.push_back(pair_ref(matrix, ids[f], ids[g]));
            if (!reason.cells.empty()) {
                reason.reason = "conflict";
            } else {
                // It would fit, so turning it on costs a criterion: its weight is
                // zero and the uncertain cells it would bring add risks.
                reason.reason = "trade-off";
                if (problem.support_risky(f, hardware)) reason.cells.push_back(support_ref(matrix, ids[f], hw));
                for (size_t g = 0; g < on.size(); ++g)
                    if (on[g] && problem.pair_risky(f, g)) reason.cells.push_back(pair_ref(matrix, ids[f], ids[g]));
            }
        }
        out.push_back(std::move(reason));
    }
    return out;
}

}  // namespace planner::solver
