#include <planner/library.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <planner/error.hpp>

#include "model/import/importer.hpp"
#include "model/io/embedded_data.hpp"
#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"
#include "model/io/user_file.hpp"

namespace planner {

namespace {

// "vllm-0.6-zh" -> {0, 6}: the vLLM release a matrix id names; ids naming
// none sort first, so that a shipped matrix with a version is always the default.
std::vector<int> version_of(std::string_view id) {
    std::vector<int> parts;
    size_t pos = id.find_first_of("0123456789");
    while (pos < id.size() && std::isdigit(static_cast<unsigned char>(id[pos]))) {
        int value = 0;
        while (pos < id.size() && std::isdigit(static_cast<unsigned char>(id[pos])))
            value = value * 10 + (id[pos++] - '0');
        parts.push_back(value);
        if (pos + 1 < id.size() && id[pos] == '.' && std::isdigit(static_cast<unsigned char>(id[pos + 1])))
            ++pos;
        else
            break;
    }
    return parts;
}

struct Shipped {
    ShippedMatrix info;
    Matrix matrix;
};

const std::vector<Shipped>& shipped() {
    static const std::vector<Shipped> all = [] {
        std::vector<Shipped> out;
        for (const EmbeddedFile& file : embedded_files()) {
            // data/ also holds catalogs; a matrix says so in its schema.
            if (!file.name.ends_with(".json") || file.content.find("\"planner-matrix/1\"") == std::string_view::npos)
                continue;
            Matrix m = matrix_from_json(file.content, "data/" + std::string(file.name));
            ShippedMatrix info{m.id, m.source, m.features.size(), m.hardware.size()};
            out.push_back(Shipped{std::move(info), std::move(m)});
        }
        // Oldest first; a translation sorts after the original of the same release.
        std::stable_sort(out.begin(), out.end(), [](const Shipped& x, const Shipped& y) {
            auto vx = version_of(x.info.id), vy = version_of(y.info.id);
            return vx != vy ? vx < vy : x.info.id < y.info.id;
        });
        return out;
    }();
    return all;
}

std::string known_ids() {
    std::string out;
    for (const Shipped& s : shipped()) out += (out.empty() ? "" : ", ") + s.info.id;
    return out;
}

bool looks_like_path(std::string_view name) {
    return name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos ||
           name.ends_with(".json") || name.ends_with(".md") || name.ends_with(".rst") || name.ends_with(".txt");
}

}  // namespace

std::vector<ShippedMatrix> shipped_matrices() {
    std::vector<ShippedMatrix> out;
    for (const Shipped& s : shipped()) out.push_back(s.info);
    return out;
}

Matrix load_matrix(std::string_view id_or_file) {
    std::vector<std::string> unread;
    return load_matrix(id_or_file, unread);
}

Matrix load_matrix(std::string_view id_or_file, std::vector<std::string>& import_notes, bool strict_labels) {
    const auto& all = shipped();
    if (id_or_file.empty()) {
        if (all.empty()) throw InputError("no matrix was compiled into this planner (data/ has none)");
        return all.back().matrix;
    }
    const std::string path(id_or_file);
    std::error_code ec;
    const bool file_exists = std::filesystem::exists(std::filesystem::symlink_status(path, ec));
    const bool has_separator = path.find('/') != std::string::npos;
    for (const Shipped& s : all) {
        if (s.info.id != id_or_file || has_separator) continue;
        if (file_exists)
            throw UsageError("'" + path + "' is both a shipped matrix and a file in this directory; write ./" +
                             path + " for the file, or rename the file (or run from another directory) for "
                                    "the shipped matrix");
        return s.matrix;
    }
    if (!looks_like_path(path) && !file_exists)
        throw UsageError("unknown matrix '" + input_excerpt(path) + "'; shipped matrices: " + known_ids() +
                         " (or give a file: a planner-matrix JSON or a matrix document)");
    // Either kind of file may come here, so the larger cap; each reader applies its own.
    const std::string content =
        read_user_file(path, std::max(limits::kMaxDocumentBytes, limits::kMaxMatrixJsonBytes), "matrix file");
    const std::string_view text = without_byte_order_mark(content);
    const size_t first = text.find_first_not_of(" \t\r\n");
    // A planner-matrix document is a JSON object; anything else is a document to import.
    if (first != std::string::npos && text[first] == '{') {
        Matrix matrix = matrix_from_json(text, path);
        if (strict_labels) refuse_ids_the_catalog_lacks(matrix, path);
        return matrix;
    }
    ImportOptions options;
    options.strict_labels = strict_labels;
    ImportResult imported = import_document(content, std::filesystem::path(path).filename().string(), options);
    import_notes.insert(import_notes.end(), imported.notes.begin(), imported.notes.end());
    return std::move(imported.matrix);
}

const Matrix& shipped_matrix(std::string_view id) {
    for (const Shipped& s : shipped())
        if (s.info.id == id) return s.matrix;
    throw InputError("internal: '" + std::string(id) + "' is not a shipped matrix");
}

std::vector<std::string> matrices_with_hardware(std::string_view hardware) {
    std::vector<std::string> out;
    for (const Shipped& s : shipped())
        if (s.matrix.has_hardware(hardware)) out.push_back(s.info.id);
    return out;
}

}  // namespace planner
