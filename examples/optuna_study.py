#!/usr/bin/env python3
"""An Optuna study over vLLM's feature switches with the planner as the
validity oracle: each trial samples one on/off value per feature, asks ONE
long-lived `planner batch` process (through a pipe) whether that set is valid
on this machine's hardware, and prunes the trial before it runs when it is
not. The objective is a stand-in for a benchmark (a fixed score per feature
plus a little deterministic noise), so the study runs in seconds; replace
`stand_in_benchmark` with a real `vllm serve` + benchmark run.

    PLANNER  the planner binary (default: build/cli/planner)
    HW       hardware class or product (default: auto, this machine's)
    TRIALS   number of trials (default: 150)
"""
import hashlib
import json
import os
import subprocess
import sys

import optuna

PLANNER = os.environ.get("PLANNER", "build/cli/planner")
HW = os.environ.get("HW", "auto")
TRIALS = int(os.environ.get("TRIALS", "150"))

# Made-up gains in requests/s of a pretend benchmark: a stand-in, not a measurement.
GAIN = {"cp": 12, "apc": 18, "cuda-graph": 25, "multi-step": 9, "async-output": 7, "sd": 30,
        "lora": -4, "prompt-adapter": -2, "mm": 3, "guided-decoding": -6, "beam-search": -10,
        "best-of": -3, "logprobs": 1, "prompt-logprobs": 1, "enc-dec": -8, "pooling": -15}


class Planner:
    """`planner batch` kept running: one JSON line out, one JSON line back."""

    def __init__(self, path):
        self.process = subprocess.Popen([path, "batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, bufsize=1)
        self.next_id = 0
        self.requests = 0

    def ask(self, **request):
        self.next_id += 1
        self.requests += 1
        self.process.stdin.write(json.dumps({"id": self.next_id, **request}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer.get("id") != self.next_id:
            raise RuntimeError(f"answer out of order: {answer}")
        if answer["status"] == "error":
            raise RuntimeError(f"planner: {answer['error']}")
        return answer

    def close(self):
        self.process.stdin.close()
        return self.process.wait(timeout=30)


def stand_in_benchmark(features):
    noise = int(hashlib.sha256(",".join(features).encode()).hexdigest()[:4], 16) % 5
    return 100 + sum(GAIN.get(feature, 0) for feature in features) + noise


def main():
    planner = Planner(PLANNER)
    # One maximize answer names the hardware class (after --hw auto) and,
    # between "features" and "off", every feature of the matrix.
    probe = planner.ask(cmd="maximize", hw=HW)
    hardware, matrix = probe["hardware"], probe["matrix"]
    # A feature the hardware does not support can never be on: leave it out
    # of the search space instead of pruning half the trials on it.
    unsupported = sorted(off["feature"] for off in probe["off"] if off["reason"] == "unsupported")
    features = sorted(probe["features"] + [off["feature"] for off in probe["off"] if off["reason"] != "unsupported"])
    print(f"hardware {hardware}, matrix {matrix}: searching {len(features)} features, {TRIALS} trials")
    print(f"  left out, unsupported on {hardware}: {' '.join(unsupported) or '-'}")

    invalid_reasons = {}

    def objective(trial):
        chosen = [f for f in features if trial.suggest_categorical(f, [False, True])]
        verdict = planner.ask(cmd="check", hw=hardware, matrix=matrix, have=chosen)
        if verdict["status"] == "invalid":
            first = verdict["violations"][0]
            key = f"{first['row']} x {first['column']} {first['value']}"
            invalid_reasons[key] = invalid_reasons.get(key, 0) + 1
            raise optuna.TrialPruned()  # never benchmarked
        trial.set_user_attr("features", chosen)
        return stand_in_benchmark(chosen)

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=7))
    # Warm start: the maximal valid sets are the corners worth trying first.
    for plan in planner.ask(cmd="enumerate", hw=hardware, matrix=matrix, limit=5)["plans"]:
        study.enqueue_trial({f: f in plan["features"] for f in features})
    study.optimize(objective, n_trials=TRIALS)

    states = [trial.state for trial in study.trials]
    pruned = states.count(optuna.trial.TrialState.PRUNED)
    complete = states.count(optuna.trial.TrialState.COMPLETE)
    print(f"trials: {complete} benchmarked, {pruned} pruned as invalid before running")
    for reason, count in sorted(invalid_reasons.items(), key=lambda item: (-item[1], item[0]))[:5]:
        print(f"  most often violated: {reason} ({count} trials)")
    if complete == 0:
        print("no valid configuration was sampled")
        return 1
    best = study.best_trial.user_attrs["features"]
    print(f"best valid configuration (stand-in score {study.best_value:.0f}): {' '.join(best) or '(none)'}")
    # A valid set needs no repair: the answer carries its vLLM flags.
    flags = planner.ask(cmd="repair", hw=hardware, matrix=matrix, have=best, format="vllm-args")
    print(flags["vllm_args"]["command"])
    print(f"{planner.requests} questions to one planner process")
    return planner.close()


if __name__ == "__main__":
    sys.exit(main())
