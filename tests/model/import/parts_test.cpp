// The importer's parts on small inputs: hash, mojibake repair, labels, cells, limits.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <planner/error.hpp>

#include "model/import/cell.hpp"
#include "model/import/importer.hpp"
#include "model/import/label.hpp"
#include "model/import/markdown_table.hpp"
#include "model/import/mojibake.hpp"
#include "model/import/myst_list_table.hpp"
#include "model/import/rst_list_table.hpp"
#include "model/import/sha256.hpp"
#include "model/import/text.hpp"
#include "model/import/version_id.hpp"
#include "model/io/limits.hpp"

using namespace planner::importing;
using planner::CellValue;
using Strings = std::vector<std::string>;

TEST_CASE("sha256 matches the published test vectors, across the padding boundary") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Mac Roman mojibake is repaired only when the text really is mojibake") {
    auto decode = [](const std::string& bytes) { return decode_document_bytes(bytes, "t.md"); };
    // 🟠 starts with byte 0xF0, which Mac Roman reads as the Apple logo (U+F8FF).
    const DecodedText repaired = decode("| ‚úÖ | ‚ùå | \uF8FFüü† | ‚ùî |\nÂÖºÂÆπ\n");
    CHECK(repaired.repaired_from == "Mac Roman");
    CHECK(repaired.text == "| ✅ | ❌ | 🟠 | ❔ |\n兼容\n");
    // Clean UTF-8, even with characters Mac Roman has, is left alone.
    for (const std::string clean : {"café ✅\n", "| ✅ | ✗ |\n", "Überschrift – ok\n", "plain ascii\n"}) {
        CAPTURE(clean);
        const DecodedText same = decode(clean);
        CHECK(same.repaired_from.empty());
        CHECK(same.text == clean);
    }
    // Windows-1252 mojibake; ❌ holds byte 0x9D, which the code page leaves undefined (U+009D).
    const DecodedText windows = decode("| âœ… | â\u009DŒ | âœ— |\n");
    CHECK(windows.repaired_from == "Windows-1252");
    CHECK(windows.text == "| ✅ | ❌ | ✗ |\n");
    CHECK_THROWS_WITH_AS(decode("ok\n| âœ… | âŒ |\n"),  // U+009D lost: ❌ cannot come back
                         doctest::Contains("t.md:2: Windows-1252 mojibake that cannot be repaired"),
                         planner::InputError);
    CHECK(decode("\xEF\xBB\xBFhello").text == "hello");  // a byte-order mark is dropped
    CHECK_THROWS_WITH_AS(decode("line\n| ‚ú |\n| ‚úÖ |\n"), doctest::Contains("t.md:2: Mac Roman mojibake"),
                         planner::InputError);
    CHECK_THROWS_WITH_AS(decode("ok\nok\n\xC3\x28\n"), doctest::Contains("t.md:3: not UTF-8"), planner::InputError);
    CHECK_THROWS_WITH_AS(decode("ok\n\xED\xA0\x80\n"), doctest::Contains("t.md:2: not UTF-8"),
                         planner::InputError);  // a surrogate
    CHECK_THROWS_WITH_AS(decode(std::string("a\nb\0c", 5)), doctest::Contains("t.md:2: binary data"),
                         planner::InputError);
}

TEST_CASE("labels in every form vLLM printed them") {
    CHECK(parse_label(":ref:`CP <chunked-prefill>`").text == "CP");
    const Label abbr = parse_label(":abbr:`prmpt adptr (Prompt Adapter)`");
    CHECK(abbr.text == "prmpt adptr");
    CHECK(abbr.title == "Prompt Adapter");
    const Label html = parse_label("<abbr title=\"Encoder-Decoder Models\">enc-dec</abbr>");
    CHECK(html.text == "enc-dec");
    CHECK(html.title == "Encoder-Decoder Models");
    CHECK(parse_label("[APC](https://docs.vllm.ai/en/latest/features/apc.html#apc)").text == "APC");
    CHECK(parse_label("[CP][chunked-prefill]").text == "CP");
    CHECK(parse_label("**CUDA graph**").text == "CUDA graph");
    CHECK(parse_label("  guided   dec ").text == "guided dec");
    CHECK(parse_label("`SD <https://docs.vllm.ai/spec_decode.html>`_").text == "SD");
}

TEST_CASE("cells: symbols, links in every syntax, footnote marks") {
    const std::map<std::string, std::string> definitions = {{"issue-1", "https://example.org/1"}};
    std::vector<std::string> notes;
    CellContext context{"c.md", &definitions, &notes, "row A column B"};
    auto cell = [&](const std::string& text) { return parse_cell(RawCell{text, 7}, context); };
    const std::string issue = "https://github.com/vllm-project/vllm/issues/";
    const std::string pull = "https://github.com/vllm-project/vllm/pull/";

    CHECK(cell("").value == CellValue::blank);
    CHECK(cell("✅").value == CellValue::yes);
    CHECK(cell("✅️").value == CellValue::yes);  // with the emoji variation selector
    CHECK(cell("✅︎").value == CellValue::yes);  // with the text variation selector
    CHECK(cell("❌").value == CellValue::no);
    CHECK(cell("✗ ").value == CellValue::no);
    CHECK(cell("🟠").value == CellValue::partial);
    CHECK(cell("❔").value == CellValue::unknown);
    CHECK(cell("?").value == CellValue::unknown);
    CHECK(cell("`✗ <https://github.com/vllm-project/vllm/pull/9057>`__ ").links == Strings{pull + "9057"});
    CHECK(cell("[❌](gh-issue:7366)").links == Strings{issue + "7366"});
    CHECK(cell("[🟠](gh-pr:4194)").links == Strings{pull + "4194"});
    CHECK(cell("[❌](https://github.com/vllm-project/vllm/issues/2729#)").links == Strings{issue + "2729"});
    CHECK(cell("❌ {gh-issue}`11484`").links == Strings{issue + "11484"});
    CHECK(cell("❌ :gh-pr:`12`").links == Strings{pull + "12"});
    CHECK(cell("❌ https://github.com/vllm-project/vllm/issues/5").links == Strings{issue + "5"});
    CHECK(cell("<a href=\"https://x.org/a\">❌</a>").links == Strings{"https://x.org/a"});
    CHECK(cell("[❌][issue-1]").links == Strings{"https://example.org/1"});
    CHECK(cell("[❌][Issue-1]").links == Strings{"https://example.org/1"});  // labels compare case-blind
    CHECK(notes.empty());
    const ParsedCell undefined = cell("[❌][nowhere]");
    CHECK(undefined.value == CellValue::no);
    CHECK(undefined.links.empty());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("c.md:7: link reference [nowhere] has no definition") == 0);

    CHECK(cell("🟠\\*").marks == Strings{"*"});
    CHECK(cell("🟠*").marks == Strings{"*"});
    CHECK(cell("✅<sup>^</sup>").marks == Strings{"^"});
    CHECK(cell("✅^").marks == Strings{"^"});
    CHECK(cell("🟠<sup>†</sup>").marks == Strings{"†"});
    CHECK(cell("🟠†").marks == Strings{"†"});
    CHECK(cell("❌[^1]").marks == Strings{"1"});
    CHECK(cell("<sup>\\*,^</sup>🟠").marks == Strings{"*", "^"});
    const ParsedCell both = cell("[🟠](gh-pr:4194)<sup>^</sup>");
    CHECK(both.value == CellValue::partial);
    CHECK(both.links == Strings{pull + "4194"});
    CHECK(both.marks == Strings{"^"});

    CHECK_THROWS_WITH_AS(cell("✔"), doctest::Contains("c.md:7: unknown cell symbol '✔' at row A column B"),
                         planner::InputError);
    CHECK_THROWS_WITH_AS(cell("yes"), doctest::Contains("unknown cell symbol 'yes'"), planner::InputError);
    CHECK_THROWS_WITH_AS(cell("✅✅"), doctest::Contains("unknown cell symbol"), planner::InputError);
    CHECK_THROWS_WITH_AS(cell("‚úÖ"), doctest::Contains("looks like mojibake"), planner::InputError);
}

TEST_CASE("size limits are refused with a clear message, not a memory blow-up") {
    CHECK_THROWS_WITH_AS(planner::import_document(std::string((16u << 20) + 1, 'a'), "big.md"),
                         doctest::Contains("big.md: document is 16777217 bytes; at most 16 MiB"), planner::InputError);
    std::string wide = "| Feature |";
    std::string rule = "|---|";
    for (int i = 0; i < 65; ++i) wide += " Ampere |", rule += "---|";
    const std::string triangle = "| Feature | CP | SD |\n|---|---|---|\n| CP | | |\n| SD | ❌ | |\n\n";
    CHECK_THROWS_WITH_AS(planner::import_document(triangle + wide + "\n" + rule + "\n", "wide.md"),
                         doctest::Contains("wide.md:6: the Feature x Hardware table has 65 columns; at most 64"),
                         planner::InputError);
    std::string tall = "| Feature |";
    rule = "|---|";
    constexpr size_t kOverCap = planner::limits::kMaxFeatures + 1;
    for (size_t i = 0; i < kOverCap; ++i) tall += " CP |", rule += "---|";
    const std::string support = "\n| Feature | Ampere | CPU |\n|---|---|---|\n| CP | ✅ | ✅ |\n";
    CHECK_THROWS_WITH_AS(planner::import_document(tall + "\n" + rule + "\n" + support, "tall.md"),
                         doctest::Contains(("the Feature x Feature table has " + std::to_string(kOverCap) +
                                            " columns; at most " + std::to_string(planner::limits::kMaxFeatures))
                                               .c_str()),
                         planner::InputError);
}

// A reader keeps a row's cells only up to one past the widest a matrix may have
// (its label and kMaxFeatures): 4M cells of "| x " in one row cost hundreds of MB.
TEST_CASE("a row of millions of cells keeps no more cells than a matrix row can have") {
    using namespace planner::importing;
    constexpr size_t kCells = 1'000'000;
    constexpr size_t kKept = planner::limits::kMaxFeatures + 2;
    auto document = [](const std::string& text) { return Document{"wide.md", split_lines(text)}; };
    auto widest_row = [](const std::vector<RawTable>& tables) {
        size_t widest = 0;
        for (const RawTable& table : tables)
            for (const auto& row : table.rows) widest = std::max(widest, row.size());
        return widest;
    };
    std::string pipe_row = "| a | b |\n|---|---|\n";
    for (size_t k = 0; k < kCells; ++k) pipe_row += "| x ";
    const auto markdown = read_markdown_tables(document(pipe_row + "|\n"));
    REQUIRE(markdown.size() == 1);
    CHECK(widest_row(markdown) == kKept);
    CHECK(markdown[0].first_wide_row.line == 3);
    CHECK(markdown[0].first_wide_row.cells == kCells);

    std::string items;
    for (size_t k = 0; k < kCells; ++k) items += "     - x\n";
    const auto rst = read_rst_list_tables(document(".. list-table::\n   :header-rows: 1\n\n   * - a\n" + items));
    REQUIRE(rst.size() == 1);
    CHECK(widest_row(rst) == kKept);
    CHECK(rst[0].first_wide_row.cells == kCells + 1);

    std::string myst_items;
    for (size_t k = 0; k < kCells; ++k) myst_items += "  - x\n";
    const auto myst = read_myst_list_tables(document(":::{list-table}\n:header-rows: 1\n\n* - a\n" + myst_items + ":::\n"));
    REQUIRE(myst.size() == 1);
    CHECK(widest_row(myst) == kKept);
}

TEST_CASE("line endings and layout details do not change the cells") {
    const std::string unix_doc =
        "| Feature | CP | SD |\n|---|---|---|\n| CP | | |\n| SD | ❌ | |\n\n"
        "| Feature | Ampere |\n|---|---|\n| CP | ✅ |\n| SD | ✅ |\n";
    std::string windows_doc;
    for (char c : unix_doc) {
        if (c == '\n') windows_doc += '\r';
        windows_doc += c;
    }
    const auto a = planner::import_document(unix_doc, "u.md").matrix;
    const auto b = planner::import_document(windows_doc, "w.md").matrix;
    CHECK(a.pairs.size() == 1);
    CHECK(b.pair_value("sd", "cp") == CellValue::no);
    CHECK(a.pair_value("sd", "cp") == b.pair_value("sd", "cp"));
    // Outer pipes are optional in GFM.
    const std::string bare =
        "Feature | CP | SD\n---|---|---\nCP | |\nSD | ❌ |\n\nFeature | Ampere\n--|--\nCP | ✅\nSD | ✅\n";
    CHECK_THROWS_WITH_AS(planner::import_document(bare, "bare.md"), doctest::Contains("bare.md:3: ragged row"),
                         planner::InputError);
    const std::string bare_ok =
        "Feature | CP | SD\n---|---|---\nCP | | |\nSD | ❌ | |\n\nFeature | Ampere\n--|--\nCP | ✅\nSD | ✅\n";
    CHECK(planner::import_document(bare_ok, "bare.md").matrix.pair_value("sd", "cp") == CellValue::no);
}

TEST_CASE("matrix ids for documents the project has never seen") {
    auto id = [](std::string_view file, std::vector<std::string> lines) {
        return derive_matrix_id(file, Document{std::string(file), std::move(lines)});
    };
    CHECK(id("compatibility_matrix-v0.6.rst", {}) == "vllm-0.6");
    CHECK(id("docs/matrix_0.10.2.md", {}) == "vllm-0.10.2");
    CHECK(id("m.md", {"See https://docs.vllm.ai/en/v0.8.5/features/x.html"}) == "vllm-0.8.5");
    CHECK(id("m.md", {"Valid for vLLM v0.9.1 and later"}) == "vllm-0.9.1");
    CHECK(id("m.md", {"pip install vllm==0.7.3"}) == "vllm-0.7.3");
    CHECK(id("m.md", {"https://github.com/vllm-project/vllm/releases/tag/v0.11.0"}) == "vllm-0.11.0");
    // Issue numbers and hashes are not versions.
    CHECK(id("000_c80e026caf167046.txt", {"https://github.com/vllm-project/vllm/issues/8477"}) == "imported");
    CHECK(id("m.md", {"[CP](https://docs.vllm.ai/en/latest/models/performance.html#chunked-prefill)"}) ==
          "vllm-0.6");
    CHECK(id("m.md", {"[CP](https://docs.vllm.ai/en/latest/performance/optimization.html#chunked-prefill)"}) ==
          "vllm-0.8");
    CHECK(id("m.md", {"兼容性矩阵"}) == "imported-zh");
    CHECK_NOTHROW(check_matrix_id("vllm-0.8-zh"));
    CHECK_THROWS_AS(check_matrix_id(""), planner::UsageError);
    CHECK_THROWS_AS(check_matrix_id("a/b"), planner::UsageError);
}

TEST_CASE("an empty cell beyond a Markdown header is dropped with a note; a filled one is refused") {
    // vLLM's page of 2025-07-23 ended three Feature x Feature rows so; GitHub ignores such cells.
    const std::string stray =
        "| Feature | CP | SD |\n|---|---|---|\n| CP | | | |\n| SD | ❌ | | |\n\n"
        "| Feature | Ampere |\n|--|--|\n| CP | ✅ |\n| SD | ✅ |\n";
    const planner::ImportResult imported = planner::import_document(stray, "stray.md");
    CHECK(imported.matrix.pair_value("sd", "cp") == CellValue::no);
    REQUIRE(imported.notes.size() == 1);
    CHECK(imported.notes[0] ==
          "stray.md:3: Feature x Feature table rows at lines 3, 4 end in an empty cell beyond the header's 3 cells; "
          "read as GitHub reads the table, without them");
    std::string filled = stray;
    filled.replace(filled.find("| SD | ❌ | | |"), std::string("| SD | ❌ | | |").size(), "| SD | ❌ | | x |");
    CHECK_THROWS_WITH_AS(planner::import_document(filled, "filled.md"),
                         doctest::Contains("filled.md:4: ragged row in the Feature x Feature table: 4 cells where "
                                           "the header has 3"),
                         planner::InputError);
}
