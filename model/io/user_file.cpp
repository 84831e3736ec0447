#include "model/io/user_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <utility>

#include <planner/error.hpp>

#include "model/io/limits.hpp"

namespace planner {

namespace {

constexpr std::array<std::pair<unsigned, std::string_view>, 5> kinds = {{
    {S_IFDIR, "a directory"},
    {S_IFIFO, "a FIFO (a named pipe)"},
    {S_IFSOCK, "a socket"},
    {S_IFCHR, "a character device"},
    {S_IFBLK, "a block device"},
}};

// Closes on every way out of read_user_file.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

[[noreturn]] void refuse(const std::string& path, std::string_view what, std::string_view reason,
                         std::string_view doing = "read") {
    std::string message = path;
    message.append(": cannot ").append(doing).append(" the ").append(what).append(": ").append(reason);
    throw InputError(message);
}

// "no such file or directory": strerror's words, in the lower case of the rest of the message.
[[noreturn]] void refuse_open(const std::string& path, std::string_view what) {
    std::string reason = std::strerror(errno);
    if (!reason.empty()) reason.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(reason.front())));
    refuse(path, what, reason, "open");
}

[[noreturn]] void refuse_kind(const std::string& path, std::string_view what, unsigned mode,
                              std::string_view wanted = "a regular file") {
    std::string reason = "it is ";
    reason.append(file_kind_name(mode)).append(", not ").append(wanted);
    refuse(path, what, reason);
}

[[noreturn]] void refuse_size(const std::string& path, std::string_view what, std::string_view size, size_t cap) {
    std::string message = path;
    message.append(": the ").append(what).append(" is ").append(size);
    message.append("; at most ").append(limits::describe_bytes(cap)).append(" are accepted");
    throw InputError(message);
}

}  // namespace

std::string_view file_kind_name(unsigned mode) {
    for (const auto& [kind, name] : kinds)
        if ((mode & S_IFMT) == kind) return name;
    return (mode & S_IFMT) == S_IFREG ? "" : "not a regular file";
}

std::string_view without_byte_order_mark(std::string_view text) {
    constexpr std::string_view mark = "\xEF\xBB\xBF";
    if (text.substr(0, mark.size()) == mark) text.remove_prefix(mark.size());
    return text;
}

void check_stdin_is_input(std::string_view what) {
    struct stat input {};
    if (::fstat(STDIN_FILENO, &input) != 0) return;  // closed: reads end at once
    const bool device = S_ISCHR(input.st_mode) || S_ISBLK(input.st_mode);
    if (!S_ISDIR(input.st_mode) && !device) return;
    if (S_ISCHR(input.st_mode)) {
        if (::isatty(STDIN_FILENO)) return;
        struct stat null_device {};
        if (::stat("/dev/null", &null_device) == 0 && S_ISCHR(null_device.st_mode) &&
            null_device.st_rdev == input.st_rdev)
            return;
    }
    refuse_kind("<stdin>", what, input.st_mode, "a pipe, a file or a terminal");
}

std::string read_user_file(const std::string& path, size_t cap, std::string_view what) {
    if (path.empty()) refuse("''", what, "the file name is empty");
    // stat first: opening a socket fails without saying why, and opening a
    // FIFO for reading waits for a writer.
    struct stat before {};
    if (::stat(path.c_str(), &before) != 0) refuse_open(path, what);
    if (!S_ISREG(before.st_mode)) refuse_kind(path, what, before.st_mode);
    if (static_cast<unsigned long long>(before.st_size) > cap)
        refuse_size(path, what, std::to_string(before.st_size) + " bytes", cap);

    // O_NONBLOCK: should the path turn into a FIFO between stat and open,
    // open returns at once and the fstat below refuses it.
    Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (file.get() < 0) refuse_open(path, what);
    struct stat opened {};
    if (::fstat(file.get(), &opened) != 0) refuse(path, what, std::strerror(errno));
    if (!S_ISREG(opened.st_mode)) refuse_kind(path, what, opened.st_mode);

    // The size stat gave may lie (/proc, a file still growing): read at most
    // one byte past the cap, which is enough to know it is over.
    std::string content;
    content.reserve(static_cast<size_t>(opened.st_size));
    char chunk[1 << 16];
    while (content.size() <= cap) {
        const size_t want = std::min(sizeof chunk, cap + 1 - content.size());
        const ssize_t got = ::read(file.get(), chunk, want);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) refuse(path, what, std::strerror(errno));
        if (got == 0) return content;
        content.append(chunk, static_cast<size_t>(got));
    }
    refuse_size(path, what, "more than " + limits::describe_bytes(cap), cap);
}

}  // namespace planner
