#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR (configured with -Dfuzz=true) for
# SECONDS each, one after the other, from the seed corpus of tests/ and data/
# with the target's dictionary. Prints the executions of each target, keeps
# what a crash leaves in BUILD_DIR/fuzz-artifacts, and ends with one line
# "N passed, N failed" (a target is one case).
#   tests/fuzz/run.sh build-fuzz 60
#   FUZZ_TARGETS="fuzz_overlay" tests/fuzz/run.sh build-fuzz 600
#   tests/fuzz/run.sh --list          (the targets, for `ninja -C build-fuzz ...`)
set -u
cd "$(dirname "$0")/../.." || exit 2
targets=${FUZZ_TARGETS:-fuzz_import fuzz_import_format fuzz_mojibake fuzz_matrix_json fuzz_overlay fuzz_batch_line}
if [ "${1:-}" = --list ]; then
    printf 'tests/fuzz/%s\n' $targets
    exit 0
fi
build=${1:?usage: tests/fuzz/run.sh BUILD_DIR SECONDS}
seconds=${2:?usage: tests/fuzz/run.sh BUILD_DIR SECONDS}
work="$build/fuzz-work"
artifacts="$build/fuzz-artifacts"
mkdir -p "$work" "$artifacts"

documents=(tests/data/sources/* tests/data/docs/* tests/data/bad/*.md tests/data/bad/*.rst tests/data/bad/*.txt tests/data/bad/*.bin)
matrices=(data/vllm-*.json tests/data/bad/*.json)

# Seeds go into a scratch directory per target (never into tests/), prefixed
# with the selector byte where the target reads one.
seed() {
    local target=$1 dir="$work/$1-seeds"
    rm -rf "$dir" && mkdir -p "$dir"
    case $target in
    fuzz_import | fuzz_mojibake)
        cp "${documents[@]}" "$dir/" ;;
    fuzz_import_format)
        local file selector
        for file in "${documents[@]}"; do
            for selector in 0 1 2; do
                { printf "\\x0$selector"; cat "$file"; } > "$dir/$selector-$(basename "$file")"
            done
        done ;;
    fuzz_matrix_json)
        cp "${matrices[@]}" "$dir/" ;;
    fuzz_overlay)
        cp tests/fuzz/seeds/overlay/* "$dir/" ;;
    fuzz_batch_line)
        cp tests/fuzz/seeds/batch/* "$dir/" ;;
    esac
    echo "$dir"
}

dictionary() {
    case $1 in
    fuzz_import | fuzz_import_format | fuzz_mojibake) echo tests/fuzz/import.dict ;;
    fuzz_matrix_json) echo tests/fuzz/matrix_json.dict ;;
    fuzz_overlay) echo tests/fuzz/overlay.dict ;;
    fuzz_batch_line) echo tests/fuzz/batch.dict ;;
    esac
}

passed=0
failed=0
for target in $targets; do
    binary="$build/tests/fuzz/$target"
    if [ ! -x "$binary" ]; then
        echo "$target: not built (meson setup with -Dfuzz=true and CXX=clang++)"
        failed=$((failed + 1))
        continue
    fi
    seeds=$(seed "$target")
    corpus="$work/$target-corpus"
    mkdir -p "$corpus"
    log="$work/$target.log"
    # -rss_limit_mb: a parser that balloons on a small input is a finding too.
    "$binary" "$corpus" "$seeds" \
        -dict="$(dictionary "$target")" \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        echo "$target: ${runs:-?} executions in ${seconds} s, nothing found"
        passed=$((passed + 1))
    else
        echo "$target: FAILED after ${runs:-?} executions (exit $status); log $log"
        grep -m 20 -E "ERROR|runtime error|SUMMARY|Test unit written|==[0-9]+==" "$log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
