#pragma once
// What a shell command prints on stdout, and how it exited: the embed tests
// run the planner executable this way to compare its answers.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>

struct ShellOutput {
    std::string text;
    int exit_code = -1;  // -1 when the command did not exit normally
};

inline ShellOutput shell_output(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE_MESSAGE(pipe != nullptr, command);
    ShellOutput out;
    char buffer[4096];
    size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, got);
    const int status = ::pclose(pipe);
    if (WIFEXITED(status)) out.exit_code = WEXITSTATUS(status);
    return out;
}
