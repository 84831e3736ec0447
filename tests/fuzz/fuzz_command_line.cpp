// A whole command line through the planner's own parser (cli/program.hpp) and
// then through the flag resolution the planning commands do before they ask
// the engine (--must/--never lists, weights, limits, --assume, matrices).
// Input: the arguments after "planner", one per line. A command line that
// names a path (a '/') is skipped: the fuzzer must not read the machine's files.
// Refusals are ParsedCommandLine::error, UsageError or InputError, each with a
// message; anything else is a crash, as it would be a bug report in main().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <planner/error.hpp>

#include "cli/program.hpp"

namespace {

constexpr std::size_t max_arguments = 64;

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    if (input.find('/') != std::string::npos || input.find('\0') != std::string::npos) return 0;
    std::vector<std::string> arguments{"planner"};
    std::size_t start = 0;
    while (start <= input.size() && arguments.size() <= max_arguments) {
        std::size_t end = input.find('\n', start);
        if (end == std::string::npos) end = input.size();
        arguments.push_back(input.substr(start, end - start));
        start = end + 1;
    }
    if (input.empty()) arguments.pop_back();
    std::vector<const char*> argv;
    for (const std::string& argument : arguments) argv.push_back(argument.c_str());

    planner::cli::Program program;
    const planner::cli::ParsedCommandLine parsed = program.parse(static_cast<int>(argv.size()), argv.data());
    if (!parsed.command) return 0;
    if (!parsed.command->check) return 0;
    try {
        parsed.command->check();
    } catch (const planner::UsageError& e) {
        require(*e.what() != '\0');
    } catch (const planner::InputError& e) {
        require(*e.what() != '\0');
    }
    return 0;
}
