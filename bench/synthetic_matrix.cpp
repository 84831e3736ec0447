#include "synthetic_matrix.hpp"

#include <cstdio>
#include <random>

namespace planner::bench {

namespace {

std::string feature_name(int i) {
    char name[16];
    std::snprintf(name, sizeof name, "f%03d", i);
    return name;
}

Matrix empty_matrix(int features, const char* id) {
    Matrix m;
    m.id = id;
    m.hardware = {"ampere", "cpu"};
    for (int i = 0; i < features; ++i) m.features.push_back(feature_name(i));
    return m;
}

// Hardware cells: on ampere nearly everything works, on cpu a fifth does not.
void add_support(Matrix& m, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    for (const auto& f : m.features) {
        m.support.push_back({f, "ampere", u(rng) < 0.03 ? CellValue::no : CellValue::yes, {}, {}});
        m.support.push_back({f, "cpu", u(rng) < 0.2 ? CellValue::no : CellValue::yes, {}, {}});
    }
}

}  // namespace

Matrix realistic_matrix(int features, uint32_t seed) {
    // vLLM's 17-feature matrix has about 30 "no" pairs (3.5 per feature) and a
    // handful of partial/unknown ones; keep those rates per feature as N grows.
    std::mt19937 rng(seed);
    Matrix m = empty_matrix(features, "synthetic-realistic");
    const double no_rate = 3.5 / (features - 1);
    const double uncertain_rate = 1.0 / (features - 1);
    std::uniform_real_distribution<double> u(0, 1);
    for (int i = 1; i < features; ++i)
        for (int j = 0; j < i; ++j) {
            double r = u(rng);
            CellValue v = r < no_rate                     ? CellValue::no
                          : r < no_rate + uncertain_rate  ? (u(rng) < 0.5 ? CellValue::partial : CellValue::unknown)
                                                          : CellValue::yes;
            m.pairs.push_back({m.features[i], m.features[j], v, {}, {}});
        }
    add_support(m, rng);
    m.reindex();
    return m;
}

Matrix dense_matrix(int features, double no_share, uint32_t seed) {
    std::mt19937 rng(seed);
    Matrix m = empty_matrix(features, "synthetic-dense");
    std::uniform_real_distribution<double> u(0, 1);
    for (int i = 1; i < features; ++i)
        for (int j = 0; j < i; ++j)
            m.pairs.push_back({m.features[i], m.features[j],
                               u(rng) < no_share ? CellValue::no : CellValue::yes, {}, {}});
    add_support(m, rng);
    m.reindex();
    return m;
}

}  // namespace planner::bench
