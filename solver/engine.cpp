#include "solver/engine.hpp"

#include <z3++.h>

#include <list>

#include "solver/commands.hpp"
#include "solver/encoding.hpp"
#include "solver/verified_plan.hpp"

namespace planner {

std::string_view to_string(Status status) {
    switch (status) {
    case Status::ok: return "ok";
    case Status::infeasible: return "infeasible";
    case Status::invalid: return "invalid";
    case Status::timeout: return "timeout";
    case Status::error: return "error";
    }
    return "error";
}

using solver::Encoding;
using solver::Problem;

struct Engine::Impl {
    // Created on the first query that needs Z3, so `check` never pays for it.
    std::unique_ptr<z3::context> context;
    // Most recently used first. Encodings are keyed by content, not by the
    // Matrix's address: a caller may build a new matrix at the same address.
    std::list<std::unique_ptr<Encoding>> encodings;
    unsigned serial = 0;
    static constexpr size_t cache_size = 8;

    Encoding& encoding_for(const Problem& problem) {
        if (!context) context = std::make_unique<z3::context>();
        for (auto it = encodings.begin(); it != encodings.end(); ++it) {
            if ((*it)->problem().same_constraints(problem)) {
                encodings.splice(encodings.begin(), encodings, it);
                return *encodings.front();
            }
        }
        encodings.push_front(std::make_unique<Encoding>(*context, problem, serial++));
        if (encodings.size() > cache_size) encodings.pop_back();
        return *encodings.front();
    }

    template <typename Command>
    Result run(const Matrix& matrix, const Request& request, Command command) {
        const auto started = solver::Deadline::Clock::now();
        Problem problem(matrix, request.policy);
        solver::ResolvedRequest resolved = solver::resolve_request(problem, request);  // UsageError escapes
        solver::CommandInput input{matrix, request, problem, resolved, started};
        // Looked up once per request: the lookup compares whole problems
        // (a million cells at 1,000 features), and a command may ask again.
        Encoding* found = nullptr;
        auto encoding = [&]() -> Encoding& {
            if (!found) found = &encoding_for(problem);
            return *found;
        };
        try {
            return command(input, encoding);
        } catch (const solver::RecheckFailed& failure) {
            return failed(request, failure.what());
        } catch (const z3::exception& failure) {
            return failed(request, std::string("internal error: z3: ") + failure.msg());
        }
    }

    static Result failed(const Request& request, std::string message) {
        Result result;
        result.status = Status::error;
        result.proven_optimal = false;
        result.plan.hardware = request.hardware;
        result.message = std::move(message);
        return result;
    }
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

Result Engine::maximize(const Matrix& matrix, const Request& request) {
    return impl_->run(matrix, request, [](auto& input, auto& encoding) { return solver::run_maximize(input, encoding); });
}

Result Engine::repair(const Matrix& matrix, const Request& request) {
    return impl_->run(matrix, request, [](auto& input, auto& encoding) { return solver::run_repair(input, encoding()); });
}

Result Engine::check(const Matrix& matrix, const Request& request) {
    return impl_->run(matrix, request, [](auto& input, auto&) { return solver::run_check(input); });
}

Result Engine::explain(const Matrix& matrix, const Request& request) {
    return impl_->run(matrix, request, [](auto& input, auto& encoding) { return solver::run_explain(input, encoding()); });
}

Result Engine::enumerate(const Matrix& matrix, const Request& request) {
    return impl_->run(matrix, request,
                      [](auto& input, auto& encoding) { return solver::run_enumerate(input, encoding); });
}

}  // namespace planner
