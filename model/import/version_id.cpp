#include "model/import/version_id.hpp"

#include <planner/error.hpp>

#include "model/import/utf8.hpp"
#include "model/io/limits.hpp"

namespace planner::importing {

namespace {

// "0.6", "0.8.5" at `pos`, else "".
std::string version_at(std::string_view text, size_t pos) {
    auto digits = [&](size_t& at) {
        size_t start = at;
        while (at < text.size() && at - start < 3 && text[at] >= '0' && text[at] <= '9') ++at;
        return at > start;
    };
    size_t at = pos;
    if (!digits(at) || at >= text.size() || text[at] != '.') return {};
    ++at;
    if (!digits(at)) return {};
    if (at + 1 < text.size() && text[at] == '.' && text[at + 1] >= '0' && text[at + 1] <= '9') {
        ++at;
        digits(at);
    }
    // "0.6" in "10.6" or "0.6.1.2" is not a release number.
    if (pos > 0 && ((text[pos - 1] >= '0' && text[pos - 1] <= '9') || text[pos - 1] == '.')) return {};
    return std::string(text.substr(pos, at - pos));
}

// A version in a file name: the first "X.Y" or "vX.Y".
std::string version_in_name(std::string_view name) {
    for (size_t pos = 0; pos < name.size(); ++pos)
        if (std::string version = version_at(name, pos); !version.empty()) return version;
    return {};
}

// A version the text states: "docs.vllm.ai/en/v0.8.5", "releases/tag/v0.8.5", "vLLM v0.8", "vllm==0.8.5".
std::string version_in_text(std::string_view line) {
    const std::string lower = to_lower_ascii(line);
    for (std::string_view marker : {"docs.vllm.ai/en/v", "releases/tag/v", "vllm"}) {
        for (size_t pos = lower.find(marker); pos != std::string::npos; pos = lower.find(marker, pos + 1)) {
            size_t at = pos + marker.size();
            if (marker == "vllm") {
                if (at < lower.size() && (lower[at] == ' ' || lower[at] == '=')) ++at;
                if (at < lower.size() && lower[at] == '=') ++at;
                if (at < lower.size() && lower[at] == 'v') ++at;
            }
            if (std::string version = version_at(line, at); !version.empty()) return version;
        }
    }
    return {};
}

bool has_cjk(const Document& doc) {
    for (int n = 1; n <= doc.line_count(); ++n) {
        const std::string_view line = doc.line(n);
        for (size_t pos = 0; pos < line.size();) {
            auto cp = decode_utf8_at(line, pos);
            if (!cp) break;
            if (cp->value >= 0x4E00 && cp->value <= 0x9FFF) return true;
            pos += cp->length;
        }
    }
    return false;
}

bool contains(const Document& doc, std::string_view needle) {
    for (int n = 1; n <= doc.line_count(); ++n)
        if (doc.line(n).find(needle) != std::string_view::npos) return true;
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
    std::string base(file_name.substr(file_name.find_last_of("/\\") + 1));
    std::string id;
    if (std::string version = version_in_name(base); !version.empty()) id = "vllm-" + version;
    for (int n = 1; id.empty() && n <= doc.line_count(); ++n)
        if (std::string version = version_in_text(doc.line(n)); !version.empty()) id = "vllm-" + version;
    if (id.empty()) id = layout_era(doc);
    if (id.empty()) id = "imported";
    if (has_cjk(doc)) id += "-zh";
    return id;
}

void check_matrix_id(std::string_view id) {
    bool ok = !id.empty() && id.size() <= limits::kMaxIdBytes;
    for (char c : id)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '+');
    if (!ok)
        throw UsageError("matrix id " + quote(id) +
                         " must be 1 to " + std::to_string(limits::kMaxIdBytes) +
                         " letters, digits, '.', '-', '_' or '+'");
}

}  // namespace planner::importing
