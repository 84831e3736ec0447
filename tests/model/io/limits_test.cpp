// One test per cap of model/io/limits.hpp: input just over the cap is refused with
// an InputError that names the file and the cap, and input at the cap is not
// refused for its size (it may fail later for what it says).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/overlay.hpp>

#include "model/import/importer.hpp"
#include "model/io/limits.hpp"
#include "model/io/matrix_json.hpp"

namespace {

using namespace planner;

template <typename F>
std::string refusal(F&& call) {
    try {
        call();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

// A pipe table whose header has `columns` cells after the first, cycling `labels`.
std::string wide_table(size_t columns, std::initializer_list<const char*> labels, const char* row_label) {
    std::string header = "| Feature |", delimiter = "|---|", row = "| ";
    row += row_label;
    row += " |";
    size_t k = 0;
    for (size_t c = 0; c < columns; ++c, ++k) {
        header.append(" ").append(labels.begin()[k % labels.size()]).append(" |");
        delimiter += "---|";
        row += " |";
    }
    return header + "\n" + delimiter + "\n" + row + "\n";
}

const char* const kHardwareTable = "\n| Feature | Ampere | CPU |\n|---|---|---|\n| CP | ✅ | ✅ |\n";
const char* const kFeatureTable = "| Feature | CP | APC |\n|---|---|---|\n| CP | | |\n| APC | ✅ | |\n\n";

struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               (std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" + name)) {}
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

TEST_CASE("a document over the size cap is refused before it is decoded") {
    const std::string over(limits::kMaxDocumentBytes + 1, ' ');
    const std::string message = refusal([&] { import_document(over, "huge.md"); });
    CHECK(message.find("huge.md: document is " + std::to_string(over.size()) + " bytes; at most 16 MiB") == 0);
    const std::string at_cap(limits::kMaxDocumentBytes, ' ');
    CHECK(refusal([&] { import_document(at_cap, "blank.md"); }).find("at most") == std::string::npos);
}

TEST_CASE("a Feature x Feature table wider than the feature cap is refused at its header") {
    const std::string doc =
        wide_table(limits::kMaxFeatures + 1, {"CP", "APC", "LoRA"}, "CP") + kHardwareTable;
    const std::string message = refusal([&] { import_document(doc, "wide.md"); });
    CHECK_MESSAGE(message.find("wide.md:1: the Feature x Feature table has " +
                               std::to_string(limits::kMaxFeatures + 1) + " columns; at most " +
                               std::to_string(limits::kMaxFeatures) + " are accepted") == 0,
                  message);
}

TEST_CASE("a Feature x Hardware table wider than the hardware cap is refused at its header") {
    const std::string doc = kFeatureTable + wide_table(limits::kMaxHardware + 1, {"Ampere", "CPU", "TPU"}, "CP");
    const std::string message = refusal([&] { import_document(doc, "wide-hw.md"); });
    CHECK_MESSAGE(message.find("wide-hw.md:6: the Feature x Hardware table has " +
                               std::to_string(limits::kMaxHardware + 1) + " columns; at most " +
                               std::to_string(limits::kMaxHardware) + " are accepted") == 0,
                  message);
}

TEST_CASE("a matrix JSON text over the size cap is refused before it is parsed") {
    const std::string over(limits::kMaxMatrixJsonBytes + 1, ' ');
    const auto started = std::chrono::steady_clock::now();
    const std::string message = refusal([&] { matrix_from_json(over, "blank.json"); });
    CHECK(message.find("blank.json: the matrix file is " + std::to_string(over.size()) + " bytes; at most 16 MiB") ==
          0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500));
}

TEST_CASE("a matrix file over the cap is refused by its size, without reading it") {
    TempFile file("sparse.json");
    // Sparse: 4 GiB on paper, nothing on disk; reading it would take seconds and the memory.
    { std::ofstream(file.path.string()) << "{"; }
    std::filesystem::resize_file(file.path, 4ull << 30);
    const auto started = std::chrono::steady_clock::now();
    const std::string message = refusal([&] { load_matrix(file.path.string()); });
    CHECK_MESSAGE(message.find(file.path.string() + ": the matrix file is 4294967296 bytes; at most 16 MiB are accepted") ==
                      0,
                  message);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500));
}

TEST_CASE("matrix JSON with more features or hardware classes than the caps is refused") {
    auto names = [](size_t count) {
        std::string list = "[";
        for (size_t i = 0; i < count; ++i) list += (i ? ", \"f" : "\"f") + std::to_string(i) + "\"";
        return list + "]";
    };
    const std::string features = R"({"schema": "planner-matrix/1", "id": "x", "source": "", "sha256": "", "features": )" +
                                 names(limits::kMaxFeatures + 1) + R"(, "hardware": []})";
    CHECK(refusal([&] { matrix_from_json(features, "many.json"); }) ==
          "many.json: features: " + std::to_string(limits::kMaxFeatures + 1) + " features; at most " +
              std::to_string(limits::kMaxFeatures) + " are accepted");
    const std::string hardware = R"({"schema": "planner-matrix/1", "id": "x", "source": "", "sha256": "", "features": ["cp"], "hardware": )" +
                                 names(limits::kMaxHardware + 1) + "}";
    CHECK(refusal([&] { matrix_from_json(hardware, "many.json"); }) ==
          "many.json: hardware: " + std::to_string(limits::kMaxHardware + 1) + " hardware classes; at most " +
              std::to_string(limits::kMaxHardware) + " are accepted");
}

TEST_CASE("JSON nested deeper than the cap is refused, naming the path") {
    auto nested = [](size_t depth) {
        return R"({"schema": "planner-matrix/1", "id": )" + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
               "}";
    };
    const std::string deep = refusal([&] { matrix_from_json(nested(limits::kMaxJsonDepth + 1), "deep.json"); });
    CHECK_MESSAGE(deep.find("deep.json: id[0]") == 0, deep);
    CHECK(deep.find("nested deeper than " + std::to_string(limits::kMaxJsonDepth) + " levels") != std::string::npos);
    // At the cap the document parses and fails on what it says instead.
    CHECK(refusal([&] { matrix_from_json(nested(limits::kMaxJsonDepth), "deep.json"); }) ==
          "deep.json: id: must be a string, not array");
}

TEST_CASE("a repeated JSON key is refused instead of keeping the last one") {
    CHECK(refusal([] { matrix_from_json(R"({"schema": "planner-matrix/1", "schema": "planner-matrix/1"})", "twice.json"); }) ==
          "twice.json: schema: the key \"schema\" appears twice in one object");
    const std::string overlay = R"({"schema": "planner-overlay/1", "cells": [
        {"a": "lora", "b": "sd", "value": "no", "value": "yes"}]})";
    CHECK(refusal([&] { parse_overlay(overlay, "fix.json"); }) ==
          "fix.json: cells[0].value: the key \"value\" appears twice in one object");
}

TEST_CASE("an overlay over its size cap is refused, as text and as a file") {
    const std::string over(limits::kMaxOverlayBytes + 1, ' ');
    CHECK(refusal([&] { parse_overlay(over, "big-overlay.json"); })
              .find("big-overlay.json: the overlay file is " + std::to_string(over.size()) + " bytes; at most 4 MiB") ==
          0);
    TempFile file("overlay.json");
    { std::ofstream(file.path.string()) << "{"; }
    std::filesystem::resize_file(file.path, limits::kMaxOverlayBytes + 1);
    CHECK(refusal([&] { read_overlay_file(file.path.string()); })
              .find(file.path.string() + ": the overlay file is " + std::to_string(limits::kMaxOverlayBytes + 1) +
                    " bytes; at most 4 MiB are accepted") == 0);
}
