#pragma once
// JSON parsing for files a user wrote by hand. nlohmann's parser keeps the last
// of two equal keys without a word, so {"value": "no", "value": "yes"} would
// be a silent guess; and nesting has no bound of its own. Both are refused
// here, naming the path of the object in the document.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <planner/error.hpp>

#include "model/io/input_excerpt.hpp"
#include "model/io/limits.hpp"

namespace planner {

// Throws InputError "origin: path: ..." for a repeated key or nesting deeper
// than limits::kMaxJsonDepth, and "origin:line: ..." for a number out of
// range; syntax errors stay nlohmann::json::parse_error, so that each caller
// words them with its own line numbers.
inline nlohmann::json parse_strict_json(std::string_view text, const std::string& origin) {
    using nlohmann::json;
    // Paths are spelled only for a message: spelling each one as its value
    // opens would copy a long key into every array under it (quadratic).
    struct Frame {
        bool object = false;
        std::set<std::string> keys;
        std::string last_key;
        size_t next_index = 0;
        bool named_by_key = false;  // by its parent's last_key, else by index_in_parent
        size_t index_in_parent = 0;
    };
    std::vector<Frame> open;
    auto path_of = [&](size_t frames) {
        std::string path;
        for (size_t k = 1; k < frames; ++k) {
            if (open[k].named_by_key)
                path.append(path.empty() ? "" : ".").append(open[k - 1].last_key);
            else
                path.append("[").append(std::to_string(open[k].index_in_parent)).append("]");
        }
        return path;
    };
    auto fail = [&](const std::string& path, const std::string& what) {
        std::string message = origin;
        message.append(": ").append(path.empty() ? "document" : path).append(": ").append(what);
        throw InputError(message);
    };
    json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
        case json::parse_event_t::array_start: {
            Frame frame;
            frame.object = event == json::parse_event_t::object_start;
            if (!open.empty()) {
                frame.named_by_key = open.back().object;
                if (!frame.named_by_key) frame.index_in_parent = open.back().next_index++;
            }
            if (open.size() >= limits::kMaxJsonDepth) {
                open.push_back(std::move(frame));
                fail(path_of(open.size()), std::string("nested deeper than ")
                                               .append(std::to_string(limits::kMaxJsonDepth))
                                               .append(" levels"));
            }
            open.push_back(std::move(frame));
            break;
        }
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            if (!open.empty()) open.pop_back();
            break;
        case json::parse_event_t::key: {
            Frame& object = open.back();
            object.last_key = parsed.get<std::string>();
            if (!object.keys.insert(object.last_key).second) {
                std::string path = path_of(open.size());
                path.append(path.empty() ? "" : ".").append(object.last_key);
                fail(path, std::string("the key \"").append(object.last_key).append("\" appears twice in one object"));
            }
            break;
        }
        case json::parse_event_t::value:
            if (!open.empty() && !open.back().object) ++open.back().next_index;
            break;
        }
        return true;
    };
    try {
        return json::parse(text, check);
    } catch (const json::out_of_range& e) {
        // A number beyond double (1e999) is not a parse_error in nlohmann, and
        // carries no position: find the token it quotes to name the line.
        const std::string what = e.what();
        const size_t open_quote = what.find('\''), close_quote = what.rfind('\'');
        std::string token;
        if (open_quote != std::string::npos && close_quote > open_quote)
            token = what.substr(open_quote + 1, close_quote - open_quote - 1);
        const size_t at = token.empty() ? std::string_view::npos : text.find(token);
        std::string message = origin;
        if (at != std::string_view::npos)
            message.append(":").append(std::to_string(1 + std::count(text.begin(), text.begin() + at, '\n')));
        message.append(": not valid JSON (the number ").append(input_excerpt(token)).append(" is out of range)");
        throw InputError(message);
    }
}

}  // namespace planner
