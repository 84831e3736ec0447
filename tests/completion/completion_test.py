#!/usr/bin/env python3
"""`planner completion bash|zsh|fish`: each script loads in its shell, and
completing partial command lines gives the expected words, taken from the
binary's own catalog. Each shell offers exactly the flags each command's help
lists, and every value it offers for a flag is one the command accepts (the
command is run with it). fish is asked through `complete -C`; zsh's completion
system needs a terminal, so the zsh script runs with stand-ins for compadd,
compset and _files that print what they are given. A shell that is not
installed is skipped, except under CI=true.

Usage: completion_test.py PLANNER   Prints 'N passed, N failed'."""
import functools
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import expect, finish, named_case  # noqa: E402  (tests/cases.py)
from help_text import base_for_flag, command_paths, help_flags, leaves, runnable_example  # noqa: E402

PLANNER = sys.argv[1]
DIRECTORY = tempfile.mkdtemp()
SCRIPTS = {}
for shell in ("bash", "zsh", "fish"):
    SCRIPTS[shell] = os.path.join(DIRECTORY, f"planner.{shell}")
    with open(SCRIPTS[shell], "w", encoding="utf-8") as handle:
        handle.write(subprocess.run([PLANNER, "completion", shell], capture_output=True, text=True,
                                    timeout=60).stdout)

ZSH_STANDINS = r"""
compdef() { : }
compset() { if [[ $1 == -P && $PREFIX == *,* ]]; then IPREFIX=${PREFIX%,*},; PREFIX=${PREFIX##*,}; fi }
compadd() {
    local suffix='' array='' w
    while [[ $1 == -* ]]; do
        case $1 in (-S) suffix=$2; shift 2 ;; (-a) array=$2; shift 2 ;; (--) shift; break ;; (*) shift ;; esac
    done
    local -a items
    if [[ -n $array ]]; then items=(${(P)array}); else items=("$@"); fi
    for w in $items; do [[ $w == ${PREFIX}* ]] && print -r -- "$IPREFIX$w$suffix"; done
}
_files() { print -r -- '<files>' }
"""


def complete_bash(line):
    words = line.split(" ")
    program = (f"source {shlex.quote(SCRIPTS['bash'])}\nCOMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) +
               f")\nCOMP_CWORD={len(words) - 1}\n_planner\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    return run_shell(["bash", "-c", program])


def complete_zsh(line):
    words = line.split(" ")
    program = (ZSH_STANDINS + f"source {shlex.quote(SCRIPTS['zsh'])}\nwords=(" +
               " ".join(shlex.quote(w) for w in words) + f")\nCURRENT={len(words)}\n"
               "PREFIX=${words[CURRENT]} IPREFIX=''\n_planner\n")
    return run_shell(["zsh", "-f", "-c", program])


def complete_fish(line):
    program = f"source {shlex.quote(SCRIPTS['fish'])}; complete -C {shlex.quote(line)}"
    return [word.split("\t")[0] for word in run_shell(["fish", "--no-config", "-c", program])]


def run_shell(argv):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 and result.stderr:
        raise AssertionError(f"{argv[0]} exit {result.returncode}: {result.stderr}")
    return [word for word in result.stdout.splitlines() if word]


COMPLETERS = {"bash": complete_bash, "zsh": complete_zsh, "fish": complete_fish}
SYNTAX_CHECK = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}


def planner_json(*args):
    return json.loads(subprocess.run([PLANNER, *args, "--json"], capture_output=True, text=True, timeout=60).stdout)


@functools.lru_cache(maxsize=None)
def run_planner(argv):
    result = subprocess.run([PLANNER, *argv], capture_output=True, text=True, timeout=120)
    return result.returncode, result.stderr


def accepted(argv):
    """The command takes the value: an answer, or a refusal that is about the matrix or the rest of the
    request (a feature the example already asks for), not about the name."""
    code, err = run_planner(tuple(argv))
    not_about_the_name = ("has no column in matrix", "has no row in matrix", "' is both --")
    return code in (0, 1, 3) or (code == 2 and any(reason in err for reason in not_about_the_name))


FEATURES = [entry["id"] for entry in planner_json("features")["features"]]
# The classes some shipped matrix has a column for (blackwell, which none has
# and which is planned with every cell unknown, is offered too).
HARDWARE = [entry["id"] for entry in planner_json("hardware")["hardware"] if entry["matrices"]]
MATRICES = [entry["id"] for entry in planner_json("matrix", "list")["matrices"]]
PATHS = command_paths(PLANNER)


def shell_cases(shell, complete):
    def case(line, must_have=(), must_not_have=(), exactly=None):
        @named_case(f"{shell}: {line!r}")
        def _():
            got = complete(line)
            if exactly is not None:
                expect(sorted(got) == sorted(exactly), f"got {got}, expected exactly {exactly}")
            missing = [word for word in must_have if word not in got]
            extra = [word for word in must_not_have if word in got]
            expect(not missing and not extra, f"missing {missing}, unexpected {extra}; got {got}")

    case("planner ", ["maximize", "repair", "check", "explain", "enumerate", "batch", "completion", "matrix", "import",
                      "help", "man"])
    case("planner ma", exactly=["maximize", "matrix", "man"])
    case("planner maximize --m", ["--must", "--matrix"], ["--have"])
    case("planner maximize --hw ampere --f", ["--format", "--forbid-partial", "--forbid-unknown"])
    case("planner check --", ["--have", "--hw", "--json"], ["--must", "--format"])
    case("planner enumerate --", ["--must", "--format"], ["--any-version"])
    case("planner maximize --must ", FEATURES)
    case("planner maximize --must lo", exactly=["lora", "logprobs"])
    case("planner maximize --must cp,lor", exactly=["cp,lora"])
    case("planner repair --hw a100 --have cp,apc,prompt-",
         exactly=["cp,apc," + f for f in FEATURES if f.startswith("prompt-")])
    case("planner maximize --weight lor", exactly=["lora="])
    case("planner maximize --hw ", HARDWARE + ["auto"])
    case("planner maximize --hw a1", ["a100"], ["ampere"])
    case("planner enumerate --hw au", exactly=["auto"])
    case("planner maximize --matrix ", MATRICES)
    case("planner maximize --format ", exactly=["text", "vllm-args"])
    case("planner graph --hw ampere --format ", exactly=["dot", "svg"])
    case("planner maximize --color ", exactly=["auto", "always", "never"])
    case("planner matrix ", exactly=["list", "show"])
    case("planner matrix show --", ["--hw", "--matrix", "--json", "--color"], ["--must"])
    case("planner completion ", exactly=["bash", "zsh", "fish"])
    case("planner help ", ["maximize", "matrix", "completion"])
    case("planner batch --", ["--help"], ["--hw", "--color"])

    @named_case(f"{shell}: every command is offered exactly the flags its help lists")
    def _():
        for path in PATHS:
            offered = set(complete(f"planner {path} -"))
            listed = {name for names, _ in help_flags(PLANNER, path) for name in names}
            if shell == "fish":  # fish offers a short flag only once a single dash is typed alone
                listed = {name for name in listed if name.startswith("--")} | (offered & listed)
            expect(offered == listed, (path, sorted(offered ^ listed)))

    @named_case(f"{shell}: every hardware name offered is planned on, by the default matrix or another shipped one")
    def _():
        refused = []
        for word in complete("planner maximize --hw "):
            code, err = run_planner(("maximize", "--hw", word))
            # "matrices that have it: ..." names the --matrix to give; "no shipped matrix has it" has none.
            if code not in (0, 1, 3) and "matrices that have it" not in err:
                refused.append(f"--hw {word}: {err.strip()}")
        expect(not refused, "\n".join(refused))

    @named_case(f"{shell}: every value offered for a flag is accepted by the command")
    def _():
        refused = []
        for path in leaves(PATHS):
            base = runnable_example(PLANNER, path)
            if base is None:
                continue
            for names, type_name in help_flags(PLANNER, path):
                flag = names[-1]
                if not type_name or flag in base or type_name in ("FILE", "FILE|-", "DOC"):
                    continue
                offered = [word for word in complete(" ".join(["planner", *base, flag, ""])) if word != "<files>"]
                if type_name in ("HW", "F,..", "F=N,..") and path != "maximize":
                    offered = offered[:3]  # the lists are the same for every command; run them all once
                for value in offered:
                    if os.path.exists(value):
                        continue  # a file of the working directory, offered beside the matrix ids
                    argv = [*base_for_flag(base, flag), flag, value + ("1" if value.endswith("=") else "")]
                    if not accepted(argv):
                        refused.append(f"planner {' '.join(argv)}: {run_planner(tuple(argv))[1].strip()}")
        expect(not refused, "\n".join(refused))


for shell, completer in COMPLETERS.items():
    if not shutil.which(shell):
        @named_case(f"{shell} is installed")
        def _():
            expect(os.environ.get("CI") != "true", f"{shell} is missing in CI; .ci/run installs it")
        continue

    @named_case(f"{shell}: the script parses")
    def _():
        subprocess.run(SYNTAX_CHECK[shell] + [SCRIPTS[shell]], check=True, timeout=60, capture_output=True)

    shell_cases(shell, completer)

shutil.rmtree(DIRECTORY)
finish()
