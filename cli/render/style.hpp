#pragma once
// How text output looks: cell symbols, matrix labels, terminal widths and
// colours. Colours never in JSON; otherwise as --color says: always, never,
// or (auto, the default) when stdout is a terminal, NO_COLOR is unset or
// empty (https://no-color.org) and TERM is not "dumb".
#include <string>
#include <string_view>

#include <planner/cell_value.hpp>
#include <planner/matrix.hpp>

namespace planner::cli {

// --color: set once per command line, before anything is printed.
enum class ColourMode { automatic, always, never };
void set_colour_mode(ColourMode mode);

class Style {
public:
    explicit Style(bool colour) : colour_(colour) {}
    // Colour for stdout: never for JSON, else as the colour mode says.
    static Style for_stdout(bool json);

    std::string bold(std::string_view text) const { return wrap("1", text); }
    std::string dim(std::string_view text) const { return wrap("2", text); }
    std::string good(std::string_view text) const { return wrap("32", text); }
    std::string bad(std::string_view text) const { return wrap("31", text); }
    std::string warn(std::string_view text) const { return wrap("33", text); }
    bool colour() const { return colour_; }

private:
    std::string wrap(std::string_view code, std::string_view text) const;
    bool colour_;
};

// The symbol a matrix document uses: ✅ ❌ 🟠 ❔, blank as "".
std::string_view cell_symbol(CellValue value);
// "❌ no", "🟠 partial", "blank".
std::string cell_value_text(CellValue value);

// The label the matrix documents print ("LoRA", "prmpt adptr", "Ampere"), so
// that a user can find the cell by eye; for an id the catalog lacks, the name
// the matrix gives it ("KV offload", "Gaudi"); else the id.
std::string feature_label(std::string_view id, const Matrix& matrix);
std::string hardware_label(std::string_view id, const Matrix& matrix);

// Columns the text takes in a terminal: emoji such as ✅❌🟠❔ take two,
// combining marks and variation selectors none. Escape sequences count zero.
size_t display_width(std::string_view utf8);
// `text` followed by spaces up to `width` columns.
std::string pad_right(std::string_view text, size_t width);
std::string pad_left(std::string_view text, size_t width);

}  // namespace planner::cli
