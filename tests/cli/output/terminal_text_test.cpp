// The filter between the planner and the terminal (cli/output/terminal_text.hpp):
// control characters become \u00XX, text and UTF-8 pass, and a sequence split
// between two writes is judged whole.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/output/terminal_text.hpp"

using planner::cli::escape_terminal_controls;
using planner::cli::TerminalSafeStream;

TEST_CASE("control characters are written as JSON's own escapes") {
    CHECK(escape_terminal_controls("a\x1b]0;title\x07z") == "a\\u001b]0;title\\u0007z");
    CHECK(escape_terminal_controls("del\x7f cr\r bs\b") == "del\\u007f cr\\u000d bs\\u0008");
    CHECK(escape_terminal_controls("csi \xc2\x9b" "31m") == "csi \\u009b31m");
    CHECK(escape_terminal_controls("stray \x9b and \xff") == "stray \\u009b and \\u00ff");
}

TEST_CASE("text, newlines, tabs and UTF-8 pass unchanged") {
    const std::string text = "✅ yes\t❌ no\nLoRA × SD — 🟠 partial, \xc2\xa0nbsp, é\n";
    CHECK(escape_terminal_controls(text) == text);
}

TEST_CASE("only the planner's own colour codes pass, and only when allowed") {
    CHECK(escape_terminal_controls("\x1b[1mbold\x1b[0m", true) == "\x1b[1mbold\x1b[0m");
    CHECK(escape_terminal_controls("\x1b[1mbold\x1b[0m", false) == "\\u001b[1mbold\\u001b[0m");
    CHECK(escape_terminal_controls("\x1b[2J\x1b[8m\x1b[31", true) == "\\u001b[2J\\u001b[8m\\u001b[31");
    CHECK(escape_terminal_controls("\x1b\x1b[32mok", true) == "\\u001b\x1b[32mok");
}

TEST_CASE("a stream filter judges sequences split between writes") {
    std::ostringstream sink;
    {
        TerminalSafeStream safe(sink, true);
        sink << "\x1b[" << std::flush;  // a flush cannot wait for the rest
        sink << "3" << "1m";
        sink << "\xc2" << "\x9b" << "x" << "\x1b" << "[" << "33m" << "\xe2\x9c" << "\x85";
    }
    CHECK(sink.str() == "\\u001b[31m\\u009bx\x1b[33m✅");
}

TEST_CASE("a failed write reaches the stream's state") {
    struct Refusing : std::streambuf {
        std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
    } refusing;
    std::ostream refused(&refusing);
    TerminalSafeStream safe(refused, false);
    refused << "answer\n" << std::flush;
    CHECK(refused.fail());
}
