// --any-version: which versions allow a request, found by letting Z3 choose
// the version; then, per version, the command's own answer there. The best
// plan of an allowing version is searched in the same formula with the
// version fixed, by Engine::maximize's criteria; everything else a version
// answers (conflicts, repairs, checks) comes from the Engine on that version.
#include "solver/any_version.hpp"

#include <z3++.h>

#include <algorithm>
#include <functional>

#include "model/error.hpp"
#include "solver/deadline.hpp"
#include "solver/off_reasons.hpp"
#include "solver/resolved_request.hpp"
#include "solver/verified_plan.hpp"
#include "solver/version_encoding.hpp"

namespace planner {

namespace {

using solver::Problem;
using solver::VersionEncoding;

bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Every name the request uses must be in some version; the per-version
// request then drops the names a version lacks.
void require_known_names(const VersionEncoding& encoding, const Request& request, VersionCommand command) {
    if (encoding.hardware_index(request.hardware) < 0)
        throw UsageError("--hw: hardware '" + request.hardware + "' has no column in any of the versions");
    auto check = [&](const char* flag, const std::vector<std::string>& ids) {
        for (const std::string& id : ids)
            if (encoding.feature_index(id) < 0)
                throw UsageError(std::string(flag) + ": feature '" + id + "' has no row in any of the versions");
    };
    check("--must", request.must);
    check("--never", request.never);
    check("--prefer", request.prefer);
    check(command == VersionCommand::check ? "--have" : "--have", request.have);
    check("--keep", request.keep);
    for (const auto& [id, weight] : request.weights) check("--weight", {id});
}

Request request_for(const Matrix& matrix, const Request& request) {
    Request local = request;
    auto keep_known = [&](std::vector<std::string>& ids) {
        std::erase_if(ids, [&](const std::string& id) { return !matrix.has_feature(id); });
    };
    keep_known(local.must);
    keep_known(local.never);
    keep_known(local.prefer);
    keep_known(local.have);
    keep_known(local.keep);
    std::erase_if(local.weights, [&](const auto& item) { return !matrix.has_feature(item.first); });
    return local;
}

std::vector<std::string> lacking_names(const Matrix& matrix, const Request& request, VersionCommand command) {
    std::vector<std::string> out;
    if (!matrix.has_hardware(request.hardware)) out.push_back("hardware " + request.hardware);
    auto lacking = [&](const char* word, const std::vector<std::string>& ids) {
        for (const std::string& id : ids)
            if (!matrix.has_feature(id)) out.push_back(std::string(word) + " " + id);
    };
    if (command == VersionCommand::check)
        lacking("have", request.have);  // check asks about --have alone
    else
        lacking("must", request.must);
    if (command == VersionCommand::repair)
        for (const std::string& id : request.keep)
            if (has(request.have, id) && !matrix.has_feature(id)) out.push_back("keep " + id);
    return out;
}

// The request's hard part as facts over the union features.
z3::expr_vector hard_facts(VersionEncoding& encoding, const Request& request, VersionCommand command) {
    z3::expr_vector facts(encoding.solver().ctx());
    auto feature = [&](const std::string& id) { return encoding.feature(static_cast<size_t>(encoding.feature_index(id))); };
    const size_t hardware = static_cast<size_t>(encoding.hardware_index(request.hardware));
    // Even a repair that may switch hardware starts from a version that has the class.
    for (size_t v = 0; v < encoding.version_count(); ++v)
        if (encoding.version(v).hardware_index(request.hardware) < 0) facts.push_back(!encoding.in_version(v));
    if (!(command == VersionCommand::repair && request.allow_hardware_change))
        facts.push_back(encoding.on_hardware(hardware));
    if (command == VersionCommand::check) {
        for (size_t f = 0; f < encoding.features().size(); ++f)
            facts.push_back(has(request.have, encoding.features()[f]) ? encoding.feature(f) : !encoding.feature(f));
        return facts;
    }
    for (const std::string& id : request.must) facts.push_back(feature(id));
    for (const std::string& id : request.never) facts.push_back(!feature(id));
    if (command == VersionCommand::repair)
        for (const std::string& id : request.keep) facts.push_back(has(request.have, id) ? feature(id) : !feature(id));
    return facts;
}

// Checks under the request's time limit; Z3's "unknown" becomes TimedOut.
struct Checker {
    z3::solver& solver;
    const solver::Deadline& deadline;
    std::optional<z3::model> model = std::nullopt;

    bool check(const z3::expr_vector& assumptions) {
        if (deadline.limited()) solver.set("timeout", deadline.remaining_ms());
        switch (solver.check(assumptions)) {
        case z3::sat: model = solver.get_model(); return true;
        case z3::unsat: return false;
        case z3::unknown: break;
        }
        throw solver::TimedOut("the solver gave up: " + solver.reason_unknown());
    }
    bool check() { return check(z3::expr_vector(solver.ctx())); }
};

// The versions in which the hard part holds: Z3 picks a version, which is then
// ruled out, until none is left.
std::vector<char> allowing_versions(VersionEncoding& encoding, const z3::expr_vector& facts,
                                    const solver::Deadline& deadline) {
    std::vector<char> allows(encoding.version_count(), 0);
    z3::solver& solver = encoding.solver();
    solver.push();
    solver.add(z3::mk_and(facts));
    Checker checker{solver, deadline};
    try {
        while (checker.check()) {
            size_t v = encoding.read_version(*checker.model);
            allows[v] = 1;
            solver.add(!encoding.in_version(v));
        }
    } catch (...) {
        solver.pop();
        throw;
    }
    solver.pop();
    return allows;
}

// Engine::maximize's criteria, in the combined formula with the version fixed:
// prefer in order, total weight, fewest risks, then the tie-break (earlier
// features of the version's document order on first).
std::vector<char> best_in_version(VersionEncoding& encoding, size_t v, size_t hardware,
                                  const solver::ResolvedRequest& r, const solver::Deadline& deadline) {
    const Problem& problem = encoding.version(v);
    const size_t n = problem.feature_count();
    z3::context& context = encoding.solver().ctx();
    z3::solver& solver = encoding.solver();
    auto var = [&](size_t f) { return encoding.feature(encoding.union_feature(v, f)); };
    Checker checker{solver, deadline};
    auto local = [&] {
        std::vector<char> on(n, 0);
        for (size_t f = 0; f < n; ++f) on[f] = checker.model->eval(var(f), true).is_true();
        return on;
    };
    auto fix_greedily = [&](const std::vector<int>& order) {
        for (int f : order) {
            if (local()[f]) {
                solver.add(var(f));
                continue;
            }
            z3::expr_vector assume(context);
            assume.push_back(var(f));
            solver.add(checker.check(assume) ? var(f) : !var(f));
        }
    };
    auto minimize = [&](const z3::expr_vector& terms, const std::vector<int>& weights) {
        if (terms.empty()) return;
        auto value = [&] {
            long long sum = 0;
            for (unsigned i = 0; i < terms.size(); ++i)
                if (checker.model->eval(terms[i], true).is_true()) sum += weights[i];
            return sum;
        };
        long long current = value();
        while (current > 0) {
            z3::expr guard = z3::expr(context, Z3_mk_fresh_const(context, "bound", context.bool_sort()));
            solver.add(z3::implies(guard, z3::pble(terms, weights.data(), static_cast<int>(current - 1))));
            z3::expr_vector assume(context);
            assume.push_back(guard);
            if (!checker.check(assume)) break;
            current = value();
        }
        solver.add(z3::pble(terms, weights.data(), static_cast<int>(current)));
    };

    solver.push();
    try {
        solver.add(encoding.in_version(v));
        solver.add(encoding.on_hardware(hardware));
        for (int f : r.must) solver.add(var(f));
        for (int f : r.never) solver.add(!var(f));
        if (!checker.check()) throw solver::RecheckFailed("internal error: an allowing version has no plan");
        fix_greedily(r.prefer);
        z3::expr_vector off(context);
        std::vector<int> weights;
        for (size_t f = 0; f < n; ++f)
            if (r.weight[f] > 0) {
                off.push_back(!var(f));
                weights.push_back(static_cast<int>(r.weight[f]));
            }
        minimize(off, weights);
        z3::expr_vector risks = encoding.risk_terms(v, hardware);
        minimize(risks, std::vector<int>(risks.size(), 1));
        std::vector<int> document_order(n);
        for (size_t f = 0; f < n; ++f) document_order[f] = static_cast<int>(f);
        fix_greedily(document_order);
    } catch (...) {
        solver.pop();
        throw;
    }
    std::vector<char> on = local();
    solver.pop();
    return on;
}

Result maximize_in_version(VersionEncoding& encoding, size_t v, const Matrix& matrix, const Request& local,
                           const solver::Deadline& deadline) {
    const Problem& problem = encoding.version(v);
    solver::ResolvedRequest r = solver::resolve_request(problem, local);
    const size_t hardware = static_cast<size_t>(encoding.hardware_index(local.hardware));
    std::vector<char> on = best_in_version(encoding, v, hardware, r, deadline);
    Result result;
    result.status = Status::ok;
    result.plan = solver::verified_plan(matrix, problem, on, static_cast<size_t>(r.hardware), {&r.must, &r.never});
    result.off = solver::off_reasons(matrix, problem, r, on, static_cast<size_t>(r.hardware));
    return result;
}

// A blocked version: a conflict without cells per lacking name, then the
// conflicts among the names it has.
Result blocked_result(Engine& engine, const Matrix& matrix, const Request& local,
                      const std::vector<std::string>& lacking, VersionCommand command) {
    Result result;
    result.status = command == VersionCommand::check ? Status::invalid : Status::infeasible;
    result.plan.hardware = local.hardware;
    if (matrix.has_hardware(local.hardware)) {
        if (command == VersionCommand::check) {
            result = engine.check(matrix, local);
            if (result.status == Status::ok) result.status = Status::invalid;  // a lacking name breaks it
            return result;
        }
        result = command == VersionCommand::repair ? engine.repair(matrix, local) : engine.explain(matrix, local);
        if (result.status == Status::ok) result.status = Status::infeasible;  // lacking names block it
    }
    std::vector<Conflict> conflicts;
    for (const std::string& name : lacking) conflicts.push_back({{name}, {}});
    conflicts.insert(conflicts.end(), result.conflicts.begin(), result.conflicts.end());
    result.conflicts = std::move(conflicts);
    return result;
}

Result allowed_result(Engine& engine, VersionEncoding& encoding, size_t v, const Matrix& matrix,
                      const Request& local, VersionCommand command, const solver::Deadline& deadline) {
    switch (command) {
    case VersionCommand::maximize: return maximize_in_version(encoding, v, matrix, local, deadline);
    case VersionCommand::repair: return engine.repair(matrix, local);
    case VersionCommand::check: return engine.check(matrix, local);
    case VersionCommand::explain: return engine.explain(matrix, local);
    }
    return {};
}

bool agrees(bool allows, const Result& result) {
    if (result.status == Status::timeout || result.status == Status::error) return true;  // nothing to compare
    return allows == (result.status == Status::ok);
}

}  // namespace

AnyVersionResult run_any_version(const std::vector<Matrix>& versions, const Request& request,
                                 VersionCommand command) {
    if (versions.empty()) throw UsageError("--any-version: no matrix versions to compare");
    std::vector<Problem> problems;
    for (const Matrix& matrix : versions) problems.emplace_back(matrix, request.policy);
    z3::context context;
    VersionEncoding encoding(context, problems);
    require_known_names(encoding, request, command);
    solver::Deadline deadline(request.timeout_ms);

    AnyVersionResult out;
    Engine engine;
    try {
        std::vector<char> allows = allowing_versions(encoding, hard_facts(encoding, request, command), deadline);
        bool timed_out = false;
        for (size_t v = 0; v < versions.size(); ++v) {
            const Matrix& matrix = versions[v];
            VersionAnswer answer;
            answer.version = matrix.id;
            answer.allows = allows[v];
            answer.lacking = lacking_names(matrix, request, command);
            Request local = request_for(matrix, request);
            Request timed = local;
            if (deadline.limited()) timed.timeout_ms = std::max(1u, deadline.remaining_ms());
            answer.result = answer.allows ? allowed_result(engine, encoding, v, matrix, timed, command, deadline)
                                          : blocked_result(engine, matrix, timed, answer.lacking, command);
            if (answer.result.status == Status::error) {
                out.status = Status::error;
                out.message = matrix.id + ": " + answer.result.message;
                return out;
            }
            if (!answer.lacking.empty() && answer.allows)
                throw solver::RecheckFailed("internal error: version " + matrix.id + " lacks " + answer.lacking.front() +
                                            " yet allows the request");
            if (answer.lacking.empty() && !agrees(answer.allows, answer.result))
                throw solver::RecheckFailed("internal error: the combined formula and the engine disagree on " +
                                            matrix.id);
            timed_out = timed_out || answer.result.status == Status::timeout;
            if (answer.allows) out.allowing.push_back(matrix.id);
            out.versions.push_back(std::move(answer));
        }
        const bool any = !out.allowing.empty();
        out.status = timed_out && !any ? Status::timeout
                     : any            ? Status::ok
                     : command == VersionCommand::check ? Status::invalid
                                                        : Status::infeasible;
    } catch (const solver::TimedOut& timeout) {
        out.status = Status::timeout;
        out.message = timeout.what();
    } catch (const solver::RecheckFailed& failure) {
        out.status = Status::error;
        out.message = failure.what();
    } catch (const z3::exception& failure) {
        out.status = Status::error;
        out.message = std::string("internal error: z3: ") + failure.msg();
    }
    return out;
}

}  // namespace planner
