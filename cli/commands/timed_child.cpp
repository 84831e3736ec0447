#include "cli/commands/timed_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <planner/error.hpp>
#include "model/io/strings.hpp"

extern char** environ;

namespace planner::cli {

namespace {

std::string command_line(const std::vector<std::string>& argv) { return join(argv, " "); }

// Closes the descriptors of a pipe however run_timed_child leaves.
struct Pipe {
    int ends[2] = {-1, -1};
    ~Pipe() {
        for (int fd : ends)
            if (fd >= 0) ::close(fd);
    }
};

}  // namespace

ChildOutput run_timed_child(const std::vector<std::string>& argv, unsigned timeout_ms) {
    Pipe output;
    if (::pipe2(output.ends, O_CLOEXEC) != 0)
        throw InputError("cannot run " + command_line(argv) + ": " + std::strerror(errno));

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, output.ends[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);  // its own group, so a kill reaches its children too

    std::vector<char*> words;
    for (const std::string& word : argv) words.push_back(const_cast<char*>(word.c_str()));
    words.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, words[0], &actions, &attributes, words.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) throw InputError("cannot run " + command_line(argv) + ": " + std::strerror(spawned));
    ::close(output.ends[1]);
    output.ends[1] = -1;

    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    ChildOutput result;
    char buffer[65536];
    bool timed_out = false;
    while (true) {
        int wait_ms = -1;
        if (timeout_ms != 0) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0) {
                timed_out = true;
                break;
            }
            wait_ms = static_cast<int>(left);
        }
        pollfd readable{output.ends[0], POLLIN, 0};
        const int ready = ::poll(&readable, 1, wait_ms);
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) continue;  // the deadline is checked above
        const ssize_t n = ready < 0 ? -1 : ::read(output.ends[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // end of its output (or an error reading it)
        result.out.append(buffer, static_cast<size_t>(n));
    }
    if (timed_out) ::kill(-pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out)
        throw InputError(command_line(argv) + " did not finish within " + std::to_string(timeout_ms) +
                         " ms and was stopped (--timeout-ms sets the limit)");
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace planner::cli
