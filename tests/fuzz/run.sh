#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR (configured with -Dfuzz=true) for
# SECONDS each, FUZZ_JOBS at a time (default: the number of cores), from the
# seed corpus of tests/ and data/ with the target's dictionary. Prints the executions of each target, keeps
# what a crash leaves in BUILD_DIR/fuzz-artifacts, and ends with one line
# "N passed, N failed" (a target is one case).
#   tests/fuzz/run.sh build-fuzz 60
#   FUZZ_TARGETS="fuzz_overlay" tests/fuzz/run.sh build-fuzz 600
#   tests/fuzz/run.sh --list          (the targets, for `ninja -C build-fuzz ...`)
set -u
cd "$(dirname "$0")/../.." || exit 2
targets=${FUZZ_TARGETS:-fuzz_import fuzz_import_format fuzz_mojibake fuzz_matrix_json fuzz_overlay fuzz_rules fuzz_batch_line fuzz_command_line}
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
    fuzz_rules)
        cp examples/vllm-rules.json tests/data/rules/*.json "$dir/" ;;
    fuzz_batch_line)
        cp tests/fuzz/seeds/batch/* "$dir/" ;;
    fuzz_command_line)
        # Every command line of the argument catalogue and of the README, one
        # argument per line.
        python3 tests/fuzz/command_line_seeds.py "$dir" ;;
    esac
    echo "$dir"
}

dictionary() {
    case $1 in
    fuzz_import | fuzz_import_format | fuzz_mojibake) echo tests/fuzz/import.dict ;;
    fuzz_matrix_json) echo tests/fuzz/matrix_json.dict ;;
    fuzz_overlay) echo tests/fuzz/overlay.dict ;;
    fuzz_rules) echo tests/fuzz/rules.dict ;;
    fuzz_batch_line) echo tests/fuzz/batch.dict ;;
    fuzz_command_line) echo tests/fuzz/command_line.dict ;;
    esac
}

# Fuzzes one target; its verdict goes to $work/$target.verdict: "ok" or
# "failed", then the lines to print.
fuzz_one() {
    local target=$1 binary="$build/tests/fuzz/$1" verdict="$work/$1.verdict"
    if [ ! -x "$binary" ]; then
        printf 'failed\n%s: not built (meson setup with -Dfuzz=true and CXX=clang++)\n' "$target" >"$verdict"
        return
    fi
    local seeds corpus="$work/$target-corpus" log="$work/$target.log" status runs
    seeds=$(seed "$target")
    mkdir -p "$corpus"
    # -rss_limit_mb: a parser that balloons on a small input is a finding too.
    "$binary" "$corpus" "$seeds" \
        -dict="$(dictionary "$target")" \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ "$status" -eq 0 ]; then
        printf 'ok\n%s: %s executions in %s s, nothing found\n' "$target" "${runs:-?}" "$seconds" >"$verdict"
    else
        { printf 'failed\n%s: FAILED after %s executions (exit %s); log %s\n' "$target" "${runs:-?}" "$status" "$log"
          grep -m 20 -E "ERROR|runtime error|SUMMARY|Test unit written|==[0-9]+==" "$log"; } >"$verdict"
    fi
}

# FUZZ_JOBS targets at a time (default: one per core), verdicts printed in the
# order of $targets.
jobs=${FUZZ_JOBS:-$(nproc)}
running=0
for target in $targets; do
    rm -f "$work/$target.verdict"
    fuzz_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
passed=0
failed=0
for target in $targets; do
    if [ "$(head -n 1 "$work/$target.verdict" 2>/dev/null)" = ok ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    tail -n +2 "$work/$target.verdict" 2>/dev/null || echo "$target: no verdict"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
