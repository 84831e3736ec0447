// planner matrix list | show: the shipped matrices and the tables of one.
#include <iostream>

#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/matrix_table.hpp"
#include "cli/render/result_json.hpp"
#include "model/io/matrix_json.hpp"

namespace planner::cli {

namespace {

struct ListFlags {
    bool json = false;
};

struct ShowFlags {
    std::string matrix, hardware;
    bool strict_labels = false;  // --strict-labels
    bool json = false;
};

int run_list(const ListFlags& flags) {
    const auto shipped = shipped_matrices();
    if (flags.json) {
        ordered_json out = result_head("matrix list", "ok");
        ordered_json list = ordered_json::array();
        for (size_t i = 0; i < shipped.size(); ++i) {
            ordered_json item;
            item["id"] = shipped[i].id;
            item["source"] = shipped[i].source;
            item["features"] = shipped[i].features;
            item["hardware"] = shipped[i].hardware;
            item["default"] = i + 1 == shipped.size();
            list.push_back(std::move(item));
        }
        out["matrices"] = std::move(list);
        std::cout << dump_json(out);
        return 0;
    }
    size_t id_width = 2, source_width = 6;
    for (const auto& m : shipped) {
        id_width = std::max(id_width, m.id.size());
        source_width = std::max(source_width, display_width(m.source));
    }
    Style style = Style::for_stdout(false);
    std::cout << style.bold(pad_right("id", id_width + 3) + pad_right("source", source_width) + "  features  hardware")
              << "\n";
    for (size_t i = 0; i < shipped.size(); ++i) {
        const auto& m = shipped[i];
        bool newest = i + 1 == shipped.size();
        std::cout << pad_right(m.id + (newest ? " *" : ""), id_width + 3) << pad_right(m.source, source_width)
                  << "  " << pad_left(std::to_string(m.features), 8) << "  " << pad_left(std::to_string(m.hardware), 8)
                  << "\n";
    }
    std::cout << "* default (the newest); pick another with --matrix ID\n";
    return 0;
}

int run_show(const ShowFlags& flags) {
    const Matrix matrix = load_matrix_saying_notes(flags.matrix, flags.strict_labels);
    std::string hardware = flags.hardware.empty() ? "" : resolve_shown_hardware(flags.hardware, matrix, "matrix show");
    if (flags.json) {
        ordered_json document = ordered_json::parse(matrix_to_json(matrix));
        if (!hardware.empty()) {
            document["hardware"] = ordered_json::array({hardware});
            ordered_json support = ordered_json::array();
            for (auto& cell : document["support"])
                if (cell["hardware"] == hardware) support.push_back(cell);
            document["support"] = std::move(support);
        }
        ordered_json out = result_head("matrix show", "ok");
        out["matrix"] = matrix.id;
        out["document"] = std::move(document);
        std::cout << dump_json(out);
        return 0;
    }
    std::cout << render_matrix_tables(matrix, hardware, Style::for_stdout(false));
    return 0;
}

}  // namespace

void add_matrix_commands(CLI::App& app, Commands& commands) {
    CLI::App* matrix = app.add_subcommand("matrix", "the shipped matrices (list) and their tables (show)");
    matrix->require_subcommand(1);
    matrix->footer(example_footer({"planner matrix list", "planner matrix show --hw ampere"}));

    auto list_flags = std::make_shared<ListFlags>();
    CLI::App* list = matrix->add_subcommand("list", "the shipped matrices, oldest first; the last is the default");
    add_table_flag(*list, "--json", list_flags->json);
    list->footer(example_footer({"planner matrix list"}));
    commands.push_back({list, "matrix list", [list_flags] { return run_list(*list_flags); }});

    auto show_flags = std::make_shared<ShowFlags>();
    CLI::App* show = matrix->add_subcommand("show", "the Feature x Feature and Feature x Hardware tables");
    add_table_option(*show, "--hw", show_flags->hardware)->required(false);
    add_table_option(*show, "--matrix", show_flags->matrix);
    add_table_flag(*show, "--strict-labels", show_flags->strict_labels);
    add_table_flag(*show, "--json", show_flags->json);
    show->footer(example_footer({"planner matrix show --hw a100", "planner matrix show --matrix vllm-0.6"}));
    commands.push_back({show, "matrix show", [show_flags] { return run_show(*show_flags); }});
}

}  // namespace planner::cli
