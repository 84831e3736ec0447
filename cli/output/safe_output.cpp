#include "cli/output/safe_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include <planner/error.hpp>

#include "model/io/user_file.hpp"

namespace planner::cli {

namespace {

// The same bound on a chain of links as the kernel's (ELOOP).
constexpr int max_link_depth = 40;

[[noreturn]] void fail(const std::string& path, std::string_view why) {
    std::string message = path;
    message.append(": cannot write: ").append(why);
    throw InputError(message);
}

[[noreturn]] void fail_errno(const std::string& path, std::string_view doing) {
    std::string why(doing);
    why.append(": ").append(std::strerror(errno));
    fail(path, why);
}

std::string directory_of(const std::string& path) {
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The path a chain of symbolic links ends at, existing or not: writing
// "through" a link must replace its target, not the link.
std::string follow_links(const std::string& path) {
    std::string current = path;
    for (int depth = 0; depth < max_link_depth; ++depth) {
        struct stat status {};
        if (::lstat(current.c_str(), &status) != 0 || !S_ISLNK(status.st_mode)) return current;
        char target[PATH_MAX];
        const ssize_t length = ::readlink(current.c_str(), target, sizeof target - 1);
        if (length < 0) fail_errno(path, "cannot read the symbolic link");
        std::string next(target, static_cast<size_t>(length));
        current = !next.empty() && next.front() == '/' ? next : directory_of(current) + "/" + next;
    }
    fail(path, "too many levels of symbolic links");
}

void write_all(int fd, std::string_view text, const std::string& path) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) fail_errno(path, "write failed");
        text.remove_prefix(static_cast<size_t>(written));
    }
}

// A device or FIFO: written in place, never created, truncated or replaced.
void write_in_place(const std::string& path, std::string_view text, bool fifo) {
    // O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of hanging.
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0));
    if (fd < 0 && fifo && errno == ENXIO) fail(path, "it is a FIFO (a named pipe) that nobody is reading");
    if (fd < 0) fail_errno(path, "cannot open");
    if (fifo) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    try {
        write_all(fd, text, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) fail_errno(path, "write failed");
}

mode_t mode_for_new_file() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

// Removes the temporary file unless the rename has consumed it.
class TemporaryFile {
public:
    explicit TemporaryFile(std::string name_template) : name_(std::move(name_template)) {
        fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
        created_ = fd_ >= 0;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (created_ && !renamed_) ::unlink(name_.c_str());
    }
    bool created() const { return created_; }
    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    // Closes the descriptor and reports whether everything reached the file.
    bool close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0;
    }
    void mark_renamed() { renamed_ = true; }

private:
    std::string name_;
    int fd_ = -1;
    bool created_ = false;
    bool renamed_ = false;
};

void replace_regular_file(const std::string& path, const std::string& target, std::string_view text,
                          const struct stat* old) {
    TemporaryFile temporary(directory_of(target) + "/." + base_name_of(target) + ".planner-XXXXXX");
    if (!temporary.created()) fail_errno(path, "cannot create a temporary file in " + directory_of(target));
    if (old) {
        // The replacement is the same file to its users: same permissions and,
        // when we may (root), the same owner.
        if (::fchmod(temporary.fd(), old->st_mode & 07777) != 0) fail_errno(path, "cannot keep the file's mode");
        if (::fchown(temporary.fd(), old->st_uid, old->st_gid) != 0 && errno != EPERM)
            fail_errno(path, "cannot keep the file's owner");
    } else if (::fchmod(temporary.fd(), mode_for_new_file()) != 0) {
        fail_errno(path, "cannot set the file's mode");
    }
    write_all(temporary.fd(), text, path);
    if (::fsync(temporary.fd()) != 0 && errno != EINVAL) fail_errno(path, "write failed");
    if (!temporary.close()) fail_errno(path, "write failed");
    if (::rename(temporary.name().c_str(), target.c_str()) != 0) fail_errno(path, "cannot replace the file");
    temporary.mark_renamed();
}

bool same_file(const struct stat& x, const struct stat& y) { return x.st_dev == y.st_dev && x.st_ino == y.st_ino; }

}  // namespace

void write_output_file(const std::string& path, std::string_view text, std::string_view flag,
                       const std::vector<std::string>& inputs) {
    if (path.empty()) throw UsageError(std::string(flag) + " needs a file name, not an empty string");
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        if (errno != ENOENT) fail_errno(path, "cannot look at it");
        replace_regular_file(path, follow_links(path), text, nullptr);
        return;
    }
    for (const std::string& input : inputs) {
        struct stat read {};
        if (::stat(input.c_str(), &read) == 0 && same_file(read, status))
            throw UsageError(std::string(flag) + " " + path + " is the file being read (" + input +
                             "); write the output to another file");
    }
    // Opened by its own name: /dev/stdout and /proc/self/fd/N are links that
    // only open() can follow (readlink gives "pipe:[1234]").
    if (S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode))
        return write_in_place(path, text, S_ISFIFO(status.st_mode));
    if (!S_ISREG(status.st_mode)) {
        std::string why = "it is ";
        why.append(file_kind_name(status.st_mode)).append(", which is never replaced");
        fail(path, why);
    }
    const std::string target = follow_links(path);
    struct stat resolved {};
    if (::stat(target.c_str(), &resolved) != 0 || !same_file(resolved, status))
        fail(path, "it changed while being written to");
    replace_regular_file(path, target, text, &status);
}

}  // namespace planner::cli
