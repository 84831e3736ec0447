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
# --no-rebuild: ninja has just built; a second build here would mix sources
# edited in between into a run that then reports on neither.
rm -f "$build/meson-logs/testlog.json"
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 "$@"
status=$?
if [ -f "$build/meson-logs/testlog.json" ]; then
  python3 tests/summarize.py "$build/meson-logs/testlog.json" || status=1
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
