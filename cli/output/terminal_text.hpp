#pragma once
// A matrix file is someone else's text: its id, source, footnotes, links and
// labels may carry ESC sequences that retitle, clear or reprogram the
// terminal showing the answer. Everything the planner prints on stdout and
// stderr passes a filter that writes each control character (C0 but newline
// and tab, DEL, C1, and bytes that are not UTF-8) in the visible form
// \u001b. That form is also JSON's own escape for the same character, so a
// JSON answer stays the same JSON document; the filter only lets through
// the planner's own colour codes (Style), and only on a colour terminal.
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace planner::cli {

// `text` as the filter prints it: what a terminal shows instead of obeying.
std::string escape_terminal_controls(std::string_view text, bool allow_style_codes = false);

// While alive, every byte written to `stream` is filtered on its way to the
// stream's previous buffer, which is put back (flushed) on destruction.
class TerminalSafeStream {
public:
    TerminalSafeStream(std::ostream& stream, bool allow_style_codes);
    TerminalSafeStream(const TerminalSafeStream&) = delete;
    TerminalSafeStream& operator=(const TerminalSafeStream&) = delete;
    ~TerminalSafeStream();

    // The errno of the first write that failed on the way out; 0: none did.
    int write_error() const;

private:
    class Filter;
    std::ostream& stream_;
    std::streambuf* original_;
    std::unique_ptr<Filter> filter_;
};

}  // namespace planner::cli
