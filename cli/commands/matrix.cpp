// planner matrix list | show: the shipped matrices and the tables of one.
#include <algorithm>
#include <iostream>

#include <planner/library.hpp>

#include "cli/commands/command.hpp"
#include "cli/flags/flag_table.hpp"
#include "cli/flags/options.hpp"
#include "cli/render/import_notes.hpp"
#include "cli/render/matrix_table.hpp"
#include "cli/render/result_json.hpp"
#include "model/io/matrix_json.hpp"
#include "model/io/strings.hpp"

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

// The release ids that name a state: its release and the lines it is the newest of.
std::vector<std::string> release_ids_of(const std::string& state, const std::vector<ShippedRelease>& releases,
                                        const std::vector<ShippedMatrix>& shipped) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < releases.size(); ++i) {
        if (releases[i].state != state) continue;
        const std::string id = "vllm-" + releases[i].tag.substr(1);
        ids.push_back(id);
        const std::string line = id.substr(0, id.rfind('.'));
        const bool newest_of_line = i + 1 == releases.size() || !("vllm-" + releases[i + 1].tag.substr(1)).starts_with(line + ".");
        // A document shipped on its own keeps its id (vllm-0.6): the line is then not reachable by that name.
        const bool document_named_so = std::any_of(shipped.begin(), shipped.end(),
                                                   [&](const ShippedMatrix& m) { return m.id == line; });
        if (newest_of_line && !document_named_so && std::count(id.begin(), id.end(), '.') == 2) ids.push_back(line);
    }
    return ids;
}

ordered_json state_json(const PageState& state, const std::vector<ShippedRelease>& releases,
                        const std::vector<ShippedMatrix>& shipped) {
    ordered_json item;
    item["id"] = state.id;
    item["date"] = state.date;
    item["commit"] = state.commit;
    item["path"] = state.path;
    item["source"] = state.file;
    item["sha256"] = state.sha256;
    item["subject"] = state.subject;
    item["first_release"] = state.release.empty() ? ordered_json(nullptr) : ordered_json(state.release);
    item["names"] = release_ids_of(state.id, releases, shipped);
    return item;
}

int run_list(const ListFlags& flags) {
    const auto shipped = shipped_matrices();
    const auto releases = shipped_releases();
    std::vector<const ShippedMatrix*> upstream, documents;
    for (const ShippedMatrix& m : shipped) (m.states.empty() ? documents : upstream).push_back(&m);
    if (flags.json) {
        ordered_json out = result_head("matrix list", "ok");
        ordered_json list = ordered_json::array();
        for (const ShippedMatrix* m : documents) {
            ordered_json item;
            item["id"] = m->id;
            item["source"] = m->source;
            item["features"] = m->features;
            item["hardware"] = m->hardware;
            item["default"] = m == &shipped.back();
            item["nearest_state"] = m->translates;
            item["differences"] = m->differences;
            list.push_back(std::move(item));
        }
        out["matrices"] = std::move(list);
        ordered_json page = ordered_json::array();
        for (const ShippedMatrix* m : upstream) {
            ordered_json item;
            item["id"] = m->id;
            item["features"] = m->features;
            item["hardware"] = m->hardware;
            ordered_json states = ordered_json::array();
            for (const PageState& state : m->states) states.push_back(state_json(state, releases, shipped));
            item["states"] = std::move(states);
            page.push_back(std::move(item));
        }
        out["page_history"] = std::move(page);
        ordered_json release_list = ordered_json::array();
        for (const ShippedRelease& release : releases)
            release_list.push_back({{"release", release.tag}, {"state", release.state}, {"source", release.source}});
        out["releases"] = std::move(release_list);
        std::cout << dump_json(out);
        return 0;
    }
    size_t id_width = 2, source_width = 6;
    for (const ShippedMatrix* m : documents) {
        id_width = std::max(id_width, m->id.size());
        source_width = std::max(source_width, display_width(m->source));
    }
    Style style = Style::for_stdout(false);
    std::cout << style.bold(pad_right("id", id_width + 3) + pad_right("source", source_width) + "  features  hardware")
              << "\n";
    for (const ShippedMatrix* m : documents) {
        const bool newest = m == &shipped.back();
        std::cout << pad_right(m->id + (newest ? " *" : ""), id_width + 3) << pad_right(m->source, source_width)
                  << "  " << pad_left(std::to_string(m->features), 8) << "  " << pad_left(std::to_string(m->hardware), 8)
                  << "\n";
    }
    std::cout << "* default (the newest); pick another with --matrix ID\n";
    if (upstream.empty()) return 0;
    // One line per state of the page; a state whose cells an earlier state
    // already had says which, since it is the same matrix.
    struct Line {
        const PageState* state;
        const ShippedMatrix* matrix;
    };
    std::vector<Line> lines;
    for (const ShippedMatrix* m : upstream)
        for (const PageState& state : m->states) lines.push_back({&state, m});
    std::stable_sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) { return x.state->date < y.state->date; });
    size_t state_width = 2, file_width = 6;
    for (const Line& line : lines) {
        state_width = std::max(state_width, line.state->id.size());
        file_width = std::max(file_width, display_width(line.state->file));
    }
    std::cout << "\nvLLM's compatibility-matrix page: " << lines.size() << " states, " << upstream.size()
              << " distinct matrices (oldest first)\n";
    std::cout << style.bold(pad_right("id", state_width + 2) + "date        release  commit    " +
                            pad_right("source", file_width) + "  also named")
              << "\n";
    for (const Line& line : lines) {
        const PageState& state = *line.state;
        std::vector<std::string> also = release_ids_of(state.id, releases, shipped);
        if (state.id != line.matrix->id) also.push_back("(cells as " + line.matrix->id + ")");
        std::string row = pad_right(state.id, state_width + 2) + state.date + "  " +
                          pad_right(state.release.empty() ? "-" : state.release, 7) + "  " +
                          state.commit.substr(0, 8) + "  " + pad_right(state.file, file_width) + "  " + join(also, " ");
        std::cout << row.erase(row.find_last_not_of(' ') + 1) << "\n";
    }
    std::cout << "--matrix takes a state's id, a release (vllm-0.6.4: the state it shipped), a release line "
                 "(vllm-0.7: its newest release's) or a date (2025-07-30: the newest state on or before it); "
                 "release: the first release that holds the commit, where a source gives it\n";
    std::cout << "\nnearest states of the documents shipped on their own:\n";
    for (const ShippedMatrix* m : documents)
        std::cout << "  " << pad_right(m->id, id_width + 1) << m->translates << " (" << m->differences
                  << (m->differences == 1 ? " difference" : " differences") << ": planner diff " << m->translates
                  << " " << m->id << ")\n";
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
