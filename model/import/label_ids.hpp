#pragma once
// The id of each row and column label of a matrix document: the catalog's id
// when the catalog knows the label, otherwise a new id made from the label
// (label_slug.hpp), so that a document with a new feature row or a new
// hardware column (Gaudi, Neuron, a vendor's NPU) imports without a code
// change. Each new label is said once, with file:line; `strict` refuses it
// instead. Two labels are never merged into one id in silence: a new id that
// another label of the document, or the catalog, already has is refused with
// both places named.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <planner/catalog.hpp>

#include "model/import/label.hpp"
#include "model/import/text.hpp"

namespace planner::importing {

// Where a label stands, as notes and errors name it.
enum class LabelRole { feature_column, feature_row, hardware_column };

class LabelIds {
public:
    // Notes on new labels go to `notes`, in the order the document first uses them.
    LabelIds(const Document& doc, const Catalog& catalog, bool strict, std::vector<std::string>& notes);

    // `where` ("the Feature x Feature header") is for the error about a label
    // without letters or digits; `raw_text` is the cell as written.
    std::string id_of(const Label& label, std::string_view raw_text, LabelRole role, int line, const char* where);

    // New ids and the labels they were made from, for Matrix::feature_names
    // and Matrix::hardware_names.
    const std::map<std::string, std::string>& new_feature_names() const { return new_names_[0]; }
    const std::map<std::string, std::string>& new_hardware_names() const { return new_names_[1]; }

private:
    struct FirstUse {
        std::string compared;  // the label as the catalog compares names (normalize_name)
        std::string shown;     // as printed
        LabelRole role;
        int line;
    };
    const Document& doc_;
    const Catalog& catalog_;
    bool strict_;
    std::map<std::string, FirstUse> first_use_[2];  // [feature, hardware]: new id -> its label
    std::map<std::string, std::string> new_names_[2];
    std::vector<std::string>& notes_;  // one per new label
};

}  // namespace planner::importing
