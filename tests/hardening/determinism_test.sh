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

# One command line, RUNS times; prints one "ok" or "FAIL" line.
check_line() {
  local line=$1 work=$2 first_status status run differs=""
  # Word splitting of $line is intended: each entry is an argument list without quoting.
  # shellcheck disable=SC2086
  "$planner" $line >"$work/first.out" 2>"$work/first.err"
  first_status=$?
  for ((run = 2; run <= runs; run++)); do
    # shellcheck disable=SC2086
    "$planner" $line >"$work/again.out" 2>"$work/again.err"
    status=$?
    if [ "$status" -ne "$first_status" ] || ! cmp -s "$work/first.out" "$work/again.out" ||
       ! cmp -s "$work/first.err" "$work/again.err"; then
      differs="run $run differs from run 1 (exit $first_status then $status): $(diff "$work/first.out" "$work/again.out" | head -3 | tr '\n' ' ')"
      break
    fi
  done
  if [ "$first_status" -ge 2 ]; then
    # A usage error would make the comparison vacuous.
    echo "FAIL planner $line: exit $first_status: $(head -c 300 "$work/first.err")"
  elif [ -n "$differs" ]; then
    echo "FAIL planner $line: $differs"
  elif [ ! -s "$work/first.out" ]; then
    echo "FAIL planner $line: printed nothing"
  else
    echo "ok   planner $line: $runs runs, $(wc -c <"$work/first.out") bytes each, exit $first_status"
  fi
}

lines=()
for command in "${commands[@]}"; do
  lines+=("$command" "$command --json")
done

# Two workers, each taking every other line: the runs are process start-ups,
# and two cores halve the wait.
workers=2
for ((worker = 0; worker < workers; worker++)); do
  (
    mkdir -p "$scratch/$worker"
    for ((i = worker; i < ${#lines[@]}; i += workers)); do
      check_line "${lines[$i]}" "$scratch/$worker"
    done >"$scratch/$worker.results"
  ) &
done
wait
cat "$scratch"/*.results
passed=$(cat "$scratch"/*.results | grep -c '^ok ')
failed=$(( ${#lines[@]} - passed ))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
