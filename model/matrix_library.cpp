#include "model/matrix_library.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "model/embedded_data.hpp"
#include "model/error.hpp"
#include "model/import/importer.hpp"
#include "model/limits.hpp"
#include "model/matrix_json.hpp"

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
    const auto& all = shipped();
    if (id_or_file.empty()) {
        if (all.empty()) throw InputError("no matrix was compiled into this planner (data/ has none)");
        return all.back().matrix;
    }
    for (const Shipped& s : all)
        if (s.info.id == id_or_file) return s.matrix;

    const std::string path(id_or_file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        if (!looks_like_path(path) && !std::filesystem::exists(path, ec))
            throw UsageError("unknown matrix '" + path + "'; shipped matrices: " + known_ids() +
                             " (or give a file: a planner-matrix JSON or a matrix document)");
        throw InputError(path + ": cannot read the matrix file (" +
                         (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file") + ")");
    }
    // Either kind of file may come here, so the larger cap; each reader applies its own.
    const std::string content = limits::read_file_within(
        path, std::max(limits::kMaxDocumentBytes, limits::kMaxMatrixJsonBytes), "matrix file");
    const size_t first = content.find_first_not_of(" \t\r\n");
    // A planner-matrix document is a JSON object; anything else is a document to import.
    if (first != std::string::npos && content[first] == '{') return matrix_from_json(content, path);
    return import_document(content, path).matrix;
}

std::vector<std::string> matrices_with_hardware(std::string_view hardware) {
    std::vector<std::string> out;
    for (const Shipped& s : shipped())
        if (s.matrix.has_hardware(hardware)) out.push_back(s.info.id);
    return out;
}

}  // namespace planner
