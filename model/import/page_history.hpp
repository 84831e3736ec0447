#pragma once
// Every state of vLLM's compatibility-matrix page at once: a directory that
// holds the states as files and SOURCES.tsv, which names each file's commit,
// date, path, subject and first release. States whose matrices are equal
// (cells, links, marks, footnotes, names: everything but the source fields)
// become one matrix that lists them all, so the shipped data says which
// commits changed the cells and which only the markup.
#include <filesystem>
#include <string>
#include <vector>

#include <planner/matrix.hpp>

#include "model/import/importer.hpp"

namespace planner {

struct PageHistory {
    std::vector<Matrix> matrices;    // distinct, by their first state, oldest first
    std::vector<std::string> notes;  // the importer's, per state (file:line)
    size_t states = 0;
};

// Throws InputError naming SOURCES.tsv:line or the state's file:line.
PageHistory import_page_history(const std::filesystem::path& directory, const ImportOptions& options = {});

// The name of the table of states a history directory holds.
inline constexpr const char* kPageHistoryTable = "SOURCES.tsv";

}  // namespace planner
