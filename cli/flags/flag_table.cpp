#include "cli/flags/flag_table.hpp"

#include <stdexcept>

#include "cli/flags/choice_option.hpp"

namespace planner::cli {

namespace {

constexpr auto maximize = static_cast<PlanCommands>(PlanCommand::maximize);
constexpr auto repair = static_cast<PlanCommands>(PlanCommand::repair);
constexpr auto check = static_cast<PlanCommands>(PlanCommand::check);
constexpr auto explain = static_cast<PlanCommands>(PlanCommand::explain);
constexpr auto enumerate = static_cast<PlanCommands>(PlanCommand::enumerate);
constexpr auto versions = static_cast<PlanCommands>(PlanCommand::versions);
constexpr PlanCommands questions = maximize | repair | check | explain | enumerate;
constexpr PlanCommands every = questions | versions;
// The commands that answer across versions, where --matrix may be repeated.
constexpr PlanCommands across_versions = maximize | repair | check | explain | versions;

std::vector<FlagRow> make_rows() {
    const std::string timeout_help = "give up after N milliseconds (0: no limit; at most " +
                                     std::to_string(max_timeout_ms) + ", one day)";
    return {
        {.name = "--hw", .batch_key = "hw", .field = "hardware", .commands = every, .value = FlagValue::text,
         .type_name = "HW",
         .help = "hardware class or product (ampere, a100, sm80, h100, mi300x, ...), or auto: this machine's",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.hardware; }}, .required = true,
         .missing = "give a hardware class, product or \"auto\"", .empty_refusal = kEmptyHardware},
        {.name = "--hw-as", .batch_key = "hw_as", .field = "hardware_as", .commands = every, .value = FlagValue::text,
         .type_name = "HW",
         .help = "for a class the matrix has no column for (blackwell): plan with this class's column, each cell "
                 "listed as assumed (default: every cell unknown)",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.hardware_as; }},
         // An empty value is a script's unset variable: silently planning with
         // every cell unknown would be an answer to a question not asked.
         .empty_refusal = kEmptyHardwareAs},
        {.name = "--matrix", .batch_key = "matrix", .field = "", .commands = questions, .value = FlagValue::text,
         .type_name = "ID|FILE",
         .help = "matrix id (planner matrix list) or file (planner-matrix JSON or a document import reads); "
                 "default: the newest shipped",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.matrix; }},
         .empty_refusal = kEmptyMatrix},
        {.name = "--matrix", .batch_key = "", .field = "", .commands = versions, .value = FlagValue::text,
         .type_name = "ID|FILE",
         .help = "a matrix version to compare: id (planner matrix list) or file; repeat it for several; default: "
                 "every shipped matrix",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.matrix; }},
         .empty_refusal = "must not be empty (leave it out for every shipped matrix)"},
        {.name = "--strict-labels", .batch_key = "strict_labels", .field = "", .commands = every,
         .value = FlagValue::on_off, .type_name = "",
         .help = "a row or column label of a document that the catalog lacks is an error, not a new id",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.strict_labels; }}},
        {.name = "--json", .batch_key = "", .field = "", .commands = every, .value = FlagValue::on_off,
         .type_name = "", .help = "print one JSON document on stdout (schema planner-result/1)",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.json; }}},
        {.name = "--assume", .batch_key = "assume", .field = "", .commands = every, .value = FlagValue::names,
         .type_name = "CELL=V,..",
         .help = "treat a published cell as VALUE for this deployment: FEATURE:FEATURE=VALUE or "
                 "FEATURE@HARDWARE=VALUE (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.overlay.assume; }}},
        {.name = "--overlay", .batch_key = "overlay", .field = "", .commands = every, .value = FlagValue::names,
         .type_name = "FILE", .help = "a planner-overlay/1 JSON file of assumed cells with reasons (repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.overlay.files; }}},
        {.name = "--rules", .batch_key = "rules", .field = "rules", .commands = every, .value = FlagValue::names,
         .type_name = "FILE",
         .help = "a planner-rules/1 JSON file of rules from vLLM's code, each with its source (repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.rules.files; }}},
        {.name = "--set", .batch_key = "set", .field = "set", .commands = every, .value = FlagValue::settings,
         .type_name = "NAME=VALUE", .help = "fix a variable a rules file declares: NAME=VALUE (repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.rules.set; }}},
        {.name = "--any-version", .batch_key = "", .field = "", .commands = maximize | repair | check | explain,
         .value = FlagValue::on_off, .type_name = "",
         .help = "ask every shipped matrix version (or each --matrix given) at once: which allow the request, the "
                 "answer in each, what blocks the others",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.any_version; }}},
        {.name = "--must", .batch_key = "must", .field = "must", .commands = maximize | explain | enumerate | versions,
         .value = FlagValue::names, .type_name = "F,..", .help = "features that must be on (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.must; }}},
        {.name = "--never", .batch_key = "never", .field = "never", .commands = maximize | explain | enumerate | versions,
         .value = FlagValue::names, .type_name = "F,..", .help = "features that must be off (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.never; }}},
        {.name = "--prefer", .batch_key = "prefer", .field = "prefer", .commands = maximize | versions,
         .value = FlagValue::names, .type_name = "F,..",
         .help = "features in priority order, each worth more than all later ones together (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.prefer; }}},
        {.name = "--have", .batch_key = "have", .field = "have", .commands = repair, .value = FlagValue::names,
         .type_name = "F,..", .help = "the features on now (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.have; }}, .required = true,
         .missing = "give the features that are on"},
        {.name = "--have", .batch_key = "have", .field = "have", .commands = check, .value = FlagValue::names,
         .type_name = "F,..", .help = "the features on (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.have; }}, .required = true,
         .missing = "give the features that are on"},
        {.name = "--keep", .batch_key = "keep", .field = "keep", .commands = repair, .value = FlagValue::names,
         .type_name = "F,..", .help = "features whose state must not change (comma list, repeatable)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.keep; }}},
        {.name = "--weight", .batch_key = "weight", .field = "weights", .commands = maximize | repair | versions,
         .value = FlagValue::weights, .type_name = "F=N,..",
         .help = "feature weights, e.g. lora=3,cp=2 (whole numbers, default 1 each)",
         .target = {.list = +[](PlanFlags& f) -> std::vector<std::string>& { return f.request.weights; }},
         .batch_alias = "weights", .most = max_weight},
        {.name = "--strict", .batch_key = "strict", .field = "", .commands = every, .value = FlagValue::on_off,
         .type_name = "", .help = "forbid partial and unknown cells",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.request.strict; }}},
        {.name = "--forbid-partial", .batch_key = "forbid_partial", .field = "", .commands = every,
         .value = FlagValue::on_off, .type_name = "", .help = "forbid partial cells",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.request.forbid_partial; }}},
        {.name = "--forbid-unknown", .batch_key = "forbid_unknown", .field = "", .commands = every,
         .value = FlagValue::on_off, .type_name = "", .help = "forbid unknown cells",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.request.forbid_unknown; }}},
        {.name = "--allow-hw", .batch_key = "allow_hw", .field = "allow_hardware_change", .commands = maximize,
         .value = FlagValue::on_off, .type_name = "", .help = "when infeasible, also suggest other hardware classes",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.request.allow_hardware_change; }}},
        {.name = "--allow-hw", .batch_key = "allow_hw", .field = "allow_hardware_change", .commands = repair,
         .value = FlagValue::on_off, .type_name = "", .help = "allow switching the hardware class",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.request.allow_hardware_change; }}},
        {.name = "--hw-cost", .batch_key = "hw_cost", .field = "hardware_cost", .commands = repair,
         .value = FlagValue::count, .type_name = "N",
         .help = "cost of a hardware switch against one feature toggle (default 1; needs --allow-hw)",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.hardware_cost; }},
         // "" is how the request says "not given".
         .empty_refusal = "must not be empty", .most = max_weight},
        {.name = "--limit", .batch_key = "limit", .field = "limit", .commands = repair, .value = FlagValue::count,
         .type_name = "N", .help = "list at most N of the repairs that share the smallest cost (default 10, 0: all)",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.limit; }}, .initial = "10",
         .most = max_limit},
        {.name = "--limit", .batch_key = "limit", .field = "limit", .commands = enumerate, .value = FlagValue::count,
         .type_name = "N", .help = "print at most N sets (0: all)",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.limit; }}, .most = max_limit},
        {.name = "--timeout-ms", .batch_key = "timeout_ms", .field = "timeout_ms",
         .commands = maximize | repair | explain | enumerate | versions, .value = FlagValue::count,
         .type_name = "N", .help = timeout_help,
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.request.timeout_ms; }},
         .most = max_timeout_ms},
        {.name = "--format", .batch_key = "format", .field = "", .commands = maximize | repair | enumerate,
         .value = FlagValue::choice, .type_name = "",
         .help = "text (default) or vllm-args: the plan as a `vllm serve` command line of the matrix's vLLM release; "
                 "with --json, a \"vllm_args\" object beside each plan",
         .target = {.text = +[](PlanFlags& f) -> std::string& { return f.format; }},
         .choices = {"text", "vllm-args"}, .batch_choices = {"json", "vllm-args"}},
        {.name = "--explain-order", .batch_key = "", .field = "", .commands = maximize, .value = FlagValue::on_off,
         .type_name = "", .help = "print the order of the optimisation criteria",
         .target = {.on_off = +[](PlanFlags& f) -> bool& { return f.explain_order; }}},
    };
}

CLI::Validator refusing_empty(std::string_view refusal) {
    return CLI::Validator([refusal](const std::string& value) { return value.empty() ? std::string(refusal) : ""; },
                          "", "non-empty");
}

// The row a command outside the table's shares (graph's --hw, features' --matrix).
const FlagRow& first_row(std::string_view name) {
    for (const FlagRow& row : flag_rows())
        if (row.name == name) return row;
    throw std::logic_error("no flag row " + std::string(name));
}

CLI::Option* finish(CLI::Option* option, const FlagRow& row) {
    if (!row.empty_refusal.empty()) option->check(refusing_empty(row.empty_refusal));
    if (row.required) option->required();
    return option;
}

CLI::Option* add_row(CLI::App& app, const FlagRow& row, bool& target) {
    return finish(app.add_flag(std::string(row.name), target, row.help), row);
}

CLI::Option* add_row(CLI::App& app, const FlagRow& row, std::string& target) {
    CLI::Option* option = app.add_option(std::string(row.name), target, row.help);
    if (row.value == FlagValue::choice) restrict_to(option, row.choices);
    else option->type_name(std::string(row.type_name));
    return finish(option, row);
}

CLI::Option* add_row(CLI::App& app, const FlagRow& row, std::vector<std::string>& target) {
    return finish(app.add_option(std::string(row.name), target, row.help)
                      ->type_name(std::string(row.type_name))
                      ->expected(1)
                      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll),
                  row);
}

// Repeated --matrix names the versions to compare; the last one is the single-matrix choice.
void collect_repeated_matrices(CLI::Option& matrix, PlanFlags& flags) {
    matrix.multi_option_policy(CLI::MultiOptionPolicy::TakeLast)->each([&flags](const std::string& value) {
        flags.matrices.push_back(value);
    });
}

}  // namespace

PlanCommand plan_command_of(Question question) {
    switch (question) {
    case Question::maximize: return PlanCommand::maximize;
    case Question::repair: return PlanCommand::repair;
    case Question::check: return PlanCommand::check;
    case Question::explain: return PlanCommand::explain;
    case Question::enumerate: return PlanCommand::enumerate;
    }
    return PlanCommand::maximize;
}

std::span<const FlagRow> flag_rows() {
    static const std::vector<FlagRow> rows = make_rows();
    return rows;
}

bool takes(const FlagRow& row, PlanCommand command) {
    return (row.commands & static_cast<PlanCommands>(command)) != 0;
}

const FlagRow* flag_row(std::string_view name, PlanCommand command) {
    for (const FlagRow& row : flag_rows())
        if (row.name == name && takes(row, command)) return &row;
    return nullptr;
}

void set_initial_values(PlanCommand command, PlanFlags& flags) {
    for (const FlagRow& row : flag_rows())
        if (takes(row, command) && !row.initial.empty()) row.target.text(flags) = std::string(row.initial);
}

void add_plan_flags(CLI::App& app, PlanCommand command, PlanFlags& flags) {
    set_initial_values(command, flags);
    for (const FlagRow& row : flag_rows()) {
        if (!takes(row, command)) continue;
        CLI::Option* option = nullptr;
        if (row.target.on_off) option = add_row(app, row, row.target.on_off(flags));
        else if (row.target.text) option = add_row(app, row, row.target.text(flags));
        else option = add_row(app, row, row.target.list(flags));
        if (row.name == "--matrix" && (static_cast<PlanCommands>(command) & across_versions))
            collect_repeated_matrices(*option, flags);
    }
}

CLI::Option* add_table_flag(CLI::App& app, std::string_view name, bool& target) {
    return add_row(app, first_row(name), target);
}

CLI::Option* add_table_option(CLI::App& app, std::string_view name, std::string& target) {
    return add_row(app, first_row(name), target);
}

CLI::Option* add_table_option(CLI::App& app, std::string_view name, std::vector<std::string>& target) {
    return add_row(app, first_row(name), target);
}

}  // namespace planner::cli
