#pragma once
// A compatibility matrix as vLLM published it: facts only, no rules. The
// validity rules live in check.hpp (Z3-free) and solver/ (Z3).
#include <map>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include <planner/cell_value.hpp>

namespace planner {

// A user's correction of a published cell for their own deployment (an
// overlay, see overlay.hpp). The cell then holds the assumed value; this keeps
// what the document said, so every answer relying on the cell can show both.
struct CellOverride {
    CellValue published = CellValue::blank;  // the value the matrix document states
    std::string reason;                      // why the user believes otherwise; may be empty
    std::string link;                        // evidence for the assumed value; may be empty
    std::string origin;                      // "--assume lora:sd=partial" or "overlay.json:7"

    friend bool operator==(const CellOverride&, const CellOverride&) = default;
};

// A cell of the Feature x Feature triangle; a = row, b = column (b earlier in document order).
struct PairCell {
    std::string a, b;
    CellValue value = CellValue::blank;
    std::vector<std::string> links;  // full URLs
    std::vector<std::string> marks;  // footnote marks, keys of Matrix::footnotes
    // Set only by an overlay; links and marks stay the published evidence.
    std::optional<CellOverride> overridden = std::nullopt;
};

// A cell of the Feature x Hardware table.
struct SupportCell {
    std::string feature, hardware;
    CellValue value = CellValue::blank;
    std::vector<std::string> links;
    std::vector<std::string> marks;
    std::optional<CellOverride> overridden = std::nullopt;  // as in PairCell
};

// One state of vLLM's published page (a commit that changed it) that a
// shipped matrix stands for: the page changed its markup more often than its
// cells, so one matrix may stand for several states.
struct PageState {
    std::string id;       // "vllm-docs-2024-11-20"; "-2" for a second state on one day
    std::string file;     // the copy of the page read ("2024-11-20-63f1fde2.rst")
    std::string commit;   // vLLM's commit, 40 hex digits
    std::string date;     // the commit's date, YYYY-MM-DD
    std::string path;     // where the page stood in vLLM's tree then
    std::string sha256;   // of the page's bytes
    std::string subject;  // the commit's subject line
    std::string release;  // the first vLLM release whose tree holds the commit ("v0.6.4"); "" unknown
    std::string release_source;  // what establishes `release`; "" when it is unknown

    friend bool operator==(const PageState&, const PageState&) = default;
};

class Matrix {
public:
    std::string id;      // e.g. "vllm-0.6"
    std::string source;  // file name of the document it was imported from
    std::string sha256;  // of the source document's bytes
    std::vector<std::string> features;  // canonical ids, document order
    std::vector<std::string> hardware;  // canonical ids, document order
    std::map<std::string, CellValue> diagonal;
    std::vector<PairCell> pairs;
    std::vector<SupportCell> support;
    std::map<std::string, std::string> footnotes;  // mark -> text
    // The names to show for ids the catalog lacks (id -> the label the
    // document printed: "gaudi" -> "Gaudi"). Ids the catalog knows are shown
    // by its names and never appear here.
    std::map<std::string, std::string> feature_names, hardware_names;
    // The states of vLLM's page this matrix stands for, oldest first; empty
    // for a matrix imported from one document. The first is `source`.
    std::vector<PageState> states;

    // Rebuild the lookup tables; call after changing the vectors above.
    void reindex();

    int feature_index(std::string_view id) const;   // -1 when absent
    int hardware_index(std::string_view id) const;  // -1 when absent
    bool has_feature(std::string_view id) const { return feature_index(id) >= 0; }
    bool has_hardware(std::string_view id) const { return hardware_index(id) >= 0; }

    // Either order of x and y; nullptr when the document has no such cell.
    const PairCell* pair(std::string_view x, std::string_view y) const;
    const SupportCell* support_cell(std::string_view feature, std::string_view hw) const;

    // A cell the document does not state counts as blank ("not stated").
    CellValue pair_value(std::string_view x, std::string_view y) const;
    CellValue support_value(std::string_view feature, std::string_view hw) const;

private:
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
    };
    using SlotMap = std::unordered_map<std::string, int, NameHash, std::equal_to<>>;
    SlotMap feature_slot_, hardware_slot_;
    std::vector<int> pair_slot_;     // features^2 -> index into pairs, -1 if none
    std::vector<int> support_slot_;  // features*hardware -> index into support, -1 if none
};

}  // namespace planner
