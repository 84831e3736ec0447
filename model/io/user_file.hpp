#pragma once
// Every file the planner reads on a user's say-so (a document to import, a
// --matrix file, an overlay, a --plan file) comes through here. A path can
// name anything: a directory, a FIFO whose writer never writes, /dev/zero, a
// sparse file of 4 GiB. Each of those is refused at once, in words that say
// what the path is, and no read ever takes more than the cap plus one byte.
#include <cstddef>
#include <string>
#include <string_view>

namespace planner {

// The whole file, or an InputError naming `path`: when it is not a regular
// file ("is a directory", "is a FIFO", "is a character device", ...), cannot
// be opened, or is larger than `cap` (told by its size before reading, or
// by a read that stops at cap + 1 bytes when the size lies, as in /proc).
// `what` names the kind of file in messages ("matrix file", "overlay file").
std::string read_user_file(const std::string& path, size_t cap, std::string_view what);

// For a reader of stdin (`planner batch`, `--plan -`): an InputError when
// stdin is a directory or a device that is neither a terminal nor /dev/null
// (`< /dev/zero` is an endless line). Pipes, sockets and files are welcome.
void check_stdin_is_input(std::string_view what);

// "a directory", "a FIFO", ...: what a stat mode is, for messages about a
// path that is not a regular file. Empty for a regular file.
std::string_view file_kind_name(unsigned mode);

// `text` without a leading UTF-8 byte-order mark, which editors on Windows
// write and which no reader of the planner gives a meaning to.
std::string_view without_byte_order_mark(std::string_view text);

}  // namespace planner
