// Shapes vLLM has published beyond the three shipped documents, written as
// fixtures under tests/data/docs/: MyST list-tables in both fences, MkDocs
// pipe tables with reference-style labels, footnotes, TPU, x86 CPU, Intel GPU
// and prompt-embeds columns.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/import/importer.hpp"
#include "tests/test_files.hpp"

using planner::CellValue;

namespace {

planner::ImportResult import_fixture(const std::string& name) {
    return planner::import_document(planner::test::read_source_file("tests/data/docs/" + name), name);
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("MyST colon-fenced list-table: <abbr> labels, gh-issue/gh-pr links, a cell on two lines") {
    auto result = import_fixture("myst-colon-v0.7.md");
    const planner::Matrix& m = result.matrix;
    CHECK(m.id == "vllm-0.7");  // from the file name
    CHECK(m.features == Strings{"cp", "apc", "lora", "prompt-adapter", "sd", "pooling", "enc-dec", "mm"});
    CHECK(m.hardware == Strings{"volta", "turing", "ampere", "ada", "hopper", "cpu", "amd"});
    CHECK(m.diagonal.at("cp") == CellValue::yes);
    CHECK(m.pair_value("lora", "cp") == CellValue::no);
    CHECK(m.pair("lora", "cp")->links == Strings{"https://github.com/vllm-project/vllm/pull/9057"});
    CHECK(m.pair("enc-dec", "apc")->links == Strings{"https://github.com/vllm-project/vllm/issues/7366"});
    // "{gh-issue}`7366`" and "❌" on the next, deeper-indented line form one cell.
    CHECK(m.pair_value("enc-dec", "sd") == CellValue::no);
    CHECK(m.pair("enc-dec", "sd")->links == Strings{"https://github.com/vllm-project/vllm/issues/7366"});
    CHECK(m.pair_value("mm", "apc") == CellValue::partial);
    CHECK(m.pair_value("mm", "prompt-adapter") == CellValue::unknown);
    CHECK(m.pair_value("pooling", "sd") == CellValue::no);
    CHECK(m.support_value("pooling", "amd") == CellValue::unknown);
    CHECK(m.support_cell("prompt-adapter", "cpu")->links ==
          Strings{"https://github.com/vllm-project/vllm/issues/8475"});
    CHECK(m.support_value("enc-dec", "amd") == CellValue::no);
}

TEST_CASE("MyST backtick-fenced list-table with * - rows; hardware table first") {
    auto result = import_fixture("myst-backtick.md");
    const planner::Matrix& m = result.matrix;
    CHECK(m.id == "imported");  // nothing in the name or text says which release
    // Document order of the Feature x Feature rows, not of the first table.
    CHECK(m.features == Strings{"cp", "logprobs", "multi-step"});
    CHECK(m.hardware == Strings{"volta", "cpu", "amd"});
    CHECK(m.diagonal.at("cp") == CellValue::blank);
    CHECK(m.pair_value("logprobs", "cp") == CellValue::yes);
    CHECK(m.pair_value("multi-step", "cp") == CellValue::no);
    CHECK(m.pair("multi-step", "logprobs")->links == Strings{"https://github.com/vllm-project/vllm/issues/8198"});
    CHECK(m.support_value("cp", "volta") == CellValue::no);
    CHECK(m.support_value("cp", "cpu") == CellValue::no);
    CHECK(m.support_value("logprobs", "amd") == CellValue::unknown);
    CHECK(m.support_cell("multi-step", "cpu")->links == Strings{"https://github.com/vllm-project/vllm/issues/8477"});
}

TEST_CASE("MkDocs pipe tables: reference-style labels, footnote marks and texts, TPU and x86 CPU") {
    auto result = import_fixture("mkdocs-tpu.md");
    const planner::Matrix& m = result.matrix;
    CHECK(result.notes.empty());
    CHECK(m.features == Strings{"cp", "apc", "lora", "sd", "cuda-graph", "pooling", "enc-dec", "mm"});
    CHECK(m.hardware == Strings{"volta", "turing", "ampere", "ada", "hopper", "cpu", "amd", "tpu"});
    // A header label's docs link is not evidence: no cell carries it.
    for (const auto& pair : m.pairs)
        for (const auto& link : pair.links) CHECK(link.find("docs.vllm.ai") == std::string::npos);
    CHECK(m.pair_value("pooling", "cp") == CellValue::partial);
    CHECK(m.pair("pooling", "cp")->marks == Strings{"*"});
    CHECK(m.pair("pooling", "apc")->marks == Strings{"*"});
    CHECK(m.pair_value("mm", "lora") == CellValue::partial);
    CHECK(m.pair("mm", "lora")->links == Strings{"https://github.com/vllm-project/vllm/pull/4194"});
    CHECK(m.pair("mm", "lora")->marks == Strings{"^"});
    CHECK(m.pair_value("mm", "sd") == CellValue::unknown);
    CHECK(m.footnotes.size() == 2);
    CHECK(m.footnotes.at("*") == "Chunked prefill and prefix caching apply only to last-token pooling.");
    CHECK(m.footnotes.at("^") == "LoRA applies only to the language backbone of multimodal models.");
    CHECK(m.support_value("sd", "tpu") == CellValue::no);
    CHECK(m.support_value("cp", "tpu") == CellValue::yes);
    CHECK(m.support_value("cuda-graph", "cpu") == CellValue::no);  // the "x86 CPU" column
    CHECK(m.support_value("enc-dec", "amd") == CellValue::no);
    CHECK(m.support_value("pooling", "tpu") == CellValue::no);
}

TEST_CASE("README shape: Intel GPU, prompt-embeds, <sup> marks, [^1] footnotes, reference-style cell links") {
    auto result = import_fixture("readme-intel-gpu.md");
    const planner::Matrix& m = result.matrix;
    CHECK(result.notes.empty());
    CHECK(m.features == Strings{"cp", "lora", "sd", "cuda-graph", "mm", "prompt-embeds", "logprobs"});
    CHECK(m.hardware == Strings{"volta", "turing", "ampere", "ada", "hopper", "cpu", "amd", "intel-gpu"});
    CHECK(m.diagonal.at("prompt-embeds") == CellValue::yes);
    CHECK(m.pair_value("prompt-embeds", "sd") == CellValue::no);
    CHECK(m.pair_value("prompt-embeds", "mm") == CellValue::partial);
    CHECK(m.pair("prompt-embeds", "mm")->marks == Strings{"†"});
    CHECK(m.pair("logprobs", "prompt-embeds")->marks == Strings{"1"});
    CHECK(m.pair("mm", "lora")->marks == Strings{"^"});
    CHECK(m.footnotes.at("1") == "Prompt logprobs cannot be computed for embedded prompts.");
    // A footnote text that runs on over two lines is one text.
    CHECK(m.footnotes.at("†") ==
          "`prompt_embeds` works with embed-style multimodal content parts; content parts that go through the "
          "multimodal encoders are not verified.");
    CHECK(m.footnotes.at("‡") == "Checked on Arc A770 only.");
    CHECK(m.support_cell("prompt-embeds", "intel-gpu")->marks == Strings{"‡"});
    CHECK(m.support_value("prompt-embeds", "amd") == CellValue::unknown);
    CHECK(m.support_cell("cp", "volta")->links == Strings{"https://github.com/vllm-project/vllm/issues/2729"});
    CHECK(m.support_cell("cuda-graph", "intel-gpu")->links ==
          Strings{"https://github.com/vllm-project/vllm/issues/26970"});
    CHECK(m.support_value("sd", "cpu") == CellValue::no);
}

TEST_CASE("a feature only one table has still belongs to the matrix, with a note") {
    const std::string doc =
        "| Feature | CP | APC |\n|---|---|---|\n| CP | | |\n| APC | ✅ | |\n\n"
        "| Feature | Ampere | CPU |\n|---|---|---|\n| CP | ✅ | ✅ |\n| LoRA | ✅ | ❌ |\n";
    auto result = planner::import_document(doc, "partial.md");
    const planner::Matrix& m = result.matrix;
    CHECK(m.features == Strings{"cp", "apc", "lora"});
    CHECK(m.pair_value("lora", "cp") == CellValue::blank);
    REQUIRE(m.pair("lora", "apc") != nullptr);
    CHECK(m.support_value("lora", "cpu") == CellValue::no);
    REQUIRE(m.support_cell("apc", "ampere") != nullptr);  // apc had no hardware row
    CHECK(m.support_value("apc", "ampere") == CellValue::blank);
    REQUIRE(result.notes.size() == 2);
    CHECK(result.notes[0].find("partial.md:9: feature lora has no row in the Feature x Feature table") == 0);
    CHECK(result.notes[1].find("feature apc has no row in the Feature x Hardware table") != std::string::npos);
}

TEST_CASE("tables are found by their labels, whatever the headings and other tables around them") {
    const std::string doc =
        "# 兼容性\n\n| 名称 | 说明 |\n|---|---|\n| CP | 分块预填充 |\n| APC | 前缀缓存 |\n\n"
        "Feature x Feature\n\n| | SD | LoRA |\n|:-:|:-:|:-:|\n| SD | ✅ | |\n| LoRA | ✗ | ✅ |\n\n"
        "| 功能 | Hopper | TPU |\n|---|---|---|\n| SD | ✅ | ❌ |\n| LoRA | ✅ | ? |\n";
    auto result = planner::import_document(doc, "zh.md");
    CHECK(result.matrix.features == Strings{"sd", "lora"});
    CHECK(result.matrix.hardware == Strings{"hopper", "tpu"});
    CHECK(result.matrix.pair_value("sd", "lora") == CellValue::no);
    CHECK(result.matrix.support_value("lora", "tpu") == CellValue::unknown);
    CHECK(result.matrix.id == "imported-zh");
}

TEST_CASE("{eval-rst} list-tables with features spelled out in full") {
    auto result = import_fixture("eval-rst-long-labels.md");
    const planner::Matrix& m = result.matrix;
    CHECK(m.features == Strings{"cp", "apc", "prompt-adapter", "sd", "pooling", "enc-dec", "async-output", "mm"});
    CHECK(m.hardware == Strings{"volta", "ampere", "cpu", "amd"});
    CHECK(m.pair_value("pooling", "sd") == CellValue::no);
    CHECK(m.pair("enc-dec", "sd")->links == Strings{"https://github.com/vllm-project/vllm/issues/7366"});
    CHECK(m.pair_value("enc-dec", "pooling") == CellValue::yes);
    CHECK(m.pair("mm", "apc")->links == Strings{"https://github.com/vllm-project/vllm/pull/8348"});
    CHECK(m.pair_value("mm", "sd") == CellValue::unknown);
    CHECK(m.pair_value("mm", "async-output") == CellValue::yes);
    // The hardware table lists async output last; the feature order stays the triangle's.
    CHECK(m.support_value("async-output", "cpu") == CellValue::no);
    CHECK(m.support_value("pooling", "amd") == CellValue::unknown);
    CHECK(m.support_cell("prompt-adapter", "cpu")->links ==
          Strings{"https://github.com/vllm-project/vllm/issues/8475"});
}

TEST_CASE("Windows-1252 mojibake is repaired like the Mac Roman one and reads like the clean document") {
    auto damaged = import_fixture("windows-1252-mojibake.md");
    auto clean = import_fixture("mkdocs-tpu.md");
    REQUIRE(damaged.notes.size() == 1);
    CHECK(damaged.notes[0].find("repaired Windows-1252 mojibake") != std::string::npos);
    CHECK(damaged.matrix.pairs.size() == clean.matrix.pairs.size());
    CHECK(damaged.matrix.pair("mm", "lora")->marks == Strings{"^"});
    CHECK(damaged.matrix.footnotes == clean.matrix.footnotes);
    for (const auto& cell : clean.matrix.support)
        CHECK(damaged.matrix.support_value(cell.feature, cell.hardware) == cell.value);
}
