#!/usr/bin/env bash
# The library as an embedder gets it: `meson install` into a scratch root, then
# examples/embed.cpp built from a copy outside the source tree with nothing but
# `pkg-config planner`, run, and its plans checked.
# Usage: installed_library_test.sh BUILD_DIR SOURCE_ROOT   (CXX picks the compiler)
set -u
build=$1
source_root=$2
# A word list: meson gives the compiler with its launcher ("ccache c++").
read -ra cxx <<< "${CXX:-c++}"
passed=0
failed=0
check() {  # check NAME COMMAND... : one test case
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name" >&2
    fi
}
finish() {
    echo "$passed passed, $failed failed"
    rm -rf "$root"
    [ "$failed" -eq 0 ]
    exit
}

root=$(mktemp -d /tmp/planner-install-XXXXXX)
stage="$root/stage"
work="$root/work"
mkdir -p "$work"

check "meson install --destdir" \
    meson install -C "$build" --no-rebuild --quiet --destdir "$stage"
pc=$(find "$stage" -name planner.pc -print -quit)
check "planner.pc is installed" test -n "$pc"
[ -n "$pc" ] || finish

# pkg-config reads the staged planner.pc and prefixes the staged root to its
# paths; z3 and the rest still come from the system's .pc files.
export PKG_CONFIG_PATH="$(dirname "$pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_SYSROOT_DIR="$stage"

man_page=$(find "$stage" -path '*/share/man/man1/planner.1' -print -quit)
check "the man page is installed as share/man/man1/planner.1" test -s "$man_page"

include_dir=$(find "$stage" -type d -path '*/include/planner' -print -quit)
check "headers are installed under include/planner" test -n "$include_dir"
expected="across_versions.hpp catalog.hpp cell_value.hpp check.hpp diff.hpp engine.hpp error.hpp hardware.hpp \
library.hpp matrix.hpp missing_column.hpp overlay.hpp planner.hpp question.hpp rules.hpp vllm_args.hpp"
installed=$(cd "$include_dir" 2>/dev/null && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
check "exactly the public headers are installed" \
    test "$(echo $installed)" = "$(echo $expected)"
no_foreign_types() {
    ! grep -rnE 'z3|nlohmann|boost' "$include_dir"
}
check "no Z3, JSON or Boost name in an installed header" no_foreign_types
each_header_compiles_alone() {
    local header ok=0
    for header in $expected; do
        echo "#include <planner/$header>" | "${cxx[@]}" -std=c++20 -fsyntax-only -x c++ - \
            $(pkg-config --cflags planner) || { echo "  $header" >&2; ok=1; }
    done
    return $ok
}
check "every installed header compiles on its own" each_header_compiles_alone

cflags=$(pkg-config --cflags planner)
libs=$(pkg-config --libs planner)
static_libs=$(pkg-config --static --libs planner)
check "pkg-config --cflags points into the installed tree" \
    grep -q -- "-I$(dirname "$include_dir")" <<<"$cflags"
check "pkg-config --libs names the library" grep -qw -- "-lplanner" <<<"$libs"
# The library is static, so z3 must come along with or without --static.
check "pkg-config --libs brings z3" grep -qw -- "-lz3" <<<"$libs"
check "pkg-config --static --libs brings z3" grep -qw -- "-lz3" <<<"$static_libs"
check "no JSON or Boost flags are published" \
    bash -c '! grep -qiE "nlohmann|boost" <<<"$1"' _ "$cflags $static_libs"

# A copy outside the source tree, so only installed headers can satisfy its includes.
cp "$source_root/examples/embed.cpp" "$work/embed.cpp"
only_the_umbrella() {  # the example's own includes: the standard library and <planner/planner.hpp>
    local planner_includes
    planner_includes=$(grep -E '^[[:space:]]*#[[:space:]]*include' "$work/embed.cpp" | grep -vE '<[a-z_]+>')
    test "$planner_includes" = "#include <planner/planner.hpp>"
}
check "examples/embed.cpp includes <planner/planner.hpp> and no other planner header" only_the_umbrella
check "examples/embed.cpp builds against the installed library alone" \
    "${cxx[@]}" -std=c++20 -Wall -Wextra -Wpedantic -Werror -o "$work/embed" "$work/embed.cpp" $cflags $libs
[ -x "$work/embed" ] || finish

output=$("$work/embed" 2>"$work/stderr")
check "the example runs and exits 0" test $? -eq 0
has() { grep -qF -- "$1" <<<"$output"; }
check "it names the default matrix" has "matrix vllm-"
check "ampere with no must-set is a plan" has "hw=ampere must=- status=ok"
check "must lora gives a plan whose flags enable LoRA" \
    bash -c 'grep -A3 -F "hw=ampere must=lora status=ok" <<<"$1" | grep -qF -- "--enable-lora"' _ "$output"
check "must sd asks for the draft model to be filled in" has "fill <DRAFT_MODEL>"
check "the cpu plan is planned" has "hw=cpu must=- status=ok"
check "LoRA with SD is infeasible, with alternatives" \
    bash -c 'grep -A2 -F "hw=ampere must=lora,sd status=infeasible" <<<"$1" | grep -qF "alternative: drop"' _ "$output"
check "nothing went to stderr" test ! -s "$work/stderr"
finish
