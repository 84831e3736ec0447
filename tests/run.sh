#!/usr/bin/env bash
# The whole test suite: builds what changed, runs every meson test, and ends
# with one line "N passed, N failed" counting test cases across all suites.
set -u
cd "$(dirname "$0")/.." || exit 2
build=${PLANNER_BUILD_DIR:-build}
if [ ! -d "$build" ]; then
  meson setup "$build" || exit 2
fi
ninja -C "$build" || { echo "0 passed, 1 failed"; exit 2; }
meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
status=$?
python3 tests/summarize.py "$build/meson-logs/testlog.json" || status=1
exit $status
