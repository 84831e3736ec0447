#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/overlay.hpp>

#include "model/adapters/conflict_graph_dot.hpp"

using namespace planner;

namespace {
Matrix tiny_matrix() {
    Matrix m;
    m.id = "tiny";
    m.features = {"cp", "apc", "lora", "sd"};
    m.hardware = {"ampere", "cpu"};
    m.pairs = {{"apc", "cp", CellValue::yes, {}, {}},
               {"lora", "cp", CellValue::no, {"https://github.com/vllm-project/vllm/pull/9057"}, {}},
               {"lora", "apc", CellValue::partial, {}, {"*"}},
               {"sd", "cp", CellValue::unknown, {}, {}},
               {"sd", "apc", CellValue::blank, {}, {}},
               {"sd", "lora", CellValue::no, {}, {}}};
    for (const auto& f : m.features) m.support.push_back({f, "ampere", CellValue::yes, {}, {}});
    m.support.push_back({"cp", "cpu", CellValue::no, {"https://github.com/vllm-project/vllm/issues/2729"}, {}});
    m.support.push_back({"apc", "cpu", CellValue::partial, {}, {}});
    m.support.push_back({"lora", "cpu", CellValue::yes, {}, {}});
    // sd on cpu is not stated at all.
    m.footnotes = {{"*", "needs \"--flag\" and C:\\dir"}};
    m.reindex();
    return m;
}

Matrix tiny_overlaid() {
    CellAssumption fix = parse_assumption("lora:sd=yes");
    fix.reason = "works with EAGLE";
    fix.link = "https://github.com/vllm-project/vllm/pull/1";
    return apply_overlay(tiny_matrix(), {fix}).matrix;
}

bool dot_installed() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

// Runs `dot -Tsvg`; returns its diagnostics, or "exit N: ..." when it failed.
// `name` becomes part of a file name in the shell command: plain characters only.
std::string render_problems(const std::string& dot_text, const std::string& name) {
    const std::string in = "conflict_graph_" + name + ".dot", err = in + ".err";
    std::ofstream(in) << dot_text;
    int status = std::system(("dot -Tsvg '" + in + "' -o /dev/null 2>'" + err + "'").c_str());
    std::stringstream diagnostics;
    diagnostics << std::ifstream(err).rdbuf();
    std::remove(in.c_str());
    std::remove(err.c_str());
    if (status != 0) return "exit " + std::to_string(status) + ": " + diagnostics.str();
    return diagnostics.str();
}
}  // namespace

TEST_CASE("the DOT of a tiny matrix, node by node and edge by edge") {
    const std::string expected = R"dot(graph "tiny on cpu" {
  graph [label="conflicts of tiny on cpu\nsolid: no   dashed: partial (orange) or unknown (blue)   grey: not supported on cpu   filled: the plan", labelloc="t", fontname="Helvetica"];
  node [shape="box", style="rounded", fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize="10"];
  "cp" [label="cp\nno on cpu", style="rounded,dashed", color="grey60", fontcolor="grey50", tooltip="chunked prefill\ncpu: no\nhttps://github.com/vllm-project/vllm/issues/2729", URL="https://github.com/vllm-project/vllm/issues/2729"];
  "apc" [label="apc\npartial on cpu", style="rounded,dashed,filled", fillcolor="palegreen", tooltip="automatic prefix caching\ncpu: partial"];
  "lora" [label="lora", style="rounded,filled", fillcolor="palegreen", tooltip="LoRA adapters\ncpu: yes"];
  "sd" [label="sd", tooltip="speculative decoding\ncpu: blank"];
  "lora" -- "cp" [color="red3", penwidth="1.5", tooltip="lora x cp: no\nhttps://github.com/vllm-project/vllm/pull/9057", URL="https://github.com/vllm-project/vllm/pull/9057"];
  "lora" -- "apc" [style="dashed", color="darkorange", label="partial *", tooltip="lora x apc: partial\n* needs \"--flag\" and C:\\dir"];
  "sd" -- "cp" [style="dashed", color="royalblue", label="unknown", tooltip="sd x cp: unknown"];
  "sd" -- "lora" [style="dotted", color="grey60", fontcolor="grey50", label="assumed yes (published no)", tooltip="sd x lora: assumed yes (published no)\nassumed by --assume lora:sd=yes: works with EAGLE\nhttps://github.com/vllm-project/vllm/pull/1", URL="https://github.com/vllm-project/vllm/pull/1"];
}
)dot";
    CHECK(conflict_graph_dot(tiny_overlaid(), "cpu", GraphOptions{{"apc", "lora"}}) == expected);
}

TEST_CASE("without a plan or an overlay: no fill, the published conflict is a solid edge") {
    std::string dot = conflict_graph_dot(tiny_matrix(), "ampere");
    CHECK(dot.find("filled") == std::string::npos);
    CHECK(dot.find("the plan") == std::string::npos);
    CHECK(dot.find("dashed\"") != std::string::npos);  // the partial and unknown edges
    CHECK(dot.find("  \"cp\" [label=\"cp\", tooltip=\"chunked prefill\\nampere: yes\"];\n") != std::string::npos);
    CHECK(dot.find("  \"sd\" -- \"lora\" [color=\"red3\", penwidth=\"1.5\", tooltip=\"sd x lora: no\"];\n") !=
          std::string::npos);
    CHECK(dot.find("assumed") == std::string::npos);
}

TEST_CASE("the same matrix stored in another order gives the same bytes") {
    Matrix shuffled = tiny_overlaid();
    std::reverse(shuffled.pairs.begin(), shuffled.pairs.end());
    std::rotate(shuffled.support.begin(), shuffled.support.begin() + 3, shuffled.support.end());
    shuffled.reindex();
    GraphOptions plan{{"lora", "apc"}};
    CHECK(conflict_graph_dot(shuffled, "cpu", plan) == conflict_graph_dot(tiny_overlaid(), "cpu", plan));
}

TEST_CASE("labels are escaped: quotes, backslashes, line breaks and control characters") {
    Matrix m = tiny_matrix();
    m.footnotes["*"] = "a \"b\" c\\n d\nnext\tline";
    m.reindex();
    std::string dot = conflict_graph_dot(m, "cpu");
    CHECK(dot.find(R"(tooltip="lora x apc: partial\n* a \"b\" c\\n d\nnext line")") != std::string::npos);
}

TEST_CASE("hardware the matrix lacks and plan features it lacks are usage errors") {
    CHECK_THROWS_WITH_AS(conflict_graph_dot(tiny_matrix(), "tpu"), "hardware 'tpu' has no column in matrix tiny",
                         UsageError);
    CHECK_THROWS_WITH_AS(conflict_graph_dot(tiny_matrix(), "cpu", GraphOptions{{"cp", "pooling"}}),
                         "plan feature 'pooling' is not in matrix tiny", UsageError);
}

TEST_CASE("graphviz renders the graph of every shipped matrix on every hardware class") {
    if (!dot_installed()) {
        MESSAGE("graphviz 'dot' is not installed: rendering not checked (apt-get install graphviz)");
        return;
    }
    REQUIRE_FALSE(shipped_matrices().empty());
    size_t rendered = 0;
    for (const ShippedMatrix& shipped : shipped_matrices()) {
        Matrix m = load_matrix(shipped.id);
        for (const auto& hw : m.hardware) {
            CAPTURE(shipped.id);
            CAPTURE(hw);
            CHECK(render_problems(conflict_graph_dot(m, hw), std::to_string(rendered)) == "");
            ++rendered;
        }
    }
    CHECK(rendered >= 7);
    // An overlay and a plan add the attributes the plain graphs lack.
    CHECK(render_problems(conflict_graph_dot(tiny_overlaid(), "cpu", GraphOptions{{"apc", "lora"}}), "tiny") == "");
}
