#pragma once
// Which generation a model number belongs to, by NVIDIA's naming of its
// series, for names the catalog does not list. The first digit alone misleads:
// Quadro RTX 5000 is Turing, not the Blackwell of the RTX 50 series; RTX 2000
// Ada is Ada, not the Turing of the RTX 20 series.
#include <string_view>

namespace planner {

struct ModelSeries {
    std::string_view letters;     // the normalized name's leading letters: "rtx", "gtx", "rtxa"
    std::string_view digits;      // the digits that follow, '#' for any one: "20##", "#000"
    std::string_view suffix;      // what follows the digits: "" none, "*" anything, else exactly that
    std::string_view hardware;    // the catalog class; "" for a generation no class covers
    std::string_view generation;  // "Turing", "Pascal": said in the suggestion
    std::string_view source;      // where the series' compute capability is listed
};

// The series of a normalized hardware name ("rtx5000", "rtx2000ada"); nullptr
// when no row of the table matches.
const ModelSeries* model_series_of(std::string_view normalized);

}  // namespace planner
