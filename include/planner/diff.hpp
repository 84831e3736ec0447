#pragma once
// What changed between two published matrices: the facts `planner diff A B`
// prints. Cells are matched by their features (a pair in either order), so a
// feature that moved in the document does not show up as a change.
#include <optional>
#include <string>
#include <vector>

#include <planner/matrix.hpp>

namespace planner {

// One cell present (or implied blank) in both matrices whose content differs.
// Only cells whose features and hardware class exist in both matrices are
// compared; the cells of an added or removed feature or hardware class are
// summed up by the added/removed lists instead of being listed one by one.
struct CellChange {
    enum class Kind { pair, support };
    Kind kind = Kind::pair;
    std::string row;     // pair: row feature as matrix b prints it; support: feature
    std::string column;  // pair: column feature; support: hardware
    CellValue old_value = CellValue::blank, new_value = CellValue::blank;
    std::vector<std::string> old_links, new_links;
    std::vector<std::string> old_marks, new_marks;

    friend bool operator==(const CellChange&, const CellChange&) = default;
};

struct DiagonalChange {
    std::string feature;
    CellValue old_value = CellValue::blank, new_value = CellValue::blank;

    friend bool operator==(const DiagonalChange&, const DiagonalChange&) = default;
};

// A footnote that appeared, disappeared or was reworded; absent text = no such footnote.
struct FootnoteChange {
    std::string mark;
    std::optional<std::string> old_text, new_text;

    friend bool operator==(const FootnoteChange&, const FootnoteChange&) = default;
};

struct MatrixDiff {
    std::string old_id, new_id;  // a.id, b.id
    std::vector<std::string> features_added, features_removed;  // b's order; a's order
    std::vector<std::string> hardware_added, hardware_removed;
    // Pairs first, then hardware cells; within each, b's document order, then
    // the cells only a states (b leaves them blank) in a's document order.
    std::vector<CellChange> value_changes;
    // Same value, other links or marks: the evidence moved (a PR merged, an issue renumbered).
    std::vector<CellChange> evidence_changes;
    // The diagonal carries no constraint, but a reader comparing tables sees it change.
    std::vector<DiagonalChange> diagonal_changes;  // b's feature order
    std::vector<FootnoteChange> footnote_changes;  // by mark

    bool empty() const {
        return features_added.empty() && features_removed.empty() && hardware_added.empty() &&
               hardware_removed.empty() && value_changes.empty() && evidence_changes.empty() &&
               diagonal_changes.empty() && footnote_changes.empty();
    }
};

// a = the old matrix, b = the new one. Both must be reindexed.
MatrixDiff diff_matrices(const Matrix& a, const Matrix& b);

}  // namespace planner
