#include "cli/exit_code.hpp"

namespace planner::cli {

int exit_code(Status status) {
    switch (status) {
        case Status::ok: return 0;
        case Status::infeasible:
        case Status::invalid: return 1;
        case Status::timeout: return 3;
        case Status::error: return 2;
    }
    return 2;
}

}  // namespace planner::cli
