#include "model/import/scan.hpp"

namespace planner::importing {

namespace {
constexpr uint32_t kUnmatched = UINT32_MAX;
}

size_t NextOccurrence::at_or_after(size_t start) {
    const bool known = searched_ && start >= searched_from_ && (found_ == std::string_view::npos || found_ >= start);
    if (!known) {
        found_ = text_.find(needle_, start);
        searched_from_ = start;
        searched_ = true;
    }
    return found_;
}

BracketMatches::BracketMatches(std::string_view text, char opening, char closing) {
    if (text.find(opening) == std::string_view::npos) return;
    past_match_.assign(text.size(), kUnmatched);
    std::vector<uint32_t> open;  // unescaped opening brackets not closed yet
    // An escaped opening bracket counts as open only for a scan that starts on
    // it: it closes at the first closing bracket met at its own nesting depth.
    std::vector<std::vector<uint32_t>> escaped_waiting;  // by the depth at which each was met
    auto close_escaped_at = [&](size_t depth, size_t past) {
        if (depth >= escaped_waiting.size()) return;
        for (uint32_t position : escaped_waiting[depth]) past_match_[position] = static_cast<uint32_t>(past);
        escaped_waiting[depth].clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\') {
            if (i + 1 < text.size() && text[i + 1] == opening) {
                if (escaped_waiting.size() <= open.size()) escaped_waiting.resize(open.size() + 1);
                escaped_waiting[open.size()].push_back(static_cast<uint32_t>(i + 1));
            }
            ++i;
        } else if (c == opening) {
            open.push_back(static_cast<uint32_t>(i));
        } else if (c == closing) {
            close_escaped_at(open.size(), i + 1);
            if (!open.empty()) {
                past_match_[open.back()] = static_cast<uint32_t>(i + 1);
                open.pop_back();
            }
        }
    }
}

size_t BracketMatches::past_match(size_t open) const {
    if (open >= past_match_.size() || past_match_[open] == kUnmatched) return std::string_view::npos;
    return past_match_[open];
}

}  // namespace planner::importing
