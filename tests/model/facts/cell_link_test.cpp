// The one rule every reader of a cell's link applies (documents, matrix JSON,
// overlays, a rule's source): a http(s) URL holding no character a URL never
// holds, and the words of its refusal.
#include <doctest/doctest.h>

#include <string>

#include "model/facts/cell_link.hpp"

using planner::cell_link_fault;
using planner::is_cell_link;

TEST_CASE("a cell link is a http(s) URL with something after the scheme") {
    CHECK(is_cell_link("https://github.com/vllm-project/vllm/issues/1"));
    CHECK(is_cell_link("HTTP://example.org/a?b=c#d"));
    CHECK(cell_link_fault("https://example.org/%20x").empty());
    CHECK_FALSE(is_cell_link("https://"));
    CHECK_FALSE(is_cell_link("javascript:alert(1)"));
    CHECK(cell_link_fault("file:///etc/passwd") == "is not a http(s) URL");
    CHECK(cell_link_fault("data:x", planner::kCellLinkShorthands) ==
          "is not a http(s) URL (nor gh-issue:N or gh-pr:N, which expand to one)");
}

TEST_CASE("a character no URL holds is refused by name, whatever the scheme") {
    for (char c : std::string(" \"<>\\^`{|}")) {
        const std::string url = std::string("https://example.org/a") + c + "b";
        CAPTURE(url);
        CHECK_FALSE(is_cell_link(url));
        CHECK(planner::has_character_no_url_holds(url));
    }
    CHECK(cell_link_fault("https://e.com/a b<x>") == "is not a URL: it holds a space");
    CHECK(cell_link_fault("https://e.com/a<x>") == "is not a URL: it holds '<'");
    CHECK(cell_link_fault("javascript:a`b") == "is not a URL: it holds '`'");
    CHECK(cell_link_fault("https://e.com/\x1b[2J") == "is not a URL: it holds a control character");
    CHECK(cell_link_fault("https://e.com/\x7f") == "is not a URL: it holds a control character");
    CHECK(cell_link_fault(std::string("https://e.com/\0", 15)) == "is not a URL: it holds a control character");
}
