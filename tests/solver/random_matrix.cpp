#include "random_matrix.hpp"

#include <algorithm>

namespace randomized {

namespace {

const std::vector<std::string> feature_ids{"cp",       "apc",          "lora",       "prompt-adapter", "sd",
                                           "cuda-graph", "pooling",    "enc-dec",    "logprobs",
                                           "prompt-logprobs", "async-output", "multi-step", "mm",
                                           "best-of",  "beam-search",  "guided-decoding", "prompt-embeds"};
const std::vector<std::string> hardware_ids{"volta", "turing", "ampere", "ada",      "hopper",
                                            "cpu",   "amd",    "tpu",    "intel-gpu"};

size_t uniform(std::mt19937_64& rng, size_t low, size_t high) {
    return std::uniform_int_distribution<size_t>(low, high)(rng);
}

bool chance(std::mt19937_64& rng, double p) { return std::bernoulli_distribution(p)(rng); }

std::vector<std::string> pick(std::mt19937_64& rng, const std::vector<std::string>& from, size_t count) {
    std::vector<std::string> pool = from;
    std::shuffle(pool.begin(), pool.end(), rng);
    pool.resize(std::min(count, pool.size()));
    return pool;
}

// Each matrix draws its own mix of values, so some are dense with "no" and
// some are mostly uncertain.
struct ValueMix {
    std::discrete_distribution<int> pick;
    explicit ValueMix(std::mt19937_64& rng) {
        std::vector<double> weights;
        for (int i = 0; i < 5; ++i) weights.push_back(std::uniform_real_distribution<double>(0.05, 1.0)(rng));
        pick = std::discrete_distribution<int>(weights.begin(), weights.end());
    }
    planner::CellValue draw(std::mt19937_64& rng) {
        static const planner::CellValue values[] = {planner::CellValue::yes, planner::CellValue::no,
                                                    planner::CellValue::partial, planner::CellValue::unknown,
                                                    planner::CellValue::blank};
        return values[pick(rng)];
    }
};

// A blank cell carries no evidence (a matrix file may not give it any), but the
// draws are made all the same, so that the rest of the matrix stays as it was.
void evidence(std::mt19937_64& rng, planner::CellValue value, std::vector<std::string>& links,
              std::vector<std::string>& marks) {
    const bool linked = chance(rng, 0.2);
    const size_t issue = linked ? uniform(rng, 1, 20000) : 0;
    const bool marked = chance(rng, 0.1);
    if (value == planner::CellValue::blank) return;
    if (linked) links.push_back("https://github.com/vllm-project/vllm/issues/" + std::to_string(issue));
    if (marked) marks.push_back("*");
}

}  // namespace

planner::Matrix random_matrix(std::mt19937_64& rng, size_t min_features, size_t max_features) {
    planner::Matrix m;
    m.id = "random";
    m.features = pick(rng, feature_ids, uniform(rng, min_features, max_features));
    m.hardware = pick(rng, hardware_ids, uniform(rng, 1, 4));
    m.footnotes["*"] = "a footnote";
    ValueMix mix(rng);
    const double unstated = chance(rng, 0.3) ? 0.1 : 0.0;
    for (size_t a = 0; a < m.features.size(); ++a) {
        m.diagonal[m.features[a]] = chance(rng, 0.5) ? planner::CellValue::yes : planner::CellValue::blank;
        for (size_t b = 0; b < a; ++b) {
            if (chance(rng, unstated)) continue;
            planner::PairCell cell{m.features[a], m.features[b], mix.draw(rng), {}, {}};
            evidence(rng, cell.value, cell.links, cell.marks);
            m.pairs.push_back(cell);
        }
    }
    for (const auto& f : m.features)
        for (const auto& h : m.hardware) {
            if (chance(rng, unstated)) continue;
            planner::SupportCell cell{f, h, mix.draw(rng), {}, {}};
            evidence(rng, cell.value, cell.links, cell.marks);
            m.support.push_back(cell);
        }
    m.reindex();
    return m;
}

planner::Request random_request(std::mt19937_64& rng, const planner::Matrix& matrix) {
    planner::Request r;
    const auto& features = matrix.features;
    r.hardware = matrix.hardware[uniform(rng, 0, matrix.hardware.size() - 1)];
    std::vector<std::string> shuffled = pick(rng, features, features.size());
    size_t musts = chance(rng, 0.3) ? 0 : uniform(rng, 1, std::min<size_t>(4, features.size()));
    size_t nevers = chance(rng, 0.5) ? 0 : uniform(rng, 1, 2);
    for (size_t i = 0; i < shuffled.size(); ++i) {
        if (i < musts) r.must.push_back(shuffled[i]);
        else if (i < musts + nevers) r.never.push_back(shuffled[i]);
    }
    r.prefer = pick(rng, features, chance(rng, 0.5) ? 0 : uniform(rng, 1, 3));
    std::erase_if(r.prefer, [&](const std::string& f) {  // preferring what is --never is bad usage
        return std::find(r.never.begin(), r.never.end(), f) != r.never.end();
    });
    if (chance(rng, 0.5))
        for (const auto& f : pick(rng, features, uniform(rng, 1, features.size())))
            r.weights[f] = static_cast<int>(uniform(rng, 0, 5));
    for (const auto& f : r.never) r.weights.erase(f);  // weighing what is --never is bad usage too
    r.policy.forbid_partial = chance(rng, 0.4);
    r.policy.forbid_unknown = chance(rng, 0.4);
    for (const auto& f : features)
        if (chance(rng, 0.4)) r.have.push_back(f);
    for (const auto& f : pick(rng, features, uniform(rng, 0, 2))) {
        bool in_have = std::find(r.have.begin(), r.have.end(), f) != r.have.end();
        bool in_must = std::find(r.must.begin(), r.must.end(), f) != r.must.end();
        bool in_never = std::find(r.never.begin(), r.never.end(), f) != r.never.end();
        if ((in_have && in_never) || (!in_have && in_must)) continue;  // contradictory: bad usage
        r.keep.push_back(f);
    }
    r.allow_hardware_change = chance(rng, 0.5);
    r.hardware_cost = static_cast<int>(uniform(rng, 0, 3));
    r.limit = chance(rng, 0.7) ? 0 : uniform(rng, 1, 5);
    return r;
}

}  // namespace randomized
