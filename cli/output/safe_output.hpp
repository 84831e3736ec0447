#pragma once
// `-o FILE`: the one way the planner writes a file. Run as root, the usual
// "write a temporary file, rename it over the target" replaces whatever the
// target is, /dev/null included; a careless open() truncates the old file
// before the new text is known to fit. Here:
// - a regular file (or a missing path) is replaced atomically: a temporary
//   file with a random name, created exclusively beside it, renamed over it
//   once every byte is written; it keeps the old file's mode and owner, and
//   a failed write leaves the old file as it was and no temporary file;
// - a symbolic link is followed: its target is replaced, the link stays;
// - a character device (/dev/null, /dev/stdout, a terminal) or a FIFO with a
//   reader is written to as a shell redirection would, never replaced;
// - a directory, a socket, a block device or a FIFO without a reader is refused.
#include <string>
#include <string_view>
#include <vector>

namespace planner::cli {

// Writes `text` to `path`, or throws (UsageError, InputError: exit 2). `flag`
// names the option in messages ("-o"); `inputs` are the files the command
// read, which the output must not overwrite (compared by inode, so a hard
// link or another spelling of the same file is caught too).
void write_output_file(const std::string& path, std::string_view text, std::string_view flag,
                       const std::vector<std::string>& inputs);

}  // namespace planner::cli
