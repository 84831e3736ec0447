// The command line as main() and the command-line fuzz target see it
// (cli/program.hpp): what parses, what is refused and with which words, and
// the flag resolution that `check` does before any answer.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <planner/error.hpp>

#include "cli/program.hpp"

using namespace planner;
using namespace planner::cli;

namespace {

ParsedCommandLine parse(Program& program, std::vector<const char*> arguments) {
    arguments.insert(arguments.begin(), "planner");
    return program.parse(static_cast<int>(arguments.size()), arguments.data());
}

// The message `check` refuses the parsed command line with ("" when it resolves).
std::string check_message(std::vector<const char*> arguments) {
    Program program;
    const ParsedCommandLine parsed = parse(program, std::move(arguments));
    REQUIRE(parsed.command != nullptr);
    REQUIRE(parsed.command->check);
    try {
        parsed.command->check();
    } catch (const UsageError& e) {
        return e.what();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a planning command line parses into its command, with the name an error document needs") {
    Program program;
    const ParsedCommandLine parsed = parse(program, {"maximize", "--hw", "ampere", "--must", "lora", "--json"});
    REQUIRE(parsed.command != nullptr);
    CHECK(parsed.command->name == "maximize");
    CHECK(parsed.command_name == "maximize");
    CHECK(parsed.json);
    CHECK(parsed.error.empty());
}

TEST_CASE("a nested command is named with its parent") {
    Program program;
    const ParsedCommandLine parsed = parse(program, {"matrix", "show", "--hw", "cpu"});
    REQUIRE(parsed.command != nullptr);
    CHECK(parsed.command_name == "matrix show");
    CHECK_FALSE(parsed.command->check);  // nothing to resolve beyond parsing
}

TEST_CASE("an unknown command is refused with the list of commands") {
    Program program;
    const ParsedCommandLine parsed = parse(program, {"frobnicate"});
    CHECK(parsed.command == nullptr);
    CHECK(parsed.command_name.empty());
    CHECK(parsed.error.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(parsed.error.find("maximize") != std::string::npos);
}

TEST_CASE("a parse error names the command's own help") {
    Program program;
    const ParsedCommandLine parsed = parse(program, {"maximize", "--must", "lora"});
    CHECK(parsed.command == nullptr);
    CHECK(parsed.command_name == "maximize");
    CHECK(parsed.error.find("--hw is required") != std::string::npos);
    CHECK(parsed.error.find("(planner maximize --help)") != std::string::npos);
}

TEST_CASE("--help and --version are neither a command nor an error") {
    for (const char* flag : {"--help", "--version"}) {
        Program program;
        const ParsedCommandLine parsed = parse(program, {flag});
        CHECK(parsed.command == nullptr);
        CHECK(parsed.error.empty());
    }
}

TEST_CASE("no command at all is refused") {
    Program program;
    const ParsedCommandLine parsed = parse(program, {});
    CHECK(parsed.command == nullptr);
    CHECK(parsed.error.find("no command given; commands: import,") != std::string::npos);
}

TEST_CASE("check resolves the flags of every planning command without answering") {
    CHECK(check_message({"maximize", "--hw", "a100", "--must", "lora", "--prefer", "cp,apc"}) == "");
    CHECK(check_message({"repair", "--hw", "ampere", "--have", "lora,sd", "--keep", "lora"}) == "");
    CHECK(check_message({"check", "--hw", "h100", "--have", "lora,cp"}) == "");
    CHECK(check_message({"explain", "--hw", "ampere", "--must", "lora,sd"}) == "");
    CHECK(check_message({"enumerate", "--hw", "cpu", "--limit", "3"}) == "");
    CHECK(check_message({"versions", "--hw", "cpu", "--must", "lora"}) == "");
    CHECK(check_message({"maximize", "--hw", "cpu", "--must", "lora", "--any-version"}) == "");
}

TEST_CASE("check refuses what the command would refuse, in the same words") {
    CHECK(check_message({"maximize", "--hw", "ampere", "--must", "lora", "--never", "lora"})
              .find("'lora' is both --must and --never") != std::string::npos);
    CHECK(check_message({"maximize", "--hw", "ampere", "--must", "lorra"}).find("nearest known: lora") !=
          std::string::npos);
    CHECK(check_message({"maximize", "--hw", "ampere", "--weight", "lora=abc"}).find("not a whole number") !=
          std::string::npos);
    CHECK(check_message({"maximize", "--hw", "ampere", "--timeout-ms", "-1"}).find("--timeout-ms") !=
          std::string::npos);
    CHECK(check_message({"maximize", "--hw", "ampere", "--any-version", "--format", "vllm-args"})
              .find("does not combine with --any-version") != std::string::npos);
    CHECK(check_message({"maximize", "--hw", "ampere", "--matrix", "vllm-0.6", "--matrix", "vllm-0.8-zh"})
              .find("several versions at once need --any-version") != std::string::npos);
    CHECK(check_message({"explain", "--hw", "ampere", "--matrix", "no-such-matrix", "--must", "lora"}) != "");
}

// The first parse error of a command line ("" when it parses).
std::string parse_error(std::vector<const char*> arguments) {
    Program program;
    return parse(program, std::move(arguments)).error;
}

TEST_CASE("a flag help does not list is a parse error, not a refusal after parsing") {
    CHECK(parse_error({"enumerate", "--hw", "ampere", "--any-version"})
              .starts_with("planner enumerate has no option --any-version (maximize, repair, check, explain take it"));
}

TEST_CASE("a misspelled or misplaced flag is an error with a close suggestion, never help") {
    CHECK(parse_error({"maximize", "-hw", "a100"}) ==
          "planner maximize has no option -hw; did you mean --hw? (planner maximize --help)");
    CHECK(parse_error({"maximize", "--hw", "a100", "--mst", "lora"}).starts_with(
        "planner maximize has no option --mst; did you mean --must?"));
    CHECK(parse_error({"matrix", "shw"}).starts_with("unknown command 'matrix shw'; did you mean matrix show?"));
    CHECK(parse_error({"maximze", "--hw", "a100"}).starts_with("unknown command 'maximze'; did you mean maximize?"));
    CHECK(parse_error({"--hw", "a100", "maximize", "--must", "lora"}) ==
          "--hw belongs after the command: planner maximize --hw a100 --must lora");
    CHECK(parse_error({"-hw", "a100", "matrix", "show"}) ==
          "-hw belongs after the command: planner matrix show --hw a100");
    CHECK(parse_error({"maximize", "--hw"}).starts_with("--hw needs a value: hardware class or product"));
    CHECK(parse_error({"maximize", "--must", "--hw", "a100"}).starts_with("--must needs a value: features"));
    CHECK(parse_error({"maximize", "--hw", "a100", "--hw", "h100"}).starts_with("--hw is given twice"));
    CHECK(parse_error({"matrix"}).starts_with("planner matrix needs a command: list or show"));
    CHECK(parse_error({"maximize", "--hw="}).starts_with("--hw needs a value after '='"));
    CHECK(parse_error({"maximize", "--hw", "a100", "--json=yes"}) ==
          "--json is a flag and takes no value (--json, not --json=yes)");
}

TEST_CASE("no suggestion is better than a far one") {
    const std::string whisper = parse_error({"maximize", "--hw", "a100", "--whisper"});
    CHECK(whisper == "planner maximize has no option --whisper (planner maximize --help)");
    CHECK(parse_error({"frobnicate"}).find("did you mean") == std::string::npos);
    CHECK(parse_error({"maximize", "--hw", "a100", "--x"}).find("did you mean") == std::string::npos);
}

TEST_CASE("a value that starts with a dash but is a number or stdin is still a value") {
    CHECK(parse_error({"maximize", "--hw", "a100", "--timeout-ms", "-1"}) == "");
    CHECK(parse_error({"graph", "--hw", "ampere", "--plan", "-"}) == "");
    CHECK(parse_error({"import", "-o", "out.json", "doc.md"}) == "");
    CHECK(parse_error({"import", "-oout.json", "doc.md"}) == "");
    CHECK(parse_error({"maximize", "--hw=a100", "--must=lora"}) == "");
}
