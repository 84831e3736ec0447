#include <planner/check.hpp>

#include <algorithm>

#include <planner/error.hpp>
#include <planner/rules.hpp>

namespace planner {

CellRef cell_ref(const PairCell& cell) {
    return {CellRef::Kind::pair, cell.a, cell.b, cell.value, cell.links, cell.marks, cell.overridden};
}

CellRef cell_ref(const SupportCell& cell) {
    return {CellRef::Kind::support, cell.feature, cell.hardware, cell.value, cell.links, cell.marks,
            cell.overridden};
}

CellRef pair_ref(const Matrix& matrix, std::string_view x, std::string_view y) {
    if (const PairCell* cell = matrix.pair(x, y)) return cell_ref(*cell);
    // Unstated: name it as the document would, row = the later feature.
    bool x_first = matrix.feature_index(x) < matrix.feature_index(y);
    return {CellRef::Kind::pair, std::string(x_first ? y : x), std::string(x_first ? x : y),
            CellValue::blank, {}, {}};
}

CellRef support_ref(const Matrix& matrix, std::string_view feature, std::string_view hardware) {
    if (const SupportCell* cell = matrix.support_cell(feature, hardware)) return cell_ref(*cell);
    return {CellRef::Kind::support, std::string(feature), std::string(hardware), CellValue::blank, {}, {}};
}

CheckResult check_configuration(const Matrix& matrix, std::string_view hardware,
                                const std::vector<std::string>& features, const Policy& policy) {
    if (!matrix.has_hardware(hardware))
        throw UsageError("hardware '" + std::string(hardware) + "' has no column in matrix " + matrix.id);
    std::vector<int> enabled;
    for (const auto& feature : features) {
        int index = matrix.feature_index(feature);
        if (index < 0)
            throw UsageError("feature '" + feature + "' is not in matrix " + matrix.id);
        enabled.push_back(index);
    }
    std::sort(enabled.begin(), enabled.end());
    enabled.erase(std::unique(enabled.begin(), enabled.end()), enabled.end());

    CheckResult result;
    auto judge = [&](CellRef ref) {
        if (policy.forbids(ref.value)) {
            result.valid = false;
            result.violations.push_back(std::move(ref));
        } else if (is_uncertain(ref.value)) {
            result.risks.push_back(std::move(ref));
        }
    };
    for (int f : enabled) judge(support_ref(matrix, matrix.features[f], hardware));
    // Row-major over the lower triangle: the row is the later feature.
    for (size_t i = 0; i < enabled.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            judge(pair_ref(matrix, matrix.features[enabled[i]], matrix.features[enabled[j]]));
    return result;
}

}  // namespace planner

namespace planner {

RuleCheck judge_with_rules(const Matrix& matrix, const RuleSet& rules, std::string_view hardware,
                           const std::vector<std::string>& features, const std::vector<long long>& values,
                           const Policy& policy) {
    RuleCheck out;
    out.cells = check_configuration(matrix, hardware, features, policy);
    if (values.size() != rules.variables.size())
        throw UsageError("a configuration needs a value for each of the " + std::to_string(rules.variables.size()) +
                         " declared variables");
    Configuration configuration;
    configuration.on.assign(matrix.features.size(), 0);
    for (const std::string& feature : features) configuration.on[static_cast<size_t>(matrix.feature_index(feature))] = 1;
    configuration.hardware = matrix.hardware_index(hardware);
    configuration.values = values;
    for (size_t f = 0; f < matrix.features.size(); ++f)
        if (configuration.on[f]) out.features.push_back(matrix.features[f]);
    out.values = values;
    // A forbidden cell stops counting where a permit lifts it; the answer
    // then cites both the cell and the permit.
    std::vector<CellRef> violations;
    for (CellRef& cell : out.cells.violations) {
        const int row = matrix.feature_index(cell.row);
        const bool pair = cell.kind == CellRef::Kind::pair;
        const int column = pair ? matrix.feature_index(cell.column) : matrix.hardware_index(cell.column);
        const ResolvedRule* permit = pair ? lifting_permit(rules, cell.kind, std::max(row, column),
                                                           std::min(row, column), -1, configuration)
                                          : lifting_permit(rules, cell.kind, row, -1, column, configuration);
        if (!permit) {
            violations.push_back(std::move(cell));
            continue;
        }
        RuleRef ref = rule_ref(permit->rule);
        ref.cell = std::move(cell);
        out.permits.push_back(std::move(ref));
    }
    out.cells.violations = std::move(violations);
    out.cells.valid = out.cells.violations.empty();

    for (const ResolvedRule& rule : rules.rules) {
        if (rule.rule.kind == RuleKind::error && breaks(rule, configuration)) out.broken.push_back(rule_ref(rule.rule));
        if (rule.rule.kind == RuleKind::override_setting && applies(rule, configuration)) {
            out.overrides.push_back(rule_ref(rule.rule));
            if (breaks(rule, configuration)) out.overridden.push_back(rule_ref(rule.rule));
        }
    }
    return out;
}

RuleCheck check_with_rules(const Matrix& matrix, const RuleSet& rules, std::string_view hardware,
                           const std::vector<std::string>& features, const std::vector<long long>& values,
                           const Policy& policy) {
    check_configuration(matrix, hardware, features, policy);  // the names, before they are indices
    if (values.size() != rules.variables.size())
        throw UsageError("a configuration needs a value for each of the " + std::to_string(rules.variables.size()) +
                         " declared variables");
    Configuration given;
    given.on.assign(matrix.features.size(), 0);
    for (const std::string& feature : features) given.on[static_cast<size_t>(matrix.feature_index(feature))] = 1;
    given.hardware = matrix.hardware_index(hardware);
    given.values = values;
    std::vector<size_t> applied;
    const Configuration run = run_configuration(rules, given, &applied);
    std::vector<std::string> run_features;
    for (size_t f = 0; f < matrix.features.size(); ++f)
        if (run.on[f]) run_features.push_back(matrix.features[f]);
    RuleCheck out = judge_with_rules(matrix, rules, hardware, run_features, run.values, policy);
    out.note = override_note(matrix.features, rules, given, run, applied);
    return out;
}

}  // namespace planner
