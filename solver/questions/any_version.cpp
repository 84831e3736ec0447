// --any-version: which versions allow a request, found by letting Z3 choose
// the version; then, per version, the command's own answer there. The best
// plan of an allowing version is searched in the same formula with the
// version fixed, by Engine::maximize's criteria; everything else a version
// answers (conflicts, repairs, checks) comes from the Engine on that version.
#include "solver/questions/any_version.hpp"

#include <z3++.h>

#include <algorithm>
#include <functional>
#include <optional>

#include <planner/error.hpp>
#include <planner/rules.hpp>

#include "model/facts/removed_features.hpp"
#include "solver/deadline.hpp"
#include "solver/resolved_request.hpp"
#include "solver/search/criteria.hpp"
#include "solver/search/off_reasons.hpp"
#include "solver/search/verified_plan.hpp"
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
void require_known_names(const VersionEncoding& encoding, const Request& request) {
    if (encoding.hardware_index(request.hardware) < 0)
        throw RequestError("hardware",
                           "{hardware}: hardware '" + request.hardware + "' has no column in any of the versions");
    auto check = [&](const char* field, const std::vector<std::string>& ids) {
        for (const std::string& id : ids)
            if (encoding.feature_index(id) < 0)
                throw RequestError(field, "{" + std::string(field) + "}: feature '" + id +
                                              "' has no row in any of the versions");
    };
    check("must", request.must);
    check("never", request.never);
    check("prefer", request.prefer);
    check("have", request.have);
    check("keep", request.keep);
    for (const auto& [id, weight] : request.weights) check("weights", {id});
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

std::vector<Requirement> lacking_names(const Matrix& matrix, const Request& request, Question command) {
    using Kind = Requirement::Kind;
    std::vector<Requirement> out;
    if (!matrix.has_hardware(request.hardware)) out.push_back({Kind::hardware, request.hardware});
    auto lacking = [&](Kind kind, const std::vector<std::string>& ids) {
        for (const std::string& id : ids)
            if (!matrix.has_feature(id)) out.push_back({kind, id});
    };
    if (command == Question::check)
        lacking(Kind::have, request.have);  // check asks about --have alone
    else
        lacking(Kind::must, request.must);
    if (command == Question::repair)
        for (const std::string& id : request.keep)
            if (has(request.have, id) && !matrix.has_feature(id)) out.push_back({Kind::keep, id});
    return out;
}

// The request's hard part as facts over the union features.
z3::expr_vector hard_facts(VersionEncoding& encoding, const Request& request, Question command) {
    z3::expr_vector facts(encoding.solver().ctx());
    auto feature = [&](const std::string& id) { return encoding.feature(static_cast<size_t>(encoding.feature_index(id))); };
    const size_t hardware = static_cast<size_t>(encoding.hardware_index(request.hardware));
    // Even a repair that may switch hardware starts from a version that has the class.
    for (size_t v = 0; v < encoding.version_count(); ++v)
        if (encoding.version(v).hardware_index(request.hardware) < 0) facts.push_back(!encoding.in_version(v));
    if (!(command == Question::repair && request.allow_hardware_change))
        facts.push_back(encoding.on_hardware(hardware));
    if (command == Question::check) {
        for (size_t f = 0; f < encoding.features().size(); ++f)
            facts.push_back(has(request.have, encoding.features()[f]) ? encoding.feature(f) : !encoding.feature(f));
        return facts;
    }
    for (const std::string& id : request.must) facts.push_back(feature(id));
    for (const std::string& id : request.never) facts.push_back(!feature(id));
    if (command == Question::repair)
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
// ruled out, until none is left (1 allows, 0 refused). When the time limit
// runs out first, the versions not yet picked are undecided (-1).
std::vector<int> allowing_versions(VersionEncoding& encoding, const z3::expr_vector& facts,
                                   const solver::Deadline& deadline, std::string& timeout_message) {
    std::vector<int> allows(encoding.version_count(), 0);
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
    } catch (const solver::TimedOut& timeout) {
        timeout_message = timeout.what();
        for (int& a : allows)
            if (a == 0) a = -1;
    } catch (...) {
        solver.pop();
        throw;
    }
    solver.pop();
    return allows;
}

// The rows of a table solved in the combined formula with one version fixed.
class VersionSteps : public solver::CriterionSteps {
public:
    VersionSteps(z3::solver& solver, Checker& checker) : solver_(solver), checker_(checker) {}

    void require(const solver::Criterion&, const z3::expr_vector& terms) override {
        for (const z3::expr& term : terms) solver_.add(term);
    }
    void fix_greedily(const solver::Criterion&, const z3::expr_vector& terms) override {
        for (const z3::expr& term : terms) {
            if (holds(term)) {
                solver_.add(term);
                continue;
            }
            z3::expr_vector assume(solver_.ctx());
            assume.push_back(term);
            solver_.add(checker_.check(assume) ? term : !term);
        }
    }
    void minimize(const solver::Criterion&, const z3::expr_vector& terms, const std::vector<int>& weights) override {
        if (terms.empty()) return;
        z3::context& context = solver_.ctx();
        auto value = [&] {
            long long sum = 0;
            for (unsigned i = 0; i < terms.size(); ++i)
                if (holds(terms[i])) sum += weights[i];
            return sum;
        };
        long long current = value();
        while (current > 0) {
            z3::expr guard = z3::expr(context, Z3_mk_fresh_const(context, "bound", context.bool_sort()));
            solver_.add(z3::implies(guard, z3::pble(terms, weights.data(), static_cast<int>(current - 1))));
            z3::expr_vector assume(context);
            assume.push_back(guard);
            if (!checker_.check(assume)) break;
            current = value();
        }
        solver_.add(z3::pble(terms, weights.data(), static_cast<int>(current)));
    }

    // The combined formula holds cells only; with rules each version is asked
    // on its own (any_version_with_rules), so no table here has this row.
    void fix_variables(const solver::Criterion&) override {
        throw solver::RecheckFailed("internal error: declared variables in the combined formula");
    }

private:
    bool holds(const z3::expr& term) { return checker_.model->eval(term, true).is_true(); }

    z3::solver& solver_;
    Checker& checker_;
};

// Engine::maximize's criteria (solver::maximize_criteria), in the combined
// formula with the version fixed: the version's own features, hardware
// classes and risk terms stand for the table's.
std::vector<char> best_in_version(VersionEncoding& encoding, size_t v, const solver::ResolvedRequest& r,
                                  const solver::Deadline& deadline) {
    const Problem& problem = encoding.version(v);
    const size_t n = problem.feature_count();
    z3::solver& solver = encoding.solver();
    auto var = [&](size_t f) { return encoding.feature(encoding.union_feature(v, f)); };
    auto union_hardware = [&](size_t h) {
        return static_cast<size_t>(encoding.hardware_index(problem.hardware()[h]));
    };
    const solver::CriterionVariables variables{
        &solver.ctx(), var, [&](size_t h) { return encoding.on_hardware(union_hardware(h)); },
        [&](std::optional<size_t> h) { return encoding.risk_terms(v, union_hardware(*h)); }};
    const solver::Criteria criteria =
        solver::maximize_criteria(problem, r, r.must, static_cast<size_t>(r.hardware));
    Checker checker{solver, deadline};
    VersionSteps steps(solver, checker);

    solver.push();
    std::vector<char> on(n, 0);
    try {
        solver.add(encoding.in_version(v));
        bool checked = false;
        for (const solver::Criterion& row : criteria) {
            if (row.kind != solver::Criterion::Kind::hard && !checked) {
                if (!checker.check()) throw solver::RecheckFailed("internal error: an allowing version has no plan");
                checked = true;
            }
            solver::solve_criterion(steps, row, variables);
        }
        if (!checked && !checker.check()) throw solver::RecheckFailed("internal error: an allowing version has no plan");
        for (size_t f = 0; f < n; ++f) on[f] = checker.model->eval(var(f), true).is_true();
    } catch (...) {
        solver.pop();
        throw;
    }
    solver.pop();
    return on;
}

Result maximize_in_version(VersionEncoding& encoding, size_t v, const Matrix& matrix, const Request& local,
                           const solver::Deadline& deadline) {
    const Problem& problem = encoding.version(v);
    solver::ResolvedRequest r = solver::resolve_request(problem, local);
    std::vector<char> on = best_in_version(encoding, v, r, deadline);
    Result result;
    result.status = Status::ok;
    result.plan = solver::verified_plan(matrix, problem, on, static_cast<size_t>(r.hardware), {&r.must, &r.never});
    result.off = solver::off_reasons(matrix, problem, r, on, static_cast<size_t>(r.hardware));
    return result;
}

// A blocked version: a conflict without cells per lacking name, then the
// conflicts among the names it has.
Result blocked_result(Engine& engine, const Matrix& matrix, const Request& local,
                      const std::vector<Requirement>& lacking, Question command) {
    Result result;
    result.status = command == Question::check ? Status::invalid : Status::infeasible;
    result.plan.hardware = local.hardware;
    if (matrix.has_hardware(local.hardware)) {
        if (command == Question::check) {
            result = engine.check(matrix, local);
            if (result.status == Status::ok) result.status = Status::invalid;  // a lacking name breaks it
            return result;
        }
        result = command == Question::repair ? engine.repair(matrix, local) : engine.explain(matrix, local);
        if (result.status == Status::ok) result.status = Status::infeasible;  // lacking names block it
    }
    std::vector<Conflict> conflicts;
    for (const Requirement& name : lacking) conflicts.push_back({{name}, {}, {}});
    conflicts.insert(conflicts.end(), result.conflicts.begin(), result.conflicts.end());
    result.conflicts = std::move(conflicts);
    return result;
}

Result allowed_result(Engine& engine, VersionEncoding& encoding, size_t v, const Matrix& matrix,
                      const Request& local, Question command, const solver::Deadline& deadline) {
    // The best plan is searched in the combined formula; every other answer
    // is the engine's on that version.
    if (command == Question::maximize) return maximize_in_version(encoding, v, matrix, local, deadline);
    return engine.ask(command, matrix, local);
}

bool agrees(bool allows, const Result& result) {
    if (result.status == Status::timeout || result.status == Status::error) return true;  // nothing to compare
    return allows == (result.status == Status::ok);
}

// With rules files each version is asked on its own: the combined formula
// holds cells only, and a rule's names are resolved against each version
// (a rule naming a feature a version lacks refuses that version alone, with
// the reason; rules that no version can read are the request's error).
AnyVersionResult any_version_with_rules(Engine& engine, const std::vector<Matrix>& versions,
                                        const Request& request, Question command) {
    AnyVersionResult out;
    solver::Deadline deadline(request.timeout_ms);
    std::optional<InputError> first_refusal;
    for (const Matrix& matrix : versions) {
        VersionAnswer answer;
        answer.version = matrix.id;
        answer.lacking = lacking_names(matrix, request, command);
        Request local = request_for(matrix, request);
        if (deadline.limited()) local.timeout_ms = std::max(1u, deadline.remaining_ms());
        try {
            resolve_rules(matrix, local.rules, local.set);
        } catch (const InputError& refusal) {
            if (!first_refusal) first_refusal = refusal;
            answer.rules_refusal = refusal.what();
            answer.result.status = command == Question::check ? Status::invalid : Status::infeasible;
            answer.result.plan.hardware = request.hardware;
            out.versions.push_back(std::move(answer));
            continue;
        }
        answer.result = answer.lacking.empty() ? engine.ask(command, matrix, local)
                                               : blocked_result(engine, matrix, local, answer.lacking, command);
        if (answer.result.status == Status::error) {
            out.status = Status::error;
            out.message = matrix.id + ": " + answer.result.message;
            return out;
        }
        answer.decided = answer.result.status != Status::timeout;
        answer.allows = answer.lacking.empty() && answer.result.status == Status::ok;
        if (!answer.decided) out.undecided.push_back(matrix.id);
        if (answer.allows) out.allowing.push_back(matrix.id);
        out.versions.push_back(std::move(answer));
    }
    const bool all_refused = std::all_of(out.versions.begin(), out.versions.end(),
                                         [](const VersionAnswer& a) { return !a.rules_refusal.empty(); });
    if (first_refusal && all_refused) throw *first_refusal;
    out.status = !out.allowing.empty()        ? Status::ok
                 : !out.undecided.empty()     ? Status::timeout
                 : command == Question::check ? Status::invalid
                                              : Status::infeasible;
    return out;
}

}  // namespace

AnyVersionResult run_any_version(z3::context& context, Engine& engine, const std::vector<Matrix>& versions,
                                 const Request& request, Question command) {
    if (versions.empty()) throw UsageError("--any-version: no matrix versions to compare");
    if (!info(command).across_versions)
        throw UsageError(std::string(to_string(command)) + " is not answered across versions");
    // A version on which vLLM removed a feature carries that as a rule.
    const bool removals = std::any_of(versions.begin(), versions.end(),
                                      [](const Matrix& matrix) { return removals_apply(matrix); });
    if (!request.rules.empty() || !request.set.empty() || removals)
        return any_version_with_rules(engine, versions, request, command);
    std::vector<Problem> problems;
    for (const Matrix& matrix : versions) problems.emplace_back(matrix, request.policy);
    VersionEncoding encoding(context, problems);
    require_known_names(encoding, request);
    solver::Deadline deadline(request.timeout_ms);

    AnyVersionResult out;
    try {
        std::string timeout_message;
        std::vector<int> allows =
            allowing_versions(encoding, hard_facts(encoding, request, command), deadline, timeout_message);
        for (size_t v = 0; v < versions.size(); ++v) {
            const Matrix& matrix = versions[v];
            VersionAnswer answer;
            answer.version = matrix.id;
            answer.lacking = lacking_names(matrix, request, command);
            // A lacking name refuses the version whatever the solver had time for.
            if (allows[v] < 0 && !answer.lacking.empty()) allows[v] = 0;
            answer.allows = allows[v] == 1;
            answer.decided = allows[v] >= 0;
            if (!answer.decided) {
                answer.result.status = Status::timeout;
                answer.result.message = "not decided before the time limit: " + timeout_message;
                answer.result.plan.hardware = request.hardware;
                out.undecided.push_back(matrix.id);
                out.versions.push_back(std::move(answer));
                continue;
            }
            Request local = request_for(matrix, request);
            Request timed = local;
            try {
                if (deadline.limited()) timed.timeout_ms = std::max(1u, deadline.remaining_ms());
                answer.result = answer.allows
                                    ? allowed_result(engine, encoding, v, matrix, timed, command, deadline)
                                    : blocked_result(engine, matrix, timed, answer.lacking, command);
            } catch (const solver::TimedOut& timeout) {
                // Decided, but its plan or conflicts did not fit in the time limit.
                answer.result = Result{};
                answer.result.status = Status::timeout;
                answer.result.message = timeout.what();
                answer.result.plan.hardware = request.hardware;
            }
            if (answer.result.status == Status::error) {
                out.status = Status::error;
                out.message = matrix.id + ": " + answer.result.message;
                return out;
            }
            if (!answer.lacking.empty() && answer.allows)
                throw solver::RecheckFailed("internal error: version " + matrix.id + " lacks " +
                                            to_string(answer.lacking.front()) + " yet allows the request");
            if (answer.lacking.empty() && !agrees(answer.allows, answer.result))
                throw solver::RecheckFailed("internal error: the combined formula and the engine disagree on " +
                                            matrix.id);
            if (answer.allows) out.allowing.push_back(matrix.id);
            out.versions.push_back(std::move(answer));
        }
        const bool any = !out.allowing.empty();
        if (!out.undecided.empty()) out.message = timeout_message;
        // Undecided versions may allow it: "none allows it" is never said then.
        out.status = any                        ? Status::ok
                     : !out.undecided.empty()   ? Status::timeout
                     : command == Question::check ? Status::invalid
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
