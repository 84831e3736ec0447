#include <planner/diff.hpp>

#include <set>
#include <utility>

namespace planner {

namespace {

// Cells are matched by content, not by position, so a pair is keyed by its
// two features in a fixed order whichever way round a document prints it.
using CellKey = std::pair<std::string, std::string>;

CellKey pair_key(const std::string& x, const std::string& y) {
    return x < y ? CellKey{x, y} : CellKey{y, x};
}

struct Side {
    CellValue value = CellValue::blank;
    const std::vector<std::string>* links = nullptr;
    const std::vector<std::string>* marks = nullptr;
};

template <class Cell>
Side side_of(const Cell* cell) {
    static const std::vector<std::string> none;
    if (!cell) return {CellValue::blank, &none, &none};
    return {cell->value, &cell->links, &cell->marks};
}

void record(MatrixDiff& diff, CellChange::Kind kind, std::string row, std::string column,
            const Side& old_side, const Side& new_side) {
    bool value_changed = old_side.value != new_side.value;
    bool evidence_changed = *old_side.links != *new_side.links || *old_side.marks != *new_side.marks;
    if (!value_changed && !evidence_changed) return;
    CellChange change{kind,           std::move(row),   std::move(column), old_side.value,
                      new_side.value, *old_side.links,  *new_side.links,   *old_side.marks,
                      *new_side.marks};
    (value_changed ? diff.value_changes : diff.evidence_changes).push_back(std::move(change));
}

// Row = the feature that comes later in b, as b's lower triangle prints it.
std::pair<std::string, std::string> oriented_in(const Matrix& b, const std::string& x,
                                                const std::string& y) {
    if (b.feature_index(x) > b.feature_index(y)) return {x, y};
    return {y, x};
}

void diff_pairs(const Matrix& a, const Matrix& b, MatrixDiff& diff) {
    std::set<CellKey> seen;
    for (const PairCell& listed : b.pairs) {
        if (listed.a == listed.b || !a.has_feature(listed.a) || !a.has_feature(listed.b)) continue;
        if (!seen.insert(pair_key(listed.a, listed.b)).second) continue;
        const PairCell* cell = b.pair(listed.a, listed.b);  // the cell b's lookups answer with
        if (!cell) continue;
        record(diff, CellChange::Kind::pair, cell->a, cell->b, side_of(a.pair(cell->a, cell->b)),
               side_of(cell));
    }
    for (const PairCell& cell : a.pairs) {
        if (cell.a == cell.b || !b.has_feature(cell.a) || !b.has_feature(cell.b)) continue;
        if (!seen.insert(pair_key(cell.a, cell.b)).second) continue;
        const PairCell* current = a.pair(cell.a, cell.b);
        if (!current) continue;
        auto [row, column] = oriented_in(b, cell.a, cell.b);
        record(diff, CellChange::Kind::pair, row, column, side_of(current),
               side_of<PairCell>(nullptr));
    }
}

void diff_support(const Matrix& a, const Matrix& b, MatrixDiff& diff) {
    std::set<CellKey> seen;
    for (const SupportCell& listed : b.support) {
        if (!a.has_feature(listed.feature) || !a.has_hardware(listed.hardware)) continue;
        if (!seen.insert({listed.feature, listed.hardware}).second) continue;
        const SupportCell* cell = b.support_cell(listed.feature, listed.hardware);
        if (!cell) continue;
        record(diff, CellChange::Kind::support, cell->feature, cell->hardware,
               side_of(a.support_cell(cell->feature, cell->hardware)), side_of(cell));
    }
    for (const SupportCell& cell : a.support) {
        if (!b.has_feature(cell.feature) || !b.has_hardware(cell.hardware)) continue;
        if (!seen.insert({cell.feature, cell.hardware}).second) continue;
        const SupportCell* current = a.support_cell(cell.feature, cell.hardware);
        if (!current) continue;
        record(diff, CellChange::Kind::support, cell.feature, cell.hardware, side_of(current),
               side_of<SupportCell>(nullptr));
    }
}

CellValue diagonal_value(const Matrix& m, const std::string& feature) {
    auto it = m.diagonal.find(feature);
    return it == m.diagonal.end() ? CellValue::blank : it->second;
}

std::vector<std::string> missing_from(const std::vector<std::string>& ids, const Matrix& other,
                                      bool hardware) {
    std::vector<std::string> out;
    for (const auto& id : ids)
        if (hardware ? !other.has_hardware(id) : !other.has_feature(id)) out.push_back(id);
    return out;
}

}  // namespace

MatrixDiff diff_matrices(const Matrix& a, const Matrix& b) {
    MatrixDiff diff;
    diff.old_id = a.id;
    diff.new_id = b.id;
    diff.features_added = missing_from(b.features, a, false);
    diff.features_removed = missing_from(a.features, b, false);
    diff.hardware_added = missing_from(b.hardware, a, true);
    diff.hardware_removed = missing_from(a.hardware, b, true);

    diff_pairs(a, b, diff);
    diff_support(a, b, diff);

    for (const auto& feature : b.features) {
        if (!a.has_feature(feature)) continue;
        CellValue old_value = diagonal_value(a, feature), new_value = diagonal_value(b, feature);
        if (old_value != new_value) diff.diagonal_changes.push_back({feature, old_value, new_value});
    }

    std::set<std::string> marks;
    for (const auto& [mark, text] : a.footnotes) marks.insert(mark);
    for (const auto& [mark, text] : b.footnotes) marks.insert(mark);
    for (const auto& mark : marks) {
        auto old_it = a.footnotes.find(mark), new_it = b.footnotes.find(mark);
        std::optional<std::string> old_text, new_text;
        if (old_it != a.footnotes.end()) old_text = old_it->second;
        if (new_it != b.footnotes.end()) new_text = new_it->second;
        if (old_text != new_text) diff.footnote_changes.push_back({mark, old_text, new_text});
    }
    return diff;
}

}  // namespace planner
