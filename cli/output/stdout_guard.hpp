#pragma once
// An answer that did not reach its reader is a failure, not exit 0: stdout
// may be /dev/full, a closed descriptor (`>&-`) or a pipe whose reader is
// gone (EPIPE, when the planner was started with SIGPIPE ignored).
#include <string_view>

namespace planner::cli {

// Called first in main(). Points closed descriptors 0, 1 and 2 at /dev/null,
// so that no file the planner opens later becomes "stdout" by taking the
// lowest free number; false when stdout itself was closed, which main()
// refuses before doing any work. Also lets a write past the file-size limit
// fail as EFBIG instead of killing the process mid-file (SIGXFSZ).
bool prepare_standard_descriptors();

// Throws InputError when stdin was closed at start (`<&-`): the /dev/null put
// in its place would read as an empty input, and a reader of stdin would
// answer nothing with exit 0. `what` names the reader ("batch input").
void require_open_stdin(std::string_view what);

// Flushes stdout; on failure says so on stderr ("planner: error: cannot
// write to stdout: ...") and gives 2, else `exit_code`. Said once even when
// called again (batch reports the failure as soon as it happens).
// `write_error`: the errno of a write already known to have failed, if any.
int finish_stdout(int exit_code, int write_error = 0);

// Whether stdout still takes writes (flushes it first): what `planner batch`
// asks after each answer, to stop at once instead of solving for nobody.
bool stdout_is_writable();

}  // namespace planner::cli
