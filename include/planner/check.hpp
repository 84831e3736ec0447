#pragma once
// Is a configuration valid under a matrix? The rules without any solver: used by
// `planner check` and to re-verify every plan the solver returns.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

// What a plan may rely on. Blank cells are always allowed and never a risk.
struct Policy {
    bool forbid_partial = false;
    bool forbid_unknown = false;

    bool forbids(CellValue value) const {
        return value == CellValue::no || (value == CellValue::partial && forbid_partial) ||
               (value == CellValue::unknown && forbid_unknown);
    }
};

// One cell a plan relies on or breaks, with its evidence.
struct CellRef {
    enum class Kind { pair, support };
    Kind kind = Kind::pair;
    std::string row;     // pair: row feature; support: feature
    std::string column;  // pair: column feature; support: hardware
    CellValue value = CellValue::blank;
    std::vector<std::string> links;
    std::vector<std::string> marks;
    // Set when an overlay replaced the published value: value is the assumed
    // one, and answers relying on the cell must say so (with the reason).
    std::optional<CellOverride> overridden = std::nullopt;

    friend bool operator==(const CellRef&, const CellRef&) = default;
};

CellRef cell_ref(const PairCell& cell);
CellRef cell_ref(const SupportCell& cell);
// The cell between two features (either order), or on hardware; a blank
// reference when the document does not state it.
CellRef pair_ref(const Matrix& matrix, std::string_view x, std::string_view y);
CellRef support_ref(const Matrix& matrix, std::string_view feature, std::string_view hardware);

struct CheckResult {
    bool valid = true;
    std::vector<CellRef> violations;  // every cell the configuration breaks
    std::vector<CellRef> risks;       // uncertain cells it relies on (allowed by the policy)
};

// Features are canonical ids of the matrix; throws UsageError for an id or a
// hardware class that the matrix lacks. Cells come out in document order:
// hardware cells by feature, then pairs by row and column.
CheckResult check_configuration(const Matrix& matrix, std::string_view hardware,
                                const std::vector<std::string>& features, const Policy& policy);

}  // namespace planner
