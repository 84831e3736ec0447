#pragma once
// Planning for a hardware class the matrix has no column for (blackwell: no
// compatibility matrix vLLM has published has one). Two honest stand-ins: a
// column of unknown cells, so every cell a plan relies on is a listed risk
// and a policy forbidding unknown cells refuses them; or another class's
// column, every cell marked as an assumption borrowed from it.
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

enum class MissingColumn {
    refuse,       // a UsageError naming the matrices that have the column
    all_unknown,  // every support cell of the class unknown
    borrow,       // the column of another class, as assumed cells
};

struct StandInColumn {
    Matrix matrix;                   // the matrix with the stand-in column added
    std::vector<std::string> notes;  // for the answer: what was done and what else the user can do
};

// `hardware` must be a catalog class that `matrix` lacks; `borrowed` (for
// borrow) one it has. Throws UsageError naming --hw-as otherwise.
StandInColumn add_stand_in_column(const Matrix& matrix, std::string_view hardware, MissingColumn how,
                                  std::string_view borrowed = "");

// The class a user would borrow for `hardware`: the nearest one before it in
// the catalog's order that `matrix` has (hopper for blackwell); "" if none.
std::string suggested_stand_in(const Matrix& matrix, std::string_view hardware);

}  // namespace planner
