#!/usr/bin/env bash
# Every command, asked the same question on the shipped data many times, must
# answer with the same bytes (stdout, stderr and exit code): autotuners diff
# and cache answers, and ties must be broken the documented way every time.
#   determinism_test.sh PLANNER [RUNS]     (RUNS default: $PLANNER_DETERMINISM_RUNS or 100)
# Prints one line per command and ends with "N passed, N failed".
set -u
planner=${1:?usage: determinism_test.sh PLANNER [RUNS]}
runs=${2:-${PLANNER_DETERMINISM_RUNS:-100}}
root=${PLANNER_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

commands=(
  "import $root/tests/data/sources/compatibility_matrix-v0.6.rst"
  "import $root/tests/data/sources/000_c80e026caf167046.txt"
  "features"
  "hardware"
  "matrix list"
  "matrix show --hw ampere"
  "matrix show --matrix vllm-0.6"
  "maximize --hw ampere"
  "maximize --hw a100 --must lora,sd"
  "maximize --hw h100 --prefer sd,lora --never mm"
  "repair --hw ampere --have lora,sd,cp"
  "check --hw ampere --have lora,cp"
  "check --hw volta --have apc,lora,sd"
  "explain --hw ampere --must lora,sd"
  "enumerate --hw ampere"
  "enumerate --hw cpu --matrix vllm-0.6"
)

passed=0
failed=0
for command in "${commands[@]}"; do
  for json in "" " --json"; do
    # Word splitting of $command is intended: each entry is an argument list without quoting.
    # shellcheck disable=SC2086
    "$planner" $command$json >"$scratch/first.out" 2>"$scratch/first.err"
    first_status=$?
    differs=""
    for ((run = 2; run <= runs; run++)); do
      # shellcheck disable=SC2086
      "$planner" $command$json >"$scratch/again.out" 2>"$scratch/again.err"
      status=$?
      if [ "$status" -ne "$first_status" ] || ! cmp -s "$scratch/first.out" "$scratch/again.out" ||
         ! cmp -s "$scratch/first.err" "$scratch/again.err"; then
        differs="run $run differs from run 1 (exit $first_status then $status)"
        diff "$scratch/first.out" "$scratch/again.out" | head -5
        break
      fi
    done
    if [ "$first_status" -ge 2 ]; then
      # A usage error would make the comparison vacuous.
      echo "FAIL planner $command$json: exit $first_status: $(head -c 300 "$scratch/first.err")"
      failed=$((failed + 1))
    elif [ -n "$differs" ]; then
      echo "FAIL planner $command$json: $differs"
      failed=$((failed + 1))
    elif [ ! -s "$scratch/first.out" ]; then
      echo "FAIL planner $command$json: printed nothing"
      failed=$((failed + 1))
    else
      echo "ok   planner $command$json: $runs runs, $(wc -c <"$scratch/first.out") bytes each, exit $first_status"
      passed=$((passed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
