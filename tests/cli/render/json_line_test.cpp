// The batch answer writer against nlohmann's dump(): the same text for random
// documents, random bytes in strings (broken UTF-8 included) and edge numbers.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "cli/render/json_line.hpp"

using planner::cli::append_json_line;
using planner::cli::json_line_with_id;
using planner::cli::ordered_json;

namespace {

std::string dumped(const ordered_json& document) {
    return document.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string written(const ordered_json& document) {
    std::string out;
    append_json_line(document, out);
    return out;
}

// Bytes drawn mostly from the troublesome ones: quotes, backslashes, controls,
// UTF-8 lead and continuation bytes, and the bytes no UTF-8 has.
std::string random_text(std::mt19937_64& rng) {
    static const unsigned char pool[] = {'a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\r', '\b', '\f', 0x00, 0x01, 0x1f,
                                         0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
                                         0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
    std::uniform_int_distribution<size_t> length(0, 12), pick(0, sizeof pool - 1);
    std::string text;
    for (size_t i = length(rng); i > 0; --i) text.push_back(static_cast<char>(pool[pick(rng)]));
    return text;
}

ordered_json random_document(std::mt19937_64& rng, int depth) {
    std::uniform_int_distribution<int> kind(0, depth > 0 ? 7 : 5);
    switch (kind(rng)) {
    case 0: return random_text(rng);
    case 1: return std::uniform_int_distribution<std::int64_t>(std::numeric_limits<std::int64_t>::min())(rng);
    case 2: return std::uniform_int_distribution<std::uint64_t>()(rng);
    case 3: return rng() % 2 == 0;
    case 4: return nullptr;
    case 5: return "✅ ❌ 🟠 ❔";
    case 6: {
        ordered_json array = ordered_json::array();
        for (int i = static_cast<int>(rng() % 4); i > 0; --i) array.push_back(random_document(rng, depth - 1));
        return array;
    }
    default: {
        ordered_json object = ordered_json::object();
        for (int i = static_cast<int>(rng() % 4); i > 0; --i) object[random_text(rng)] = random_document(rng, depth - 1);
        return object;
    }
    }
}

}  // namespace

TEST_CASE("a batch answer line is the text dump() gives, byte for byte") {
    std::mt19937_64 rng(2026);
    for (int i = 0; i < 5000; ++i) {
        const ordered_json document = random_document(rng, 3);
        const std::string expected = dumped(document);
        REQUIRE_MESSAGE(written(document) == expected, "document ", i);
    }
}

TEST_CASE("broken UTF-8 becomes U+FFFD as dump()'s replace handler makes it") {
    for (const char* text : {"\xe2\x82", "\xe2\x82" "A", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff",
                             "ok \xf0\x9f\x9f\xa0 ok", "\xf0\x9f\x9f"}) {
        const ordered_json document = text;
        CHECK(written(document) == dumped(document));
    }
    CHECK(written(ordered_json("\xe2\x82" "A")) == "\"\xef\xbf\xbd" "A\"");
}

TEST_CASE("the id comes first, then the document's members in their order") {
    ordered_json document;
    document["schema"] = "planner-result/1";
    document["status"] = "ok";
    CHECK(json_line_with_id(7, document) == R"({"id":7,"schema":"planner-result/1","status":"ok"})");
    CHECK(json_line_with_id("run-1", document) == R"({"id":"run-1","schema":"planner-result/1","status":"ok"})");
    CHECK(json_line_with_id(nullptr, ordered_json::object()) == R"({"id":null})");
}
