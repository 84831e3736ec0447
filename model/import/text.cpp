#include "model/import/text.hpp"

#include <algorithm>

#include <planner/error.hpp>

#include "model/io/input_excerpt.hpp"

namespace planner::importing {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.emplace_back(line);
        start = end + 1;
    }
    // A final newline ends the last line; it does not open another one.
    if (!lines.empty() && lines.back().empty() && !text.empty() && text.back() == '\n')
        lines.pop_back();
    return lines;
}

Document::Document(std::string file_name, std::string_view text) : file(std::move(file_name)) {
    text_.reserve(text.size() + 1);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        text_.append(line).push_back('\n');
        start = end + 1;
    }
    index_lines();
}

Document::Document(std::string file_name, const std::vector<std::string>& lines) : file(std::move(file_name)) {
    for (const std::string& line : lines) text_.append(line).push_back('\n');
    index_lines();
}

void Document::index_lines() {
    if (text_.size() >= UINT32_MAX) throw InputError(file + ": a document of 4 GiB or more cannot be read");
    auto starts = std::make_shared<std::vector<uint32_t>>();
    starts->reserve(static_cast<size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
    starts->push_back(0);
    for (size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') starts->push_back(static_cast<uint32_t>(i + 1));
    starts_ = std::move(starts);
}

void Document::blank(int n, size_t from, size_t to) {
    const size_t start = (*starts_)[static_cast<size_t>(n - 1)];
    const size_t length = (*starts_)[static_cast<size_t>(n)] - 1 - start;
    to = std::min(to, length);
    if (from < to) std::fill(text_.begin() + static_cast<long>(start + from), text_.begin() + static_cast<long>(start + to), ' ');
}

int indented_block_end(const Document& doc, int n) {
    const size_t indent = indent_of(doc.line(n));
    int last = n;
    for (int k = n + 1; k <= doc.line_count(); ++k) {
        if (trim(doc.line(k)).empty()) continue;
        if (indent_of(doc.line(k)) <= indent) break;
        last = k;
    }
    return last;
}

void fail_at(std::string_view file, int line, const std::string& what) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string here.
    std::string message(file);
    if (line > 0) {
        message += ':';
        message += std::to_string(line);
    }
    message += ": ";
    message += what;
    throw InputError(message);
}

size_t indent_of(std::string_view line) {
    size_t columns = 0;
    for (char c : line) {
        if (c == ' ')
            ++columns;
        else if (c == '\t')
            columns += 4;
        else
            break;
    }
    return columns;
}

// Quoted input follows one rule everywhere (input_excerpt.hpp): a long
// label cut at 40 bytes, with its size, so the message says how much was cut.
std::string quote(std::string_view text) {
    std::string quoted = "'";  // appended, not "'" + ...: GCC 12 -O3 warns falsely (-Wrestrict) on that
    quoted += input_excerpt(text);
    quoted += '\'';
    return quoted;
}

}  // namespace planner::importing
