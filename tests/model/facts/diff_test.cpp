#include <doctest/doctest.h>

#include <planner/diff.hpp>

using namespace planner;

namespace {
const std::string kPr = "https://github.com/vllm-project/vllm/pull/9057";
const std::string kIssue = "https://github.com/vllm-project/vllm/issues/2729";
const std::string kIssueAnchor = "https://github.com/vllm-project/vllm/issues/2729#";

Matrix old_matrix() {
    Matrix m;
    m.id = "old";
    m.features = {"cp", "apc", "lora", "sd"};
    m.hardware = {"volta", "cpu", "tpu"};
    m.diagonal = {{"cp", CellValue::blank}, {"apc", CellValue::blank}};
    m.pairs = {{"apc", "cp", CellValue::yes, {}, {}},
               {"lora", "cp", CellValue::no, {kPr}, {}},
               {"lora", "apc", CellValue::yes, {}, {}},
               {"sd", "cp", CellValue::no, {}, {}},
               {"sd", "apc", CellValue::yes, {}, {"*"}},
               {"sd", "lora", CellValue::no, {}, {}}};
    for (const auto& f : m.features)
        for (const auto& h : m.hardware) m.support.push_back({f, h, CellValue::yes, {}, {}});
    m.support[0] = {"cp", "volta", CellValue::no, {kIssue}, {}};
    m.footnotes = {{"*", "only with the V1 engine"}, {"^", "gone later"}};
    m.reindex();
    return m;
}

// The next release: apc moved before cp, sd was dropped, pooling and hopper
// appeared, tpu went away, LoRA x CP was fixed and the evidence of two cells moved.
Matrix new_matrix() {
    Matrix m;
    m.id = "new";
    m.features = {"apc", "cp", "lora", "pooling"};
    m.hardware = {"volta", "hopper", "cpu"};
    m.diagonal = {{"apc", CellValue::yes}, {"cp", CellValue::blank}};
    m.pairs = {{"cp", "apc", CellValue::yes, {}, {"†"}},
               {"lora", "apc", CellValue::yes, {}, {}},
               {"lora", "cp", CellValue::yes, {}, {}},
               {"pooling", "apc", CellValue::no, {}, {}},
               {"pooling", "cp", CellValue::no, {}, {}},
               {"pooling", "lora", CellValue::no, {}, {}}};
    for (const auto& f : m.features)
        for (const auto& h : m.hardware) m.support.push_back({f, h, CellValue::yes, {}, {}});
    m.support[0] = {"apc", "volta", CellValue::partial, {}, {}};
    m.support[3] = {"cp", "volta", CellValue::no, {kIssueAnchor}, {}};
    m.footnotes = {{"*", "only with the V1 engine, on GPUs"}, {"†", "new note"}};
    m.reindex();
    return m;
}
}  // namespace

TEST_CASE("features and hardware classes added and removed, in each matrix's order") {
    MatrixDiff d = diff_matrices(old_matrix(), new_matrix());
    CHECK(d.old_id == "old");
    CHECK(d.new_id == "new");
    CHECK(d.features_added == std::vector<std::string>{"pooling"});
    CHECK(d.features_removed == std::vector<std::string>{"sd"});
    CHECK(d.hardware_added == std::vector<std::string>{"hopper"});
    CHECK(d.hardware_removed == std::vector<std::string>{"tpu"});
}

TEST_CASE("a changed value is listed with both values and both sets of evidence") {
    MatrixDiff d = diff_matrices(old_matrix(), new_matrix());
    REQUIRE(d.value_changes.size() == 2);
    const CellChange& lora_cp = d.value_changes[0];
    CHECK(lora_cp.kind == CellChange::Kind::pair);
    CHECK(lora_cp.row == "lora");
    CHECK(lora_cp.column == "cp");
    CHECK(lora_cp.old_value == CellValue::no);
    CHECK(lora_cp.new_value == CellValue::yes);
    CHECK(lora_cp.old_links == std::vector<std::string>{kPr});
    CHECK(lora_cp.new_links.empty());

    const CellChange& apc_volta = d.value_changes[1];
    CHECK(apc_volta.kind == CellChange::Kind::support);
    CHECK(apc_volta.row == "apc");
    CHECK(apc_volta.column == "volta");
    CHECK(apc_volta.old_value == CellValue::yes);
    CHECK(apc_volta.new_value == CellValue::partial);
}

TEST_CASE("a pair printed the other way round is the same cell; its moved evidence is listed") {
    MatrixDiff d = diff_matrices(old_matrix(), new_matrix());
    REQUIRE(d.evidence_changes.size() == 2);
    const CellChange& cp_apc = d.evidence_changes[0];
    CHECK(cp_apc.kind == CellChange::Kind::pair);
    CHECK(cp_apc.row == "cp");  // as the new matrix prints it
    CHECK(cp_apc.column == "apc");
    CHECK(cp_apc.old_value == CellValue::yes);
    CHECK(cp_apc.new_value == CellValue::yes);
    CHECK(cp_apc.old_marks.empty());
    CHECK(cp_apc.new_marks == std::vector<std::string>{"†"});

    const CellChange& cp_volta = d.evidence_changes[1];
    CHECK(cp_volta.kind == CellChange::Kind::support);
    CHECK(cp_volta.old_links == std::vector<std::string>{kIssue});
    CHECK(cp_volta.new_links == std::vector<std::string>{kIssueAnchor});
}

TEST_CASE("cells of added or removed features and hardware are not listed one by one") {
    MatrixDiff d = diff_matrices(old_matrix(), new_matrix());
    for (const auto* list : {&d.value_changes, &d.evidence_changes})
        for (const CellChange& c : *list) {
            CHECK(c.row != "sd");
            CHECK(c.column != "sd");
            CHECK(c.row != "pooling");
            CHECK(c.column != "tpu");
            CHECK(c.column != "hopper");
        }
}

TEST_CASE("diagonal and footnote changes") {
    MatrixDiff d = diff_matrices(old_matrix(), new_matrix());
    REQUIRE(d.diagonal_changes.size() == 1);
    CHECK(d.diagonal_changes[0] == DiagonalChange{"apc", CellValue::blank, CellValue::yes});
    REQUIRE(d.footnote_changes.size() == 3);
    CHECK(d.footnote_changes[0].mark == "*");
    CHECK(d.footnote_changes[0].old_text == "only with the V1 engine");
    CHECK(d.footnote_changes[0].new_text == "only with the V1 engine, on GPUs");
    CHECK(d.footnote_changes[1].mark == "^");
    CHECK_FALSE(d.footnote_changes[1].new_text.has_value());
    CHECK(d.footnote_changes[2].mark == "†");
    CHECK_FALSE(d.footnote_changes[2].old_text.has_value());
}

TEST_CASE("a matrix compared with itself has no differences; swapping sides swaps old and new") {
    CHECK(diff_matrices(old_matrix(), old_matrix()).empty());
    CHECK_FALSE(diff_matrices(old_matrix(), new_matrix()).empty());
    MatrixDiff back = diff_matrices(new_matrix(), old_matrix());
    CHECK(back.features_added == std::vector<std::string>{"sd"});
    CHECK(back.hardware_removed == std::vector<std::string>{"hopper"});
    REQUIRE(back.value_changes.size() == 2);
    // Document order of the new side (now old_matrix): apc comes after cp.
    CHECK(back.value_changes[0].row == "lora");
    CHECK(back.value_changes[0].old_value == CellValue::yes);
    CHECK(back.value_changes[0].new_value == CellValue::no);
    REQUIRE(back.evidence_changes.size() == 2);
    CHECK(back.evidence_changes[0].row == "apc");
    CHECK(back.evidence_changes[0].column == "cp");
}

TEST_CASE("a cell only the old matrix states counts as blank in the new one, listed last") {
    Matrix a = old_matrix(), b = old_matrix();
    // b drops two cells it still has the features for: they read as "not stated".
    b.pairs.erase(b.pairs.begin() + 1);  // lora x cp (no, with a link)
    b.support.erase(b.support.begin() + 3);  // apc x volta (yes)
    b.pairs[0].value = CellValue::unknown;  // apc x cp
    b.reindex();
    MatrixDiff d = diff_matrices(a, b);
    REQUIRE(d.value_changes.size() == 3);
    CHECK(d.value_changes[0].row == "apc");
    CHECK(d.value_changes[0].new_value == CellValue::unknown);
    CHECK(d.value_changes[1].row == "lora");
    CHECK(d.value_changes[1].column == "cp");
    CHECK(d.value_changes[1].new_value == CellValue::blank);
    CHECK(d.value_changes[1].old_links == std::vector<std::string>{kPr});
    CHECK(d.value_changes[2].kind == CellChange::Kind::support);
    CHECK(d.value_changes[2].row == "apc");
    CHECK(d.value_changes[2].column == "volta");
    CHECK(d.value_changes[2].new_value == CellValue::blank);
}
