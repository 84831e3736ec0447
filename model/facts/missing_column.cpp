#include <planner/missing_column.hpp>

#include <planner/catalog.hpp>
#include <planner/error.hpp>
#include <planner/library.hpp>
#include "model/io/strings.hpp"

namespace planner {

namespace {

// Which tables know the class, for the note: the catalog always; the
// shipped matrices that have a column, or that none does.
std::string who_knows(const CatalogEntry& entry) {
    std::vector<std::string> products;
    for (const Product& product : Catalog::builtin().products())
        if (product.hardware == entry.id) products.push_back(product.id);
    const std::vector<std::string> matrices = matrices_with_hardware(entry.id);
    std::string out = entry.no_published_column
                          ? "no compatibility matrix vLLM has published has a " + entry.id + " column"
                          : "this matrix has no " + entry.id + " column";
    out += matrices.empty() ? "; no shipped matrix has one either" : "; shipped matrices that do: " + join(matrices);
    if (!products.empty()) out += "; the hardware catalog knows its products (" + join(products) + ")";
    return out;
}

}  // namespace

std::string suggested_stand_in(const Matrix& matrix, std::string_view hardware) {
    const auto& classes = Catalog::builtin().hardware();
    std::string best;
    for (const CatalogEntry& entry : classes) {
        if (entry.id == hardware) return best;
        if (matrix.has_hardware(entry.id)) best = entry.id;
    }
    return "";
}

StandInColumn add_stand_in_column(const Matrix& matrix, std::string_view hardware, MissingColumn how,
                                  std::string_view borrowed) {
    const CatalogEntry* entry = Catalog::builtin().find_hardware(hardware);
    if (!entry || entry->id != hardware)
        throw RequestError("hardware", "{hardware}: '" + std::string(hardware) + "' is not a hardware class id");
    if (matrix.has_hardware(hardware))
        throw RequestError("hardware_as", "{hardware_as}: matrix " + matrix.id + " has its own column for " +
                                              std::string(hardware) +
                         "; nothing to stand in for");
    if (how == MissingColumn::borrow && !matrix.has_hardware(borrowed))
        throw RequestError("hardware_as", "{hardware_as}: '" + std::string(borrowed) + "' has no column in matrix " +
                                              matrix.id +
                         " to borrow (its columns: " + join(matrix.hardware) + ")");

    StandInColumn out{matrix, {}};
    out.matrix.hardware.push_back(entry->id);
    const std::string origin = "--hw-as " + std::string(borrowed);
    for (const std::string& feature : matrix.features) {
        SupportCell cell;
        cell.feature = feature;
        cell.hardware = entry->id;
        cell.value = CellValue::unknown;
        if (how == MissingColumn::borrow) {
            const SupportCell* model = matrix.support_cell(feature, borrowed);
            if (!model) continue;  // not stated there either: blank, nothing borrowed
            cell.value = model->value;
            cell.links = model->links;
            cell.marks = model->marks;
            cell.overridden = CellOverride{CellValue::blank,
                                           "borrowed from the " + std::string(borrowed) + " column", "", origin};
        }
        out.matrix.support.push_back(std::move(cell));
    }
    out.matrix.reindex();

    const std::string stand_in = suggested_stand_in(matrix, entry->id);
    if (how == MissingColumn::borrow) {
        out.notes.push_back(who_knows(*entry) + ", so this plan borrows the " + std::string(borrowed) +
                            " column (" + origin + "): every " + entry->id + " cell it relies on is " +
                            std::string(borrowed) + "'s, listed as assumed");
    } else {
        out.notes.push_back(who_knows(*entry) + ", so every " + entry->id +
                            " cell counts as unknown: each one this plan relies on is a risk, and --strict "
                            "(or --forbid-unknown) refuses them all" +
                            (stand_in.empty() ? std::string() : "; --hw-as " + stand_in + " borrows the " +
                                                                    stand_in + " column instead"));
    }
    return out;
}

}  // namespace planner
