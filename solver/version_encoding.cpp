#include "solver/version_encoding.hpp"

#include <algorithm>

namespace planner::solver {

namespace {

z3::sort enumeration(z3::context& context, const char* sort_name, const std::string& prefix,
                     const std::vector<std::string>& ids, std::vector<z3::expr>& values) {
    std::vector<std::string> names;
    for (const std::string& id : ids) names.push_back(prefix + id);
    std::vector<const char*> pointers;
    for (const std::string& name : names) pointers.push_back(name.c_str());
    z3::func_decl_vector constructors(context), testers(context);
    z3::sort sort = context.enumeration_sort(sort_name, static_cast<unsigned>(pointers.size()), pointers.data(),
                                             constructors, testers);
    for (unsigned i = 0; i < constructors.size(); ++i) values.push_back(constructors[i]());
    return sort;
}

void add_unique(std::vector<std::string>& out, const std::vector<std::string>& ids) {
    for (const std::string& id : ids)
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

std::vector<std::string> union_of(const std::vector<Problem>& versions, bool hardware) {
    std::vector<std::string> out;
    for (const Problem& p : versions) add_unique(out, hardware ? p.hardware() : p.features());
    return out;
}

std::vector<std::string> version_names(const std::vector<Problem>& versions) {
    std::vector<std::string> out;
    for (size_t v = 0; v < versions.size(); ++v) out.push_back(std::to_string(v));
    return out;
}

}  // namespace

VersionEncoding::VersionEncoding(z3::context& context, const std::vector<Problem>& versions)
    : context_(context),
      versions_(versions),
      features_(union_of(versions, false)),
      hardware_(union_of(versions, true)),
      version_sort_(enumeration(context, "Version", "version:", version_names(versions), version_values_)),
      hardware_sort_(enumeration(context, "AnyHardware", "hw:", hardware_, hardware_values_)),
      version_var_(context.constant("version", version_sort_)),
      hardware_var_(context.constant("hardware", hardware_sort_)),
      solver_(context, z3::solver::simple()) {
    for (const std::string& id : features_) feature_vars_.push_back(context.bool_const(id.c_str()));
    for (size_t v = 0; v < versions_.size(); ++v) {
        const Problem& p = versions_[v];
        std::vector<size_t> local;
        for (const std::string& id : p.features()) local.push_back(static_cast<size_t>(feature_index(id)));
        local_to_union_.push_back(local);

        z3::expr_vector rules(context_);
        for (size_t f = 0; f < features_.size(); ++f)
            if (p.feature_index(features_[f]) < 0) rules.push_back(!feature_vars_[f]);
        for (size_t h = 0; h < hardware_.size(); ++h)
            if (p.hardware_index(hardware_[h]) < 0) rules.push_back(!on_hardware(h));
        for (size_t f = 0; f < p.feature_count(); ++f)
            for (size_t h = 0; h < p.hardware_count(); ++h)
                if (p.support_forbidden(f, h))
                    rules.push_back(!on_hardware(static_cast<size_t>(hardware_index(p.hardware()[h]))) ||
                                    !feature_vars_[local[f]]);
        for (size_t a = 0; a < p.feature_count(); ++a)
            for (size_t b = 0; b < a; ++b)
                if (p.pair_forbidden(a, b)) rules.push_back(!feature_vars_[local[a]] || !feature_vars_[local[b]]);
        if (!rules.empty()) solver_.add(z3::implies(in_version(v), z3::mk_and(rules)));
    }
    z3::params params(context_);
    params.set("ctrl_c", false);
    solver_.set(params);
}

int VersionEncoding::feature_index(const std::string& id) const {
    auto it = std::find(features_.begin(), features_.end(), id);
    return it == features_.end() ? -1 : static_cast<int>(it - features_.begin());
}

int VersionEncoding::hardware_index(const std::string& id) const {
    auto it = std::find(hardware_.begin(), hardware_.end(), id);
    return it == hardware_.end() ? -1 : static_cast<int>(it - hardware_.begin());
}

z3::expr_vector VersionEncoding::risk_terms(size_t v, size_t h) {
    const Problem& p = versions_[v];
    z3::expr_vector terms(context_);
    int local_h = p.hardware_index(hardware_[h]);
    for (size_t f = 0; f < p.feature_count(); ++f)
        if (local_h >= 0 && p.support_risky(f, static_cast<size_t>(local_h)))
            terms.push_back(feature_vars_[local_to_union_[v][f]]);
    for (size_t a = 0; a < p.feature_count(); ++a)
        for (size_t b = 0; b < a; ++b)
            if (p.pair_risky(a, b))
                terms.push_back(feature_vars_[local_to_union_[v][a]] && feature_vars_[local_to_union_[v][b]]);
    return terms;
}

size_t VersionEncoding::read_version(const z3::model& model) const {
    z3::expr value = model.eval(version_var_, true);
    for (size_t v = 0; v < version_values_.size(); ++v)
        if (z3::eq(value, version_values_[v])) return v;
    return 0;
}

std::vector<char> VersionEncoding::read_features(const z3::model& model) const {
    std::vector<char> on(features_.size(), 0);
    for (size_t f = 0; f < features_.size(); ++f) on[f] = model.eval(feature_vars_[f], true).is_true();
    return on;
}

}  // namespace planner::solver
