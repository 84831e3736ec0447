#include "cli/output/stdout_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <planner/error.hpp>

namespace planner::cli {

namespace {

bool stdin_closed = false;
bool failure_reported = false;
int first_errno = 0;

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1 || errno != EBADF; }

}  // namespace

bool prepare_standard_descriptors() {
    std::signal(SIGXFSZ, SIG_IGN);
    bool stdout_open = true;
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (is_open(fd)) continue;
        if (fd == STDOUT_FILENO) stdout_open = false;
        if (fd == STDIN_FILENO) stdin_closed = true;
        // open() takes the lowest free number, which is `fd` here.
        const int placeholder = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (placeholder >= 0 && placeholder != fd) {
            ::dup2(placeholder, fd);
            ::close(placeholder);
        }
    }
    if (!stdout_open) {
        failure_reported = true;
        std::cerr << "planner: error: stdout is closed, so no answer could be written; nothing was done\n";
    }
    return stdout_open;
}

void require_open_stdin(std::string_view what) {
    if (stdin_closed)
        throw InputError("stdin is closed, so there is no " + std::string(what) + " to read; give it on stdin "
                         "(< FILE or a pipe)");
}

bool stdout_is_writable() {
    if (failure_reported) return false;
    // A write that failed just now left its reason in errno; otherwise the
    // flush below is the write that fails.
    const bool failed_before = std::cout.fail();
    const int error_before = errno;
    errno = 0;
    std::cout.flush();
    const bool written = !std::cout.fail() && std::fflush(stdout) == 0 && !std::ferror(stdout);
    if (!written && first_errno == 0) first_errno = failed_before ? error_before : errno;
    return written;
}

int finish_stdout(int exit_code, int write_error) {
    if (write_error != 0 && first_errno == 0) first_errno = write_error;
    if (stdout_is_writable()) return exit_code;
    if (!failure_reported) {
        failure_reported = true;
        std::cerr << "planner: error: cannot write to stdout"
                  << (first_errno ? std::string(": ") + std::strerror(first_errno) : std::string()) << "\n";
    }
    return 2;
}

}  // namespace planner::cli
