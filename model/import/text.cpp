#include "model/import/text.hpp"

#include "model/error.hpp"

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

std::string_view trim(std::string_view text) {
    const char* spaces = " \t\r\n\f\v";
    size_t first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos) return {};
    size_t last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
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

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string quote(std::string_view text) {
    constexpr size_t kMax = 80;
    std::string shown(text.substr(0, kMax));
    // Do not cut a UTF-8 sequence in half.
    while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80 &&
           shown.size() < text.size())
        shown.pop_back();
    if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0 && shown.size() < text.size())
        shown.pop_back();
    return "'" + shown + (shown.size() < text.size() ? "...'" : "'");
}

}  // namespace planner::importing
