// Rules files: the bytes are a planner-rules/1 document; what parses is
// resolved against the newest shipped matrix and checked (without Z3) on a
// configuration of every feature with the defaults. Refusals are InputError
// (the file) or UsageError; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <planner/error.hpp>
#include <planner/library.hpp>
#include <planner/rules.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const planner::Matrix matrix = planner::load_matrix();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        planner::RuleSet rules = planner::resolve_rules(matrix, {planner::parse_rules(text, "fuzz.json")}, {});
        planner::check_with_rules(matrix, rules, matrix.hardware.front(), matrix.features,
                                  planner::default_values(rules), planner::Policy{});
    } catch (const planner::InputError&) {
    } catch (const planner::UsageError&) {
    }
    return 0;
}
