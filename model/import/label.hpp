#pragma once
// Header and row labels in the forms vLLM has printed them: plain text,
// :ref:`CP <chunked-prefill>`, :abbr:`logP (Logprobs)`, <abbr title="...">,
// [CP](url), [CP][ref]. The link of a label points at docs, not at evidence,
// so only the text (and the spelled-out title, as a second chance) is kept.
#include <string>
#include <string_view>

namespace planner::importing {

struct Label {
    std::string text;   // "prmpt adptr"
    std::string title;  // "Prompt Adapter" when an abbreviation spells it out
};

Label parse_label(std::string_view markup);

}  // namespace planner::importing
