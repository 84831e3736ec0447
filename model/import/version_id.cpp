#include "model/import/version_id.hpp"

#include <regex>

#include "model/error.hpp"
#include "model/import/utf8.hpp"

namespace planner::importing {

namespace {

std::string find_version(const std::string& text, const std::regex& pattern) {
    std::smatch match;
    if (std::regex_search(text, match, pattern)) return match[1].str();
    return {};
}

bool has_cjk(const Document& doc) {
    for (const std::string& line : doc.lines)
        for (size_t pos = 0; pos < line.size();) {
            auto cp = decode_utf8_at(line, pos);
            if (!cp) break;
            if (cp->value >= 0x4E00 && cp->value <= 0x9FFF) return true;
            pos += cp->length;
        }
    return false;
}

bool contains(const Document& doc, std::string_view needle) {
    for (const std::string& line : doc.lines)
        if (line.find(needle) != std::string::npos) return true;
    return false;
}

// The docs layouts vLLM has used, newest first, told apart by the links the
// matrix's header labels carry:
// - Sphinx with docs/source/features/ and performance/optimization (the
//   v0.7-v0.8 docs; the matrix gained pooling, 🟠 and ❔ there): "vllm-0.8",
//   the last release with that layout, whose text the shipped seed matches.
// - Sphinx with models/performance.html and automatic_prefix_caching/apc.html,
//   or reStructuredText list-tables (the docs before the move to MyST): "vllm-0.6".
// MkDocs-era documents use relative links that name no era; they need a
// version in the file name, in the text, or --id.
std::string layout_era(const Document& doc) {
    if (contains(doc, "docs.vllm.ai/en/latest/performance/optimization.html") ||
        contains(doc, "docs.vllm.ai/en/latest/features/"))
        return "vllm-0.8";
    if (contains(doc, "docs.vllm.ai/en/latest/models/performance.html") ||
        contains(doc, "docs.vllm.ai/en/latest/automatic_prefix_caching/") ||
        contains(doc, ".. list-table::"))
        return "vllm-0.6";
    return {};
}

}  // namespace

std::string derive_matrix_id(std::string_view file_name, const Document& doc) {
    static const std::regex in_name(R"((?:^|[^0-9.])v?([0-9]{1,2}\.[0-9]{1,3}(?:\.[0-9]{1,3})?))");
    static const std::regex in_text(
        R"((?:docs\.vllm\.ai/en/v|releases/tag/v|[Vv][Ll][Ll][Mm][ =]=?v?)([0-9]{1,2}\.[0-9]{1,3}(?:\.[0-9]{1,3})?))");
    std::string base(file_name.substr(file_name.find_last_of("/\\") + 1));
    std::string id;
    if (std::string version = find_version(base, in_name); !version.empty()) id = "vllm-" + version;
    if (id.empty())
        for (const std::string& line : doc.lines)
            if (std::string version = find_version(line, in_text); !version.empty()) {
                id = "vllm-" + version;
                break;
            }
    if (id.empty()) id = layout_era(doc);
    if (id.empty()) id = "imported";
    if (has_cjk(doc)) id += "-zh";
    return id;
}

void check_matrix_id(std::string_view id) {
    bool ok = !id.empty() && id.size() <= 64;
    for (char c : id)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '+');
    if (!ok)
        throw UsageError("matrix id " + quote(id) +
                         " must be 1 to 64 letters, digits, '.', '-', '_' or '+'");
}

}  // namespace planner::importing
