#include "solver/search/criteria.hpp"

#include "solver/query.hpp"

namespace planner::solver {

namespace {

using Literal = CriterionLiteral;

Literal feature_literal(size_t f, bool on) { return {Literal::Of::feature, f, on}; }
Literal hardware_literal(size_t h, bool is) { return {Literal::Of::hardware, h, is}; }

Criterion tie_break(size_t feature_count) {
    Criterion row{Criterion::Kind::in_order, "tie-break: earlier features in matrix order", {}, {}, {}};
    for (size_t f = 0; f < feature_count; ++f) row.literals.push_back(feature_literal(f, true));
    return row;
}

Criterion fewest_risks(std::optional<size_t> hardware) {
    return {Criterion::Kind::fewest_risks, "fewest risks", {}, {}, hardware};
}

void add_variables_row(const Problem& problem, Criteria& criteria) {
    if (problem.rules().variables.empty()) return;
    criteria.push_back({Criterion::Kind::variables_at_defaults, std::string(variables_criterion_name), {}, {}, {}});
}

}  // namespace

Criteria maximize_criteria(const Problem& problem, const ResolvedRequest& request, const std::vector<int>& must,
                           size_t hardware) {
    const size_t n = problem.feature_count();
    Criteria out;
    Criterion hard{Criterion::Kind::hard, "must/never (hard)", {hardware_literal(hardware, true)}, {}, {}};
    for (int f : must) hard.literals.push_back(feature_literal(static_cast<size_t>(f), true));
    for (int f : request.never) hard.literals.push_back(feature_literal(static_cast<size_t>(f), false));
    out.push_back(std::move(hard));
    if (!request.prefer.empty()) {
        Criterion prefer{Criterion::Kind::in_order, "prefer: ", {}, {}, {}};
        for (size_t i = 0; i < request.prefer.size(); ++i) {
            const size_t f = static_cast<size_t>(request.prefer[i]);
            prefer.name += (i == 0 ? "" : " > ") + problem.features()[f];
            prefer.literals.push_back(feature_literal(f, true));
        }
        out.push_back(std::move(prefer));
    }
    // The weight left off, as small as can be: the weight on, as large.
    Criterion weight{Criterion::Kind::smallest_sum, "total weight", {}, {}, {}};
    for (size_t f = 0; f < n; ++f)
        if (request.weight[f] > 0) {
            weight.literals.push_back(feature_literal(f, false));
            weight.weights.push_back(static_cast<int>(request.weight[f]));
        }
    out.push_back(std::move(weight));
    out.push_back(fewest_risks(hardware));
    out.push_back(tie_break(n));
    add_variables_row(problem, out);
    return out;
}

Criteria repair_criteria(const Problem& problem, const ResolvedRequest& request) {
    const size_t n = problem.feature_count();
    const auto requested = static_cast<size_t>(request.hardware);
    Criteria out;
    Criterion hard{Criterion::Kind::hard, "must/never/keep (hard)", {}, {}, {}};
    if (!request.allow_hardware_change) hard.literals.push_back(hardware_literal(requested, true));
    for (size_t f = 0; f < n; ++f) {
        if (request.is_must[f]) hard.literals.push_back(feature_literal(f, true));
        else if (request.is_never[f]) hard.literals.push_back(feature_literal(f, false));
        else if (request.keep[f]) hard.literals.push_back(feature_literal(f, request.have[f]));
    }
    out.push_back(std::move(hard));
    // A changed feature is the literal that differs from --have.
    Criterion weighted{Criterion::Kind::smallest_sum, "smallest change (weighted)", {}, {}, {}};
    for (size_t f = 0; f < n; ++f) {
        weighted.literals.push_back(feature_literal(f, !request.have[f]));
        weighted.weights.push_back(static_cast<int>(request.weight[f]));
    }
    if (request.allow_hardware_change) {
        weighted.literals.push_back(hardware_literal(requested, false));
        weighted.weights.push_back(static_cast<int>(request.hardware_cost));
    }
    Criterion count{Criterion::Kind::smallest_sum, "fewest changes", weighted.literals,
                    std::vector<int>(weighted.literals.size(), 1), {}};
    out.push_back(std::move(weighted));
    out.push_back(std::move(count));
    out.push_back(fewest_risks(request.allow_hardware_change ? std::nullopt : std::optional<size_t>(requested)));
    out.push_back(tie_break(n));
    if (request.allow_hardware_change) {
        Criterion order{Criterion::Kind::in_order, "hardware: the requested one, then matrix order",
                        {hardware_literal(requested, true)}, {}, {}};
        for (size_t h = 0; h < problem.hardware_count(); ++h)
            if (h != requested) order.literals.push_back(hardware_literal(h, true));
        out.push_back(std::move(order));
    }
    add_variables_row(problem, out);
    return out;
}

Criteria enumerate_criteria(const Problem& problem, const ResolvedRequest& request) {
    const size_t n = problem.feature_count();
    Criteria out;
    Criterion hard{Criterion::Kind::hard, "must/never (hard)",
                   {hardware_literal(static_cast<size_t>(request.hardware), true)}, {}, {}};
    for (int f : request.must) hard.literals.push_back(feature_literal(static_cast<size_t>(f), true));
    for (int f : request.never) hard.literals.push_back(feature_literal(static_cast<size_t>(f), false));
    out.push_back(std::move(hard));
    Criterion size{Criterion::Kind::smallest_sum, "most features", {}, std::vector<int>(n, 1), {}};
    for (size_t f = 0; f < n; ++f) size.literals.push_back(feature_literal(f, false));
    out.push_back(std::move(size));
    out.push_back(tie_break(n));
    return out;
}

std::vector<std::string> criterion_names(const Criteria& criteria) {
    std::vector<std::string> out;
    for (const Criterion& row : criteria) out.push_back(row.name);
    return out;
}

long long risk_count(const Problem& problem, const Assignment& a) {
    long long count = 0;
    for (size_t f = 0; f < a.on.size(); ++f) {
        if (!a.on[f]) continue;
        if (problem.support_risky(f, static_cast<size_t>(a.hardware))) ++count;
        for (size_t g = 0; g < f; ++g)
            if (a.on[g] && problem.pair_risky(f, g)) ++count;
    }
    return count;
}

std::vector<long long> criterion_value(const Problem& problem, const Criterion& criterion, const Assignment& a) {
    switch (criterion.kind) {
    case Criterion::Kind::hard: {
        long long failing = 0;
        for (const Literal& literal : criterion.literals) failing += literal.in(a) ? 0 : 1;
        return {failing};
    }
    case Criterion::Kind::in_order: {
        std::vector<long long> out;
        for (const Literal& literal : criterion.literals) out.push_back(literal.in(a) ? 0 : 1);
        return out;
    }
    case Criterion::Kind::smallest_sum: {
        long long sum = 0;
        for (size_t i = 0; i < criterion.literals.size(); ++i)
            if (criterion.literals[i].in(a)) sum += criterion.weights[i];
        return {sum};
    }
    case Criterion::Kind::fewest_risks:
        return {risk_count(problem, a)};
    case Criterion::Kind::variables_at_defaults: {
        std::vector<long long> out;
        const std::vector<Variable>& variables = problem.rules().variables;
        for (size_t v = 0; v < variables.size(); ++v) {
            // An assignment without values (none read back) has every variable at its default.
            const long long value = v < a.values.size() ? a.values[v] : variables[v].default_value;
            const bool at_default = value == variables[v].default_value;
            out.push_back(at_default ? 0 : 1);
            out.push_back(at_default ? 0 : value);
        }
        return out;
    }
    }
    return {};
}

std::vector<long long> criteria_value(const Problem& problem, const Criteria& criteria, const Assignment& a,
                                      size_t first) {
    std::vector<long long> out;
    for (size_t i = first; i < criteria.size(); ++i) {
        std::vector<long long> value = criterion_value(problem, criteria[i], a);
        out.insert(out.end(), value.begin(), value.end());
    }
    return out;
}

CriterionVariables CriterionVariables::of(Encoding& encoding) {
    return {&encoding.context(), [&encoding](size_t f) { return encoding.feature(f); },
            [&encoding](size_t h) { return encoding.on_hardware(h); },
            [&encoding](std::optional<size_t> h) { return encoding.risk_terms(h); }};
}

z3::expr_vector criterion_terms(const Criterion& criterion, const CriterionVariables& variables) {
    if (criterion.kind == Criterion::Kind::fewest_risks) return variables.risk_terms(criterion.risk_hardware);
    // The variables row has no terms of its own: the steps fix the variables.
    z3::expr_vector out(*variables.context);
    for (const Literal& literal : criterion.literals) {
        z3::expr term = literal.of == Literal::Of::feature ? variables.feature(literal.index)
                                                            : variables.on_hardware(literal.index);
        out.push_back(literal.holds ? term : !term);
    }
    return out;
}

void solve_criterion(CriterionSteps& steps, const Criterion& criterion, const CriterionVariables& variables) {
    const z3::expr_vector terms = criterion_terms(criterion, variables);
    switch (criterion.kind) {
    case Criterion::Kind::hard: steps.require(criterion, terms); return;
    case Criterion::Kind::in_order: steps.fix_greedily(criterion, terms); return;
    case Criterion::Kind::smallest_sum: steps.minimize(criterion, terms, criterion.weights); return;
    case Criterion::Kind::fewest_risks: steps.minimize(criterion, terms, std::vector<int>(terms.size(), 1)); return;
    case Criterion::Kind::variables_at_defaults: steps.fix_variables(criterion); return;
    }
}

namespace {

bool all_of_kind(const Criterion& criterion, Literal::Of of) {
    for (const Literal& literal : criterion.literals)
        if (literal.of != of || !literal.holds) return false;
    return true;
}

std::vector<int> indices(const Criterion& criterion) {
    std::vector<int> out;
    for (const Literal& literal : criterion.literals) out.push_back(static_cast<int>(literal.index));
    return out;
}

}  // namespace

void solve_criterion(Query& query, const Criterion& criterion) {
    Encoding& encoding = query.encoding();
    const Problem& problem = encoding.problem();
    auto value = [&](const Assignment& a) { return criterion_value(problem, criterion, a).front(); };
    switch (criterion.kind) {
    case Criterion::Kind::hard:
        for (const Literal& literal : criterion.literals) {
            if (literal.of == Literal::Of::feature) query.require_feature(literal.index, literal.holds);
            else if (literal.holds) query.require_hardware(literal.index);
            else query.require(!encoding.on_hardware(literal.index));
        }
        return;
    case Criterion::Kind::in_order:
        if (all_of_kind(criterion, Literal::Of::feature)) {
            query.fix_features_greedily(indices(criterion));
        } else if (all_of_kind(criterion, Literal::Of::hardware)) {
            query.fix_hardware_greedily(indices(criterion));
        } else {
            const z3::expr_vector terms = criterion_terms(criterion, CriterionVariables::of(encoding));
            for (unsigned i = 0; i < terms.size(); ++i) {
                const bool holds = criterion.literals[i].in(query.best()) || query.check({terms[i]});
                query.require(holds ? terms[i] : !terms[i]);
            }
        }
        return;
    case Criterion::Kind::smallest_sum:
        query.minimize(criterion_terms(criterion, CriterionVariables::of(encoding)), criterion.weights, value);
        return;
    case Criterion::Kind::fewest_risks: {
        z3::expr_vector risks = encoding.risk_terms(criterion.risk_hardware);
        query.minimize(risks, std::vector<int>(risks.size(), 1), value);
        return;
    }
    case Criterion::Kind::variables_at_defaults:
        query.fix_variables();
        return;
    }
}

}  // namespace planner::solver
