// planner features: the feature catalog, marking which features the chosen matrix has.
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

int run_features(const CatalogFlags& flags) {
    const Matrix matrix = load_matrix_saying_notes(flags.matrix, flags.strict_labels);
    const auto& features = Catalog::builtin().features();
    if (flags.json) {
        ordered_json out = result_head("features", "ok");
        out["matrix"] = matrix.id;
        ordered_json list = ordered_json::array();
        for (const CatalogEntry& entry : features)
            list.push_back(catalog_entry_json(entry, matrix.has_feature(entry.id)));
        for (const CatalogGap& gap : features_the_catalog_lacks(matrix)) list.push_back(catalog_gap_json(gap));
        out["features"] = std::move(list);
        std::cout << dump_json(out);
        return 0;
    }
    Style style = Style::for_stdout(false);
    size_t id_width = 0, label_width = 0;
    for (const CatalogEntry& entry : features) {
        id_width = std::max(id_width, entry.id.size());
        label_width = std::max(label_width, display_width(entry.labels.front()));
    }
    const std::string indent(id_width + label_width + 6, ' ');
    std::cout << features.size() << " features; * = has a row in matrix " << matrix.id << "\n";
    for (const CatalogEntry& entry : features) {
        std::cout << (matrix.has_feature(entry.id) ? "* " : "  ") << style.bold(pad_right(entry.id, id_width))
                  << "  " << pad_right(entry.labels.front(), label_width) << "  " << entry.name << ": "
                  << entry.description << "\n";
        // The other labels and aliases: every other spelling the flags accept.
        std::vector<std::string> also(entry.labels.begin() + 1, entry.labels.end());
        also.insert(also.end(), entry.aliases.begin(), entry.aliases.end());
        if (!also.empty()) std::cout << indent << style.dim("also: " + join(also)) << "\n";
    }
    print_catalog_gaps(std::cout, features_the_catalog_lacks(matrix), "feature", "features", matrix, style);
    return 0;
}

}  // namespace

void add_features_command(CLI::App& app, Commands& commands) {
    auto flags = std::make_shared<CatalogFlags>();
    CLI::App* command = app.add_subcommand(
        "features", "the features: ids, the labels the matrix prints, other accepted names");
    add_table_option(*command, "--matrix", flags->matrix);
    add_table_flag(*command, "--strict-labels", flags->strict_labels);
    add_table_flag(*command, "--json", flags->json);
    command->footer(example_footer({"planner features", "planner features --matrix vllm-0.6 --json"}));
    commands.push_back({command, "features", [flags] { return run_features(*flags); }});
}

}  // namespace planner::cli
