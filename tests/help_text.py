"""What `planner ... --help` shows, read back by the tests that hold the rest
of the program to it (tests/cli/command_line_test.py, tests/completion): the
command paths, each command's flags with their type names, and its examples."""
import os
import subprocess


def _help(planner, path):
    return subprocess.run([planner, *path.split(), "--help"], capture_output=True, text=True, timeout=120).stdout


def section(help_text, title):
    """The lines of one section of CLI11's help ("Options:", "Subcommands:")."""
    lines, inside = [], False
    for line in help_text.splitlines():
        if line.rstrip() == title:
            inside = True
        elif inside and line and not line.startswith(" "):
            break
        elif inside and line.strip():
            lines.append(line)
    return lines


def command_paths(planner):
    """Every command path ("maximize", "matrix show"), from the Subcommands section of each help."""
    paths, todo = [], [""]
    while todo:
        path = todo.pop(0)
        children = [line.split()[0] for line in section(_help(planner, path), "Subcommands:")
                    if line.startswith("  ") and not line.startswith("   ")]
        if path:
            paths.append(path)
        todo += [f"{path} {child}".strip() for child in children]
    return paths


def leaves(paths):
    return [p for p in paths if not any(other.startswith(p + " ") for other in paths)]


def help_flags(planner, path):
    """[(names, type name)] of the Options section of `planner PATH --help`."""
    flags = []
    for line in section(_help(planner, path), "Options:"):
        words = line.split()
        names = words[0].split(",")
        type_name = words[1] if len(words) > 1 and not words[1][0].islower() and words[1] != "REQUIRED" else ""
        flags.append((names, type_name))
    return flags


def examples(planner, path):
    """The example lines that end `planner PATH --help`, as typed."""
    lines, inside = [], False
    for line in _help(planner, path).splitlines():
        if line.startswith("Example"):
            inside = True
        elif inside and line.startswith("  "):
            lines.append(line.strip())
        elif inside:
            inside = False
    return lines


def runnable_example(planner, path):
    """The first example of a command without shell syntax, as argv after `planner`; None if none."""
    for line in examples(planner, path):
        command = line.split("#")[0]
        if command.split()[:1] == ["planner"] and not set("|><") & set(command):
            return command.split()[1:]
    return None


# Flags that apply only beside another flag's particular value: --hw-as is for a
# class the matrix has no column for, so its base command plans for b200.
FLAG_CONTEXT = {"--hw-as": ("--hw", "b200")}
# Flags that are refused without another one: a hardware switch's cost means
# nothing unless a switch is allowed.
# --set fixes a variable a rules file declares.
RULES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "rules", "every-kind.json")
FLAG_NEEDS = {"--hw-cost": ["--allow-hw"], "--set": ["--rules", RULES_FILE]}


def base_for_flag(base, flag):
    """`base` (argv after `planner`) with what `flag` needs to apply."""
    base = list(base) + [needed for needed in FLAG_NEEDS.get(flag, []) if needed not in base]
    if flag not in FLAG_CONTEXT or FLAG_CONTEXT[flag][0] not in base:
        return base
    option, value = FLAG_CONTEXT[flag]
    adjusted = list(base)
    adjusted[adjusted.index(option) + 1] = value
    return adjusted
