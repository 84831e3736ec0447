#pragma once
// Overlays: a user's correction of published cells for their own deployment.
// The published matrix lags the code (LoRA x SD stayed "no" in the docs long
// after vLLM supported it), so a user may assume another value for a cell
// without editing data/. The overlaid cell keeps its published value, the
// reason and the link (CellOverride in matrix.hpp), so every answer that relies
// on it can name it as assumed.
//
// On the command line, one cell per `--assume` item:
//   FEATURE:FEATURE=VALUE     a Feature x Feature cell, features in either order
//                             e.g.  lora:sd=partial
//   FEATURE@HARDWARE=VALUE    a Feature x Hardware cell
//                             e.g.  lora@cpu=yes   prefix-caching@v100=no
// Names: any spelling the catalog accepts (ids, matrix labels, long names,
// products, compute capabilities; case-insensitive). VALUE: yes, no, partial,
// unknown or blank (case-insensitive).
//
// In a file (`--overlay FILE`), schema "planner-overlay/1":
//   {"schema": "planner-overlay/1",
//    "description": "optional: what this overlay is for",
//    "cells": [
//      {"a": "lora", "b": "sd", "value": "partial",
//       "reason": "EAGLE drafts work with LoRA since the fix below",
//       "link": "https://github.com/vllm-project/vllm/pull/..."},
//      {"feature": "lora", "hardware": "cpu", "value": "yes"}]}
// A cell names either "a" and "b" or "feature" and "hardware", and a "value";
// "reason" and "link" are optional ("link": a URL, or gh-issue:N / gh-pr:N).
// Any other key is an error, so a misspelt "reason" is never silently lost.
#include <string>
#include <string_view>
#include <vector>

#include <planner/catalog.hpp>
#include <planner/matrix.hpp>

namespace planner {

// One assumed cell, names resolved to canonical ids, not yet matched to a matrix.
struct CellAssumption {
    enum class Kind { pair, support };
    Kind kind = Kind::pair;
    std::string row;     // pair: first feature as written; support: feature
    std::string column;  // pair: second feature; support: hardware
    CellValue value = CellValue::blank;
    std::string reason;
    std::string link;         // full URL, or empty
    std::string origin;       // "--assume lora:sd=partial" or "fix.json:7": where the user wrote it
    bool from_file = false;   // problems with it are InputError (a file) instead of UsageError (a flag)

    friend bool operator==(const CellAssumption&, const CellAssumption&) = default;
};

// One `--assume` item. Throws UsageError naming the item: bad syntax, unknown
// name (with the nearest known names), a feature paired with itself, bad value.
// A name the catalog lacks may be one of `matrix`'s own ids (a new label of
// an imported document, gaudi), when the matrix is given.
CellAssumption parse_assumption(std::string_view item, const Catalog& catalog = Catalog::builtin(),
                                const Matrix* matrix = nullptr);

// A planner-overlay/1 document; `file_name` is used in messages (file:line).
// Throws InputError naming file:line for malformed JSON or any bad cell.
std::vector<CellAssumption> parse_overlay(std::string_view json_text, std::string_view file_name,
                                          const Catalog& catalog = Catalog::builtin(), const Matrix* matrix = nullptr);
// Reads the file, then parse_overlay; InputError when it cannot be read.
std::vector<CellAssumption> read_overlay_file(const std::string& path,
                                              const Catalog& catalog = Catalog::builtin(),
                                              const Matrix* matrix = nullptr);

// What to do with an assumption about a feature or hardware class the matrix
// lacks. One matrix: an error. Several versions at once (--any-version): an
// overlay written for a newer matrix may skip the older ones, with a note.
enum class MissingCell { error, skip };

struct OverlaidMatrix {
    Matrix matrix;                   // reindexed
    std::vector<std::string> notes;  // for stderr: assumptions that changed nothing, skipped cells
};

// Applies the assumptions in order. A cell that a document leaves out while
// having both its features (or feature and hardware) is added as published
// blank. Two assumptions with different values for one cell (also across
// calls: the matrix may already be overlaid) are an error naming both places;
// an assumption equal to the published value changes nothing and gives a note.
OverlaidMatrix apply_overlay(const Matrix& matrix, const std::vector<CellAssumption>& assumptions,
                             MissingCell missing = MissingCell::error);

}  // namespace planner
