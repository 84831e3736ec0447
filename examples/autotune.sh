#!/usr/bin/env bash
# A dry-run autotuning grid in the style of vLLM's benchmarks/auto_tune: the
# feature side of the grid is every maximal valid feature set of this
# machine's hardware (`planner enumerate --hw auto`), plus candidate sets a
# person wrote down; each candidate is checked by the planner first, and the
# ones it rejects are skipped with the cells that rule them out. For each
# valid set and each value of the scheduler knob, the script prints the
# `vllm serve` command it would benchmark (it runs nothing).
#
#   PLANNER     the planner binary (default: build/cli/planner)
#   CANDIDATES  hand-written feature sets, space-separated, each a comma list
#               (default: "lora,sd cp,apc,lora")
#   MAX_NUM_SEQS  values of --max-num-seqs to try (default: "64 256")
set -euo pipefail

planner=${PLANNER:-build/cli/planner}
candidates=${CANDIDATES:-"lora,sd cp,apc,lora"}
max_num_seqs=${MAX_NUM_SEQS:-"64 256"}

# The hardware class and the maximal sets: one JSON document, read with python3
# (present wherever the planner's own tests run) rather than scraped as text.
enumerated=$("$planner" enumerate --hw auto --json)
read_json() { python3 -c "import json, sys; d = json.loads(sys.argv[1]); $2" "$enumerated"; }
hardware=$(read_json "" 'print(d["hardware"])')
matrix=$(read_json "" 'print(d["matrix"])')
mapfile -t maximal < <(read_json "" 'print("\n".join(",".join(p["features"]) or "-" for p in d["plans"]))')
echo "hardware: $hardware (matrix $matrix), ${#maximal[@]} maximal feature sets"

# A maximal set names every feature on; a hand-written candidate names only
# what it adds to vLLM's defaults (CUDA graphs, prefix caching, ...), so it is
# given to the planner in the signed form (+lora,+sd) and its runs keep them.
runs=0 skipped=0
for features in "${maximal[@]}" $candidates; do
  have=$features
  if [[ " $candidates " == *" $features "* ]]; then
    have="+${features//,/,+}"
  fi
  if [ "$features" = "-" ]; then
    echo "skip  {}: no feature at all is valid here"
    skipped=$((skipped + 1))
    continue
  fi
  # Exit 0: valid; 1: invalid (the JSON names every violated cell); 2: bad input.
  status=0
  verdict=$("$planner" check --hw "$hardware" --matrix "$matrix" --have "$have" --json) || status=$?
  if [ "$status" -eq 1 ]; then
    cells=$(python3 -c 'import json, sys
d = json.loads(sys.argv[1])
print("; ".join("%s x %s %s" % (c["row"], c["column"], c["value"]) for c in d["violations"]))' "$verdict")
    echo "skip  {$features}: $cells"
    skipped=$((skipped + 1))
    continue
  elif [ "$status" -ne 0 ]; then
    echo "planner check failed on {$features} (exit $status)" >&2
    exit 2
  fi
  features=$(python3 -c 'import json, sys; print(",".join(json.loads(sys.argv[1])["features"]))' "$verdict")
  # A valid set needs no change, so repair gives its flags as they stand.
  serve=$("$planner" repair --hw "$hardware" --matrix "$matrix" --have "$have" --format vllm-args |
    grep '^vllm serve')
  for seqs in $max_num_seqs; do
    echo "run   {$features}: $serve --max-num-seqs $seqs"
    runs=$((runs + 1))
  done
done
echo "$runs runs planned, $skipped candidate sets skipped"
