#include <planner/matrix.hpp>

#include <algorithm>

namespace planner {

namespace {
// Before reindex() the slot table is empty and a linear scan still answers.
template <class SlotMap>
int index_in(const SlotMap& slots, const std::vector<std::string>& ids, std::string_view id) {
    if (slots.size() == ids.size()) {
        auto it = slots.find(id);
        return it == slots.end() ? -1 : it->second;
    }
    auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}
}  // namespace

int Matrix::feature_index(std::string_view id) const { return index_in(feature_slot_, features, id); }
int Matrix::hardware_index(std::string_view id) const { return index_in(hardware_slot_, hardware, id); }

void Matrix::reindex() {
    const size_t n = features.size();
    feature_slot_.clear();
    hardware_slot_.clear();
    for (size_t i = 0; i < n; ++i) feature_slot_.emplace(features[i], static_cast<int>(i));
    for (size_t i = 0; i < hardware.size(); ++i) hardware_slot_.emplace(hardware[i], static_cast<int>(i));
    pair_slot_.assign(n * n, -1);
    support_slot_.assign(n * hardware.size(), -1);
    for (size_t k = 0; k < pairs.size(); ++k) {
        int i = feature_index(pairs[k].a), j = feature_index(pairs[k].b);
        if (i < 0 || j < 0) continue;
        pair_slot_[i * n + j] = pair_slot_[j * n + i] = static_cast<int>(k);
    }
    for (size_t k = 0; k < support.size(); ++k) {
        int f = feature_index(support[k].feature), h = hardware_index(support[k].hardware);
        if (f < 0 || h < 0) continue;
        support_slot_[f * hardware.size() + h] = static_cast<int>(k);
    }
}

const PairCell* Matrix::pair(std::string_view x, std::string_view y) const {
    int i = feature_index(x), j = feature_index(y);
    if (i < 0 || j < 0 || pair_slot_.size() != features.size() * features.size()) return nullptr;
    int slot = pair_slot_[i * features.size() + j];
    return slot < 0 ? nullptr : &pairs[slot];
}

const SupportCell* Matrix::support_cell(std::string_view feature, std::string_view hw) const {
    int f = feature_index(feature), h = hardware_index(hw);
    if (f < 0 || h < 0 || support_slot_.size() != features.size() * hardware.size()) return nullptr;
    int slot = support_slot_[f * hardware.size() + h];
    return slot < 0 ? nullptr : &support[slot];
}

CellValue Matrix::pair_value(std::string_view x, std::string_view y) const {
    const PairCell* cell = pair(x, y);
    return cell ? cell->value : CellValue::blank;
}

CellValue Matrix::support_value(std::string_view feature, std::string_view hw) const {
    const SupportCell* cell = support_cell(feature, hw);
    return cell ? cell->value : CellValue::blank;
}

}  // namespace planner
