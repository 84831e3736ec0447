#pragma once
// Whether a name is already taken on the command line: a new id (a document's
// new label, a planner-matrix/1 file's own id or display name) is reached
// only by what the user types, and every name is looked up in the catalog and
// vLLM's flags first (own_names.hpp), under --hw also "auto". A new id that is
// such a name (the label enforce-eager, which the command line reads as "not
// cuda-graph"; a hardware column Auto or LoRA) could never be named, and
// answers about it would read as if they were about the other thing. One rule
// covers every case: a new id, or its display name, must not be a name the
// command line already resolves, as either kind.
#include <optional>
#include <string>
#include <string_view>

#include <planner/catalog.hpp>

namespace planner {

// The --hw value (and batch "hw") that asks to detect this machine's hardware.
inline constexpr std::string_view kDetectHardware = "auto";

struct TakenName {
    // What the command line reads the name as, for an error: "a name the
    // catalog has for feature lora (LoRA adapters, data/catalog.json)".
    std::string meaning;
    // The entry of the new id's own kind the name means, when the name may
    // simply be a spelling the catalog lacks (then adding it to that entry's
    // labels is a fix); "" when it means something of the other kind, a
    // feature turned off or hardware detection.
    std::string same_kind_id;
};

// nullopt when nothing on the command line resolves `name`. `hardware`: the
// kind of the new id it would name.
std::optional<TakenName> taken_name(std::string_view name, bool hardware, const Catalog& catalog);

// What to do about a taken label or id, in the words of `thing` ("the label",
// "the id"): "if the label means lora, add it to that entry's labels; if not,
// rename the label", or only "rename the label" when no entry of its kind fits.
std::string taken_name_remedy(const TakenName& taken, std::string_view thing);

}  // namespace planner
