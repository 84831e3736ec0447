// planner hardware: the hardware classes with the products and compute capabilities that name them.
#include <iostream>

#include <planner/catalog.hpp>
#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/render/catalog_gaps.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/result_json.hpp"
#include "cli/render/style.hpp"
#include "model/io/strings.hpp"

namespace planner::cli {

namespace {

struct CatalogFlags {
    std::string matrix;
    bool strict_labels = false;  // --strict-labels
    bool json = false;
};

std::vector<const Product*> products_of(const std::string& hardware) {
    std::vector<const Product*> out;
    for (const Product& product : Catalog::builtin().products())
        if (product.hardware == hardware) out.push_back(&product);
    return out;
}

ordered_json product_json(const Product& product) {
    ordered_json item;
    item["id"] = product.id;
    item["name"] = product.name;
    item["aliases"] = product.aliases;
    item["family"] = product.family;
    item["family_default"] = product.family_default;
    item["memory_gib"] = product.memory_gib;
    item["memory_verified"] = product.memory_verified;
    item["memory_source"] = product.memory_source;
    item["capability"] = product.capability;
    item["capability_source"] = product.capability_source;
    return item;
}

int run_hardware(const CatalogFlags& flags) {
    const Matrix matrix = load_matrix_saying_notes(flags.matrix, flags.strict_labels);
    const auto& classes = Catalog::builtin().hardware();
    if (flags.json) {
        ordered_json out = result_head("hardware", "ok");
        out["matrix"] = matrix.id;
        ordered_json list = ordered_json::array();
        for (const CatalogEntry& entry : classes) {
            ordered_json item = catalog_entry_json(entry, matrix.has_hardware(entry.id));
            item["matrices"] = matrices_with_hardware(entry.id);
            ordered_json products = ordered_json::array();
            for (const Product* product : products_of(entry.id)) products.push_back(product_json(*product));
            item["products"] = std::move(products);
            list.push_back(std::move(item));
        }
        for (const CatalogGap& gap : hardware_the_catalog_lacks(matrix)) {
            ordered_json item = catalog_gap_json(gap);
            item["matrices"] = ordered_json::array();
            item["products"] = ordered_json::array();
            list.push_back(std::move(item));
        }
        out["hardware"] = std::move(list);
        std::cout << dump_json(out);
        return 0;
    }
    Style style = Style::for_stdout(false);
    size_t id_width = 0;
    for (const CatalogEntry& entry : classes) id_width = std::max(id_width, entry.id.size());
    size_t product_width = 0;
    for (const Product& product : Catalog::builtin().products())
        product_width = std::max(product_width, product.id.size() + (product.family_default ? product.family.size() + 5 : 0));
    std::cout << classes.size() << " hardware classes; * = has a column in matrix " << matrix.id
              << "; products with the memory their driver reports (~: the datasheet's, unverified) and compute "
                 "capability (gfx architecture for AMD)\n";
    for (const CatalogEntry& entry : classes) {
        std::cout << (matrix.has_hardware(entry.id) ? "* " : "  ") << style.bold(pad_right(entry.id, id_width))
                  << "  " << entry.name << "\n"
                  << std::string(id_width + 4, ' ') << style.dim("also: " + join(entry.aliases)) << "\n";
        for (const Product* product : products_of(entry.id)) {
            // The product a bare family name means: "a100-80gb (= a100)".
            const std::string id = product->family_default ? product->id + " (= " + product->family + ")" : product->id;
            std::cout << std::string(id_width + 4, ' ') << pad_right(id, product_width) << "  "
                      << pad_right(memory_text(*product), 10) << "  " << pad_right(product->capability, 6) << "  "
                      << product->name << "\n";
        }
        if (!matrix.has_hardware(entry.id)) {
            auto others = matrices_with_hardware(entry.id);
            std::cout << std::string(id_width + 4, ' ')
                      << style.dim(others.empty() ? std::string("no shipped matrix has it")
                                                  : "in matrices: " + join(others))
                      << "\n";
        }
    }
    print_catalog_gaps(std::cout, hardware_the_catalog_lacks(matrix), "hardware class", "hardware classes", matrix, style);
    return 0;
}

}  // namespace

void add_hardware_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<CatalogFlags>();
    CLI::App* command = app.add_subcommand(
        "hardware", "the hardware classes with the product names and compute capabilities they accept");
    add_table_option(*command, "--matrix", flags->matrix);
    add_table_flag(*command, "--strict-labels", flags->strict_labels);
    add_table_flag(*command, "--json", flags->json);
    command->footer(example_footer({"planner hardware", "planner hardware --json"}));
    commands.push_back({command, "hardware", [flags] { return run_hardware(*flags); }});
}

}  // namespace planner::cli
