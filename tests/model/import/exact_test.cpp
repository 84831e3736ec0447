// The importer reads every table exactly: rows after a blank line are read or
// refused (never dropped), dead content (comments, code blocks) is neither the
// matrix nor a second matrix, and a link target with a stray '>' as vLLM
// published it becomes the working URL.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/error.hpp>

#include "model/import/importer.hpp"
#include "tests/test_files.hpp"

using planner::CellValue;

namespace {

using Strings = std::vector<std::string>;

std::string refusal(const std::string& text, const std::string& name) {
    try {
        planner::import_document(text, name);
    } catch (const planner::InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

bool has_note(const planner::ImportResult& result, const std::string& fragment) {
    for (const std::string& note : result.notes)
        if (note.find(fragment) != std::string::npos) return true;
    return false;
}

// A small matrix; `apc_on_ampere` tells a copy from another.
std::string markdown_matrix(const std::string& apc_on_ampere) {
    return "| Feature | CP | APC |\n|---|---|---|\n| CP | | |\n| APC | ✅ | |\n\n"
           "| Feature | Ampere | CPU |\n|---|---|---|\n| CP | ✅ | ✅ |\n| APC | " +
           apc_on_ampere + " | ✅ |\n";
}

std::string rst_matrix(const std::string& apc_on_ampere) {
    return ".. list-table::\n   :header-rows: 1\n\n   * - Feature\n     - CP\n     - APC\n"
           "   * - CP\n     -\n     -\n   * - APC\n     - ✅\n     -\n\n"
           ".. list-table::\n   :header-rows: 1\n\n   * - Feature\n     - Ampere\n"
           "   * - CP\n     - ✅\n   * - APC\n     - " +
           apc_on_ampere + "\n";
}

std::string myst_matrix(const std::string& apc_on_ampere) {
    return ":::{list-table}\n:header-rows: 1\n\n* - Feature\n  - CP\n  - APC\n* - CP\n  -\n  -\n"
           "* - APC\n  - ✅\n  -\n:::\n\n:::{list-table}\n:header-rows: 1\n\n* - Feature\n  - Ampere\n"
           "* - CP\n  - ✅\n* - APC\n  - " +
           apc_on_ampere + "\n:::\n";
}

std::string each_line(const std::string& text, const std::string& prefix) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        out += prefix + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

struct DeadForm {
    const char* name;
    std::string (*live)(const std::string&);
    std::string (*bury)(const std::string&);
    const char* kind;  // as the error names it
};

const DeadForm kDeadForms[] = {
    {"HTML comment over several lines", markdown_matrix,
     [](const std::string& t) { return "<!--\n" + t + "-->\n"; }, "an HTML comment"},
    {"HTML comment opened and closed on table lines", markdown_matrix,
     [](const std::string& t) { return "<!-- " + t.substr(0, t.size() - 1) + " -->\n"; }, "an HTML comment"},
    {"indented code block", markdown_matrix,
     [](const std::string& t) { return "The old matrix:\n\n" + each_line(t, "    "); }, "an indented code block"},
    {"fenced code block", markdown_matrix, [](const std::string& t) { return "```\n" + t + "```\n"; },
     "a fenced code block"},
    // GitHub's HTML blocks: raw HTML, where a pipe row is text, not a table.
    {"<script> block", markdown_matrix, [](const std::string& t) { return "<script>\n" + t + "</script>\n"; },
     "an HTML <script> block"},
    {"<style> block", markdown_matrix, [](const std::string& t) { return "<style>\n" + t + "</style>\n"; },
     "an HTML <style> block"},
    {"<textarea> block", markdown_matrix,
     [](const std::string& t) { return "<textarea>\n" + t + "</textarea>\n"; }, "an HTML <textarea> block"},
    {"<pre> block", markdown_matrix, [](const std::string& t) { return "<PRE class=x>\n" + t + "</pre>\n"; },
     "an HTML <pre> block"},
    {"tables right after <details>, no blank line", markdown_matrix,
     [](const std::string& t) {
         const size_t gap = t.find("\n\n");
         return "<details>\n" + t.substr(0, gap + 1) + "\n<div>\n" + t.substr(gap + 2) + "\n</div></details>\n";
     },
     "an HTML block (<details> and the lines up to the next blank line)"},
    {"RST raw html directive", rst_matrix,
     [](const std::string& t) { return ".. raw:: html\n\n" + each_line(t, "   "); }, "a raw directive (raw:: html)"},
    {"MyST {code-block} fence", myst_matrix,
     [](const std::string& t) { return "```{code-block} markdown\n" + t + "```\n"; }, "a fenced code block"},
    {"MyST % comment lines", myst_matrix, [](const std::string& t) { return each_line(t, "% "); }, "a MyST % comment"},
    {"Markdown % comment lines", markdown_matrix, [](const std::string& t) { return each_line(t, "% "); },
     "a MyST % comment"},
    {"RST comment", rst_matrix,
     [](const std::string& t) { return ".. The old matrix, kept for reference:\n\n" + each_line(t, "   "); },
     "an RST comment"},
    {"RST code-block directive", rst_matrix,
     [](const std::string& t) { return ".. code-block:: rst\n\n" + each_line(t, "   "); }, "a code-block directive"},
    {"RST code directive", rst_matrix,
     [](const std::string& t) { return ".. code:: rst\n\n" + each_line(t, "   "); }, "a code-block directive"},
    {"RST literal block", rst_matrix,
     [](const std::string& t) { return "The old matrix::\n\n" + each_line(t, "   "); },
     "a literal block (after '::')"},
    {"RST list-table in a plain fence", rst_matrix, [](const std::string& t) { return "```\n" + t + "```\n"; },
     "a fenced code block"},
};

}  // namespace

TEST_CASE("a table in dead content alone: no matrix found, naming where the table is") {
    for (const DeadForm& form : kDeadForms) {
        CAPTURE(form.name);
        const std::string message = refusal("Intro.\n\n" + form.bury(form.live("✅")), "dead.md");
        CHECK_MESSAGE(message.find("dead.md: no compatibility matrix found") == 0, message);
        if (form.kind) CHECK_MESSAGE(message.find(std::string("is in ") + form.kind) != std::string::npos, message);
    }
}

TEST_CASE("a table in dead content beside the live one: the live one is read, not refused as a second") {
    for (const DeadForm& form : kDeadForms) {
        CAPTURE(form.name);
        const std::string document = form.bury(form.live("✅")) + "\n" + form.live("❌");
        planner::ImportResult result;
        try {
            result = planner::import_document(document, "beside.md");
        } catch (const planner::InputError& e) {
            FAIL(e.what());
        }
        CHECK(result.matrix.support_value("apc", "ampere") == CellValue::no);
        CHECK(result.matrix.pair_value("apc", "cp") == CellValue::yes);
    }
}

TEST_CASE("an inline HTML comment in a cell is not part of its symbol; one in a code span is text") {
    auto result = planner::import_document(markdown_matrix("❌ <!-- see #123 -->"), "inline.md");
    CHECK(result.matrix.support_value("apc", "ampere") == CellValue::no);
    CHECK(refusal(markdown_matrix("`<!--` ❌"), "span.md").find("span.md:9: unknown cell symbol '`<!--` ❌'") == 0);
}

TEST_CASE("rows after a blank line inside a Markdown table are read, with a note naming the line") {
    // The card's example: LoRA on CPU is ❌ two lines below a blank line, and
    // `check --hw cpu --have lora` said valid because the row was dropped.
    const std::string document =
        "| Feature | CP | APC | LoRA |\n|---|---|---|---|\n| CP | | | |\n| APC | ✅ | | |\n| LoRA | ✅ | ✅ | |\n\n"
        "| Feature | Ampere | CPU |\n|---|---|---|\n| CP | ✅ | ✅ |\n\n| APC | ✅ | ✅ |\n| LoRA | ✅ | ❌ |\n";
    auto result = planner::import_document(document, "gap.md");
    CHECK(result.matrix.support_value("lora", "cpu") == CellValue::no);
    CHECK(result.matrix.support_value("apc", "cpu") == CellValue::yes);
    CHECK_MESSAGE(has_note(result, "gap.md:11: the Feature x Hardware table (line 7) goes on after a blank line"),
                  result.notes.size());
    CHECK_FALSE(has_note(result, "has no row in the Feature x Hardware table"));
}

TEST_CASE("a row of another width after a blank line that ends a matrix table is refused at its line") {
    const std::string document = markdown_matrix("✅") + "\n| LoRA | ❌ |\n";
    const std::string message = refusal(document, "stray.md");
    CHECK_MESSAGE(message.find("stray.md:11: a table row after the blank line that ends the Feature x Hardware "
                               "table (line 6), with 2 cells where that table has 3") == 0,
                  message);
}

TEST_CASE("a new table after a blank line is not taken for a continuation") {
    // The Feature x Hardware table follows the Feature x Feature one after a blank line, as always.
    auto result = planner::import_document(markdown_matrix("❌"), "two.md");
    CHECK(result.notes.empty());
}

TEST_CASE("a link target with a stray '>' as vLLM published it becomes the working URL, with a note") {
    // vLLM's docs from 2024-12-25 (6ad909fd) to 2025-01-29 wrote [✗](gh-issue:7968>).
    const std::string name = "upstream-2024-12-25-6ad909fd.md";
    auto result = planner::import_document(planner::test::read_source_file("tests/data/docs/" + name), name);
    const auto* cell = result.matrix.pair("beam-search", "multi-step");
    REQUIRE(cell != nullptr);
    CHECK(cell->links == Strings{"https://github.com/vllm-project/vllm/issues/7968"});
    CHECK(has_note(result, name + ":300: link target 'gh-issue:7968>' has a stray '>' (half of a <...> pair); "
                               "read as https://github.com/vllm-project/vllm/issues/7968"));
}

TEST_CASE("a stray '<' is repaired too; other characters no URL holds are refused at their line") {
    auto repaired = planner::import_document(markdown_matrix("[❌](<gh-issue:12)"), "open.md");
    CHECK(repaired.matrix.support_cell("apc", "ampere")->links ==
          Strings{"https://github.com/vllm-project/vllm/issues/12"});
    CHECK(refusal(markdown_matrix("[❌](gh-issue:12\")"), "quote.md") ==
          "quote.md:9: link target 'gh-issue:12\"' is not a URL: it holds '\"'");
    CHECK(refusal(markdown_matrix("[❌](https://x.org/a{b)"), "brace.md") ==
          "brace.md:9: link target 'https://x.org/a{b' is not a URL: it holds '{'");
}

TEST_CASE("a footnote mark defined twice: different texts are refused naming both lines, the same text is a note") {
    for (const std::string mark : {"<sup>^</sup>", "\\*", "<sup>*</sup>"}) {
        CAPTURE(mark);
        const std::string table = markdown_matrix("🟠" + mark) + "\n" + mark + " first text.\n\n";
        const std::string message = refusal(table + mark + " second text.\n", "twice.md");
        CHECK_MESSAGE(message.find("twice.md:13: footnote '") == 0, message);
        CHECK_MESSAGE(message.find("defined twice with different texts: line 11 says 'first text.', line 13 says "
                                   "'second text.'") != std::string::npos,
                      message);
        auto same = planner::import_document(table + mark + " first text.\n", "same.md");
        CHECK(same.matrix.footnotes.size() == 1);
        CHECK(has_note(same, "same.md:13: footnote '"));
        CHECK(has_note(same, "is given again with the same text as at line 11; it is read once"));
    }
}

TEST_CASE("an HTML block is never closed: refused at its line, as an unclosed comment is") {
    const std::string message = refusal("<pre>\n" + markdown_matrix("✅"), "pre.md");
    CHECK_MESSAGE(message.find("pre.md:1: an HTML <pre> block opened at line 1 is never closed") == 0, message);
}

TEST_CASE("a delimiter row with another number of cells than the header makes no table (GFM)") {
    std::string document = markdown_matrix("✅");
    document.replace(document.rfind("|---|---|---|"), 13, "| - | - |");
    const std::string message = refusal(document, "delim.md");
    CHECK_MESSAGE(message.find("delim.md:6: this Markdown pipe table looks like a compatibility matrix but has no "
                               "header row (its delimiter row at line 7 has 2 cells where the header row has 3") == 0,
                  message);
}

TEST_CASE("a comment in a table row spans no pipe: GitHub splits the cells first") {
    // "| ✅ <!-- | ❌ --> |" has two cells on GitHub; read as a comment, it had one and the row lost a cell.
    const std::string message = refusal(markdown_matrix("✅ <!-- | ❌ -->"), "hide.md");
    CHECK_MESSAGE(message.find("hide.md:9: ") == 0, message);
}

TEST_CASE("a list-table option docutils does not know is refused at its line") {
    std::string rst = rst_matrix("✅");
    rst.insert(rst.find("   :header-rows: 1\n") + 19, "   :bogus: 1\n");
    CHECK(refusal(rst, "opt.rst").find("opt.rst:3: unknown list-table option 'bogus'") == 0);
    std::string myst = myst_matrix("✅");
    myst.insert(myst.find(":header-rows: 1\n") + 16, ":bogus: 1\n");
    CHECK(refusal(myst, "opt.md").find("opt.md:3: unknown list-table option 'bogus'") == 0);
    std::string known = rst_matrix("✅");
    known.insert(known.find("   :header-rows: 1\n") + 19, "   :widths: auto\n   :class: vertical-table-header\n");
    CHECK(planner::import_document(known, "known.rst").matrix.support_value("apc", "ampere") == CellValue::yes);
}

TEST_CASE("a table under '.. only::' or '.. ifconfig::' is refused at the directive: Sphinx shows it conditionally") {
    for (const std::string directive : {".. only:: latex", ".. ifconfig:: False"}) {
        CAPTURE(directive);
        const std::string message = refusal(directive + "\n\n" + each_line(rst_matrix("✅"), "   "), "cond.rst");
        CHECK_MESSAGE(message.find("cond.rst:1: the table at line 3 is inside '" + directive + "'") == 0, message);
    }
}
