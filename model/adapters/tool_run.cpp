#include "model/adapters/tool_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace planner {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
    int read_end = -1, write_end = -1;
    bool open() {
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0) return false;
        read_end = ends[0];
        write_end = ends[1];
        return true;
    }
    static void close_fd(int& fd) {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
    ~Pipe() {
        close_fd(read_end);
        close_fd(write_end);
    }
};

int milliseconds_until(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

// Reads what is there; false at end of file or on a read error.
bool drain(int fd, std::string& into) {
    char buffer[8192];
    while (true) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            into.append(buffer, static_cast<size_t>(got));
            return true;
        }
        if (got < 0 && errno == EINTR) continue;
        return false;
    }
}

void record_exit(ToolRun& run, int status) {
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
}

}  // namespace

std::string ToolRun::failure() const {
    if (!started) return "could not be started: " + err;
    if (timed_out) return "did not finish within " + std::to_string(time_limit.count()) + " ms and was killed";
    if (too_long) return "printed more than " + std::to_string(tool_output_limit) + " bytes and was killed";
    if (signal != 0) return std::string("was ended by signal ") + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
    if (exit_code != 0) return "exited with status " + std::to_string(exit_code);
    return "";
}

ToolRun run_tool(const std::string& program, const std::vector<std::string>& args,
                 std::chrono::milliseconds time_limit) {
    ToolRun run;
    run.command = program;
    run.time_limit = time_limit;
    for (const std::string& arg : args) run.command += " " + arg;
    const Clock::time_point deadline = Clock::now() + time_limit;

    Pipe out, err;
    if (!out.open() || !err.open()) {
        run.err = std::strerror(errno);
        return run;
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
    // Its own process group, so that the kill at the deadline reaches the
    // helpers a wrapper script starts; default signal dispositions, so a
    // planner run with SIGPIPE ignored does not pass that on.
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t child = -1;
    const int spawn_error = ::posix_spawn(&child, program.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawn_error != 0) {
        run.err = std::strerror(spawn_error);
        return run;
    }
    run.started = true;
    Pipe::close_fd(out.write_end);
    Pipe::close_fd(err.write_end);

    bool killed = false;
    auto kill_child = [&] {
        ::kill(-child, SIGKILL);
        killed = true;
    };
    while (out.read_end >= 0 || err.read_end >= 0) {
        pollfd watched[2];
        nfds_t count = 0;
        for (int fd : {out.read_end, err.read_end})
            if (fd >= 0) watched[count++] = {fd, POLLIN, 0};
        const int ready = ::poll(watched, count, milliseconds_until(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            run.timed_out = true;
            kill_child();
            break;
        }
        for (nfds_t i = 0; i < count; ++i) {
            if (!(watched[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const bool is_out = watched[i].fd == out.read_end;
            std::string& into = is_out ? run.out : run.err;
            if (!drain(watched[i].fd, into)) Pipe::close_fd(is_out ? out.read_end : err.read_end);
        }
        if (run.out.size() > tool_output_limit || run.err.size() > tool_output_limit) {
            run.too_long = true;
            kill_child();
            break;
        }
    }
    // Both streams closed: wait for the exit itself, still within the limit.
    int status = 0;
    while (!killed) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) {
            record_exit(run, status);
            return run;
        }
        if (done < 0 && errno != EINTR) return run;
        if (milliseconds_until(deadline) == 0) {
            run.timed_out = true;
            kill_child();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return run;
}

}  // namespace planner
