#pragma once
// The id a matrix gets when the user names none: the vLLM docs version the
// document comes from, as far as the document tells.
#include <string>
#include <string_view>

#include "model/import/text.hpp"

namespace planner::importing {

// In order: a version in the file name ("compatibility_matrix-v0.6.rst" ->
// "vllm-0.6"); a version the text states (a docs.vllm.ai/en/vX.Y link,
// "vLLM vX.Y"); the docs layout its links belong to (see version_id.cpp);
// else "imported". A document in Chinese gets "-zh" so that a translation
// never takes the id of the English original.
std::string derive_matrix_id(std::string_view file_name, const Document& doc);

// Letters, digits, '.', '-', '_' and '+'; throws UsageError otherwise.
void check_matrix_id(std::string_view id);

}  // namespace planner::importing
