#pragma once
// The files of data/, compiled into the library so that an installed planner
// needs no data directory and starts without touching the file system.
#include <span>
#include <string_view>

namespace planner {

struct EmbeddedFile {
    std::string_view name;  // file name inside data/, e.g. "catalog.json"
    std::string_view content;
};

std::span<const EmbeddedFile> embedded_files();

// nullptr when data/ had no such file at build time.
const EmbeddedFile* find_embedded_file(std::string_view name);

}  // namespace planner
