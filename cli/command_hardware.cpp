// planner hardware: the hardware classes with the products and compute capabilities that name them.
#include <iostream>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/render_json.hpp"
#include "cli/style.hpp"
#include "model/catalog.hpp"
#include "model/matrix_library.hpp"

namespace planner::cli {

namespace {

struct CatalogFlags {
    std::string matrix;
    bool json = false;
};

std::string comma_words(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

int run_hardware(const CatalogFlags& flags) {
    const Matrix matrix = load_matrix(flags.matrix);
    const auto& classes = Catalog::builtin().hardware();
    if (flags.json) {
        ordered_json out = result_head("hardware", "ok");
        out["matrix"] = matrix.id;
        ordered_json list = ordered_json::array();
        for (const CatalogEntry& entry : classes) {
            ordered_json item = catalog_entry_json(entry, matrix.has_hardware(entry.id));
            item["matrices"] = matrices_with_hardware(entry.id);
            list.push_back(std::move(item));
        }
        out["hardware"] = std::move(list);
        std::cout << dump_json(out);
        return 0;
    }
    Style style = Style::for_stdout(false);
    size_t id_width = 0;
    for (const CatalogEntry& entry : classes) id_width = std::max(id_width, entry.id.size());
    std::cout << classes.size() << " hardware classes; * = has a column in matrix " << matrix.id << "\n";
    for (const CatalogEntry& entry : classes) {
        std::cout << (matrix.has_hardware(entry.id) ? "* " : "  ") << style.bold(pad_right(entry.id, id_width))
                  << "  " << entry.name << "\n"
                  << std::string(id_width + 4, ' ') << style.dim("also: " + comma_words(entry.aliases)) << "\n";
        if (!matrix.has_hardware(entry.id)) {
            auto others = matrices_with_hardware(entry.id);
            std::cout << std::string(id_width + 4, ' ')
                      << style.dim(others.empty() ? std::string("no shipped matrix has it")
                                                  : "in matrices: " + comma_words(others))
                      << "\n";
        }
    }
    return 0;
}

}  // namespace

void add_hardware_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<CatalogFlags>();
    CLI::App* command = app.add_subcommand(
        "hardware", "the hardware classes with the product names and compute capabilities they accept");
    add_matrix_option(*command, flags->matrix);
    add_json_flag(*command, flags->json);
    command->footer(example_footer({"planner hardware", "planner hardware --json"}));
    commands.push_back({command, "hardware", [flags] { return run_hardware(*flags); }});
}

}  // namespace planner::cli
