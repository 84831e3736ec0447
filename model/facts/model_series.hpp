#pragma once
// Which generation a model number belongs to, by NVIDIA's naming of its
// series (the catalog's "model_series" rows), for names the catalog does not
// list. The first digit alone misleads: Quadro RTX 5000 is Turing, not the
// Blackwell of the RTX 50 series; RTX 2000 Ada is Ada, not the Turing of the
// RTX 20 series.
#include <string_view>
#include <vector>

#include <planner/catalog.hpp>

namespace planner {

// The first of `series` that a normalized hardware name ("rtx5000",
// "rtx2000ada") matches; nullptr when none does. The rows are tried in order,
// so a more specific one must come before a wider one.
const ModelSeries* model_series_of(const std::vector<ModelSeries>& series, std::string_view normalized);

}  // namespace planner
