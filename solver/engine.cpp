#include <planner/engine.hpp>
#include <planner/error.hpp>

#include <z3++.h>

#include <list>
#include <optional>

#include "solver/encoding.hpp"
#include "solver/questions/any_version.hpp"
#include "solver/questions/questions.hpp"
#include "solver/search/verified_plan.hpp"

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
    // Declared in the order they are made, so that they are destroyed in the
    // reverse: encodings and sorts before the context that holds their terms.
    std::unique_ptr<z3::context> context;
    std::unique_ptr<solver::HardwareSorts> hardware_sorts;
    // Most recently used first. Encodings are keyed by content, not by the
    // Matrix's address: a caller may build a new matrix at the same address.
    std::list<std::unique_ptr<Encoding>> encodings;
    static constexpr size_t cache_size = 8;
    size_t encodings_made = 0;  // in the current context
    static constexpr size_t encodings_per_context = 256;
    // While across_versions holds a formula in the context, the context must
    // not be started again under it.
    int context_holders = 0;

    z3::context& z3_context() {
        if (!context) {
            context = std::make_unique<z3::context>();
            hardware_sorts = std::make_unique<solver::HardwareSorts>(*context);
        }
        return *context;
    }

    Encoding& encoding_for(const Problem& problem) {
        for (auto it = encodings.begin(); it != encodings.end(); ++it) {
            if ((*it)->problem().same_constraints(problem)) {
                encodings.splice(encodings.begin(), encodings, it);
                return *encodings.front();
            }
        }
        // A context keeps every sort it declared, and 1.5 to 5 KiB of each
        // encoding made in it after the encoding is gone (measured with
        // Z3_get_estimated_alloc_size over batches of distinct what-if
        // questions). Past either bound, start again: a new context costs
        // milliseconds, against a batch stream that grew without end.
        if (context_holders == 0 && hardware_sorts &&
            (hardware_sorts->full() || encodings_made >= encodings_per_context)) {
            encodings_made = 0;
            encodings.clear();
            hardware_sorts.reset();
            context.reset();
        }
        z3_context();
        const solver::HardwareSort& sort = hardware_sorts->sort_for(problem.hardware());
        encodings.push_front(std::make_unique<Encoding>(*context, problem, sort));
        ++encodings_made;
        if (encodings.size() > cache_size) encodings.pop_back();
        return *encodings.front();
    }

    template <typename Command>
    Result run(const Matrix& given, const Request& request, Command command) {
        const auto started = solver::Deadline::Clock::now();
        // A class without a column gets a stand-in one only when asked; the
        // notes saying so travel with every answer.
        std::optional<StandInColumn> stand_in;
        if (request.missing_column != MissingColumn::refuse && !request.hardware.empty() &&
            !given.has_hardware(request.hardware))
            stand_in = add_stand_in_column(given, request.hardware, request.missing_column, request.hardware_as);
        const Matrix& matrix = stand_in ? stand_in->matrix : given;
        Result result = answer(matrix, request, started, command);
        if (stand_in) result.notes.insert(result.notes.begin(), stand_in->notes.begin(), stand_in->notes.end());
        return result;
    }

    template <typename Command>
    Result answer(const Matrix& matrix, const Request& request, solver::Deadline::Clock::time_point started,
                  Command command) {
        Problem problem(matrix, request.policy, resolve_rules(matrix, request.rules, request.set));
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

AnyVersionResult Engine::across_versions(const std::vector<Matrix>& versions, const Request& request,
                                         Question question) {
    z3::context& context = impl_->z3_context();
    struct Hold {
        int& holders;
        explicit Hold(int& count) : holders(count) { ++holders; }
        ~Hold() { --holders; }
    } hold(impl_->context_holders);
    return run_any_version(context, *this, versions, request, question);
}

Result Engine::ask(Question question, const Matrix& matrix, const Request& request) {
    switch (question) {
    case Question::maximize: return maximize(matrix, request);
    case Question::repair: return repair(matrix, request);
    case Question::check: return check(matrix, request);
    case Question::explain: return explain(matrix, request);
    case Question::enumerate: return enumerate(matrix, request);
    }
    throw UsageError("unknown question " + std::to_string(static_cast<int>(question)));
}

}  // namespace planner
