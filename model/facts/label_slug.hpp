#pragma once
// The id a matrix label becomes when the catalog does not know it ("Gaudi" ->
// "gaudi", "Intel Gaudi 3 (HPU)" -> "intel-gaudi-3-hpu").
//
// The form is the catalog's own id form (lower case ASCII letters and digits,
// words joined by single '-': prompt-adapter, intel-gpu), so that a new id
// reads like the shipped ones, can be typed on a command line and in a batch
// key without quoting, and is the same bytes for the same label on every run
// and every machine (no counter, no hash, no locale). Letters outside ASCII
// are separators, not letters: the slug of a label in another script may be
// empty, and the importer then refuses the label rather than guess an id.
#include <string>
#include <string_view>

namespace planner {

// Lower case; every run of characters that are not ASCII letters or digits
// becomes one '-'; no '-' at either end. "" when the label has no ASCII
// letter or digit.
std::string label_slug(std::string_view label);

// Whether `id` is already in that form (label_slug(id) == id and not empty):
// what a JSON matrix may use for an id the catalog lacks.
bool is_label_slug(std::string_view id);

}  // namespace planner
