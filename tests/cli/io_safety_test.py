#!/usr/bin/env python3
"""What the planner writes and reads when the path or the stream is hostile:
-o onto devices, FIFOs, sockets, links, the input itself and a full disk;
stdout that is full, closed or a pipe nobody reads; files that are
directories, FIFOs with an idle writer, /dev/zero or 4 GiB sparse files;
control characters from a matrix file on the way to a terminal; a BOM;
batch ids beyond 64 bits.

Usage: io_safety_test.py PLANNER SOURCE_ROOT   Prints 'N passed, N failed'."""
import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cases import case, expect, finish, named_case  # noqa: E402  (tests/cases.py)

PLANNER = sys.argv[1]
ROOT = sys.argv[2]
DOCUMENT = os.path.join(ROOT, "tests", "data", "docs", "mkdocs-tpu.md")
MATRIX_JSON = os.path.join(ROOT, "data", "vllm-0.6.json")
WORK = tempfile.mkdtemp(prefix="planner-io-safety-")
# A bound that a refused input meets at once and that a read of 4 GiB, or a
# wait on a FIFO, exceeds many times over.
PROMPT = 10


def planner(*args, stdin=subprocess.DEVNULL, timeout=120, **options):
    result = subprocess.run([PLANNER, *args], stdin=stdin, capture_output=True, timeout=timeout, **options)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


def path(name):
    return os.path.join(WORK, name)


def kind(name):
    return stat.S_IFMT(os.lstat(name).st_mode)


def leftovers(directory):
    return [name for name in os.listdir(directory) if "planner-" in name or ".tmp" in name]


def fresh_directory(name):
    directory = path(name)
    os.mkdir(directory)
    return directory


# --- -o: what it replaces and what it never does ----------------------------

@case
def output_flag_with_an_empty_name_is_an_error():
    code, out, err = planner("import", DOCUMENT, "-o", "")
    expect(code == 2 and out == b"" and "-o needs a file name" in err, (code, out[:80], err))


@case
def output_onto_the_input_document_is_refused_by_name_and_by_inode():
    directory = fresh_directory("same-input")
    document = os.path.join(directory, "doc.md")
    with open(DOCUMENT, "rb") as source, open(document, "wb") as copy:
        copy.write(source.read())
    before = open(document, "rb").read()
    os.link(document, os.path.join(directory, "hard-link.md"))
    for target in (document, os.path.join(directory, "hard-link.md"), os.path.join(directory, ".", "doc.md")):
        code, _, err = planner("import", document, "-o", target)
        expect(code == 2 and "is the file being read" in err, (target, code, err))
    expect(open(document, "rb").read() == before, "the document was overwritten")


@case
def output_through_a_symlink_replaces_its_target_and_keeps_the_link():
    directory = fresh_directory("symlink")
    os.mkdir(os.path.join(directory, "real"))
    target = os.path.join(directory, "real", "matrix.json")
    open(target, "w").write("old\n")
    link = os.path.join(directory, "link.json")
    os.symlink("real/matrix.json", link)
    code, _, err = planner("import", DOCUMENT, "-o", link)
    expect(code == 0, err)
    expect(kind(link) == stat.S_IFLNK and os.readlink(link) == "real/matrix.json", "the link was replaced")
    expect(json.load(open(target))["schema"] == "planner-matrix/1", "the target was not written")
    expect(leftovers(directory) == [] and leftovers(os.path.join(directory, "real")) == [], "temporary files left")


@case
def output_through_a_dangling_symlink_creates_its_target():
    directory = fresh_directory("dangling")
    link = os.path.join(directory, "link.json")
    os.symlink("made.json", link)
    code, _, err = planner("import", DOCUMENT, "-o", link)
    expect(code == 0, err)
    expect(kind(link) == stat.S_IFLNK and os.path.isfile(os.path.join(directory, "made.json")), os.listdir(directory))


@case
def output_keeps_the_old_files_mode():
    directory = fresh_directory("mode")
    target = os.path.join(directory, "matrix.json")
    open(target, "w").write("old\n")
    os.chmod(target, 0o640)
    code, _, err = planner("import", DOCUMENT, "-o", target)
    expect(code == 0, err)
    expect(stat.S_IMODE(os.stat(target).st_mode) == 0o640, oct(os.stat(target).st_mode))
    expect(open(target).read() != "old\n", "not replaced")


@case
def a_failed_write_leaves_the_old_file_and_no_temporary_file():
    directory = fresh_directory("failed-write")
    target = os.path.join(directory, "matrix.json")
    open(target, "w").write("old\n")

    def small_file_limit():  # the import's JSON is far larger than 1 kB
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    code, _, err = planner("import", DOCUMENT, "-o", target, preexec_fn=small_file_limit)
    expect(code == 2 and "matrix.json: cannot write" in err, (code, err))
    expect(open(target).read() == "old\n", "the old file was touched")
    expect(leftovers(directory) == [], f"temporary files left: {os.listdir(directory)}")


def make_device_node(name, minor):
    """A character device of our own (1, 3 is null, 1, 7 is full), or None when not root."""
    node = path(name)
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        return None
    return node


def device_node_case(node):
    code, out, err = planner("import", DOCUMENT, "-o", node)
    expect(code == 0, (code, err))
    expect(kind(node) == stat.S_IFCHR, f"{node} is no longer a character device")
    expect("wrote" in err, err)


NODE_CASE_PASSED = []


@case
def output_onto_a_device_node_writes_to_it_and_never_replaces_it():
    # Never the system's own devices here: the planner under test may be one
    # that replaces them (as it did, run as root, before this test existed).
    node = make_device_node("null", 3)
    if node is None:
        print("note: not root, so no device node to test with; /dev/null is not tried either")
        return
    device_node_case(node)
    NODE_CASE_PASSED.append(True)


@case
def output_onto_dev_null_leaves_it_a_character_device():
    # Only once a node of our own has survived.
    if NODE_CASE_PASSED:
        device_node_case("/dev/null")


@case
def output_onto_dev_stdout_writes_into_the_pipe():
    if NODE_CASE_PASSED:  # as above: /dev/stdout is a system link a bad planner would replace
        code, out, err = planner("import", DOCUMENT, "-o", "/dev/stdout")
        expect(code == 0 and out.startswith(b'{\n  "schema": "planner-matrix/1"'), (code, out[:60], err))
        expect(os.path.islink("/dev/stdout"), "/dev/stdout replaced")


@case
def output_onto_a_full_device_is_exit_2_and_leaves_the_device():
    node = make_device_node("full", 7)
    if node is None:
        return
    code, _, err = planner("import", DOCUMENT, "-o", node)
    expect(code == 2 and "No space left" in err, (code, err))
    expect(kind(node) == stat.S_IFCHR, "the device node was replaced")


@case
def output_onto_a_fifo_nobody_reads_is_refused_at_once():
    fifo = path("unread.fifo")
    os.mkfifo(fifo)
    start = time.monotonic()
    try:
        code, _, err = planner("import", DOCUMENT, "-o", fifo, timeout=PROMPT)
    except subprocess.TimeoutExpired:
        raise AssertionError("import -o FIFO waited for a reader")
    expect(code == 2 and "FIFO" in err and "nobody is reading" in err, (code, err))
    expect(kind(fifo) == stat.S_IFIFO, "the FIFO was replaced")
    expect(time.monotonic() - start < PROMPT, "slow")


@case
def output_onto_a_fifo_with_a_reader_is_written_to_it():
    fifo = path("read.fifo")
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    time.sleep(0.2)  # the reader is in open() when the planner opens the FIFO
    code, _, err = planner("import", DOCUMENT, "-o", fifo)
    reader.join(PROMPT)
    expect(code == 0, err)
    expect(received and json.loads(received[0])["schema"] == "planner-matrix/1", "nothing read from the FIFO")
    expect(kind(fifo) == stat.S_IFIFO, "the FIFO was replaced")


@case
def output_onto_a_socket_or_a_directory_is_refused():
    socket_path = path("planner.sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(socket_path)
    directory = fresh_directory("out-dir")
    for target, words in ((socket_path, "is a socket"), (directory, "is a directory")):
        code, _, err = planner("import", DOCUMENT, "-o", target)
        expect(code == 2 and words in err, (target, code, err))
    expect(kind(socket_path) == stat.S_IFSOCK and kind(directory) == stat.S_IFDIR, "replaced")
    server.close()


# --- stdout that does not take the answer ------------------------------------

@case
def a_full_stdout_is_exit_2_with_the_reason():
    for args in (["maximize", "--hw", "a100"], ["maximize", "--hw", "a100", "--json"], ["import", DOCUMENT],
                 ["matrix", "show"], ["--help"]):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([PLANNER, *args], stdout=full, stderr=subprocess.PIPE, timeout=120)
        err = result.stderr.decode()
        expect(result.returncode == 2 and "cannot write to stdout: No space left on device" in err,
               (args, result.returncode, err))


@case
def a_closed_stdout_is_exit_2():
    result = subprocess.run(f"exec {PLANNER} maximize --hw a100 >&-", shell=True, capture_output=True, timeout=120)
    expect(result.returncode == 2 and b"stdout is closed" in result.stderr, (result.returncode, result.stderr))


@case
def a_closed_stdout_does_not_turn_the_output_file_into_stdout():
    directory = fresh_directory("closed-stdout")
    target = os.path.join(directory, "matrix.json")
    subprocess.run(f"exec {PLANNER} import {DOCUMENT} -o {target} >&-", shell=True, capture_output=True, timeout=120)
    expect(not os.path.exists(target) or b"wrote" not in open(target, "rb").read(), "stdout text in the file")


@case
def batch_stops_when_its_reader_goes_away_even_with_sigpipe_ignored():
    line = b'{"id": %d, "cmd": "maximize", "hw": "a100", "must": ["lora"]}\n'
    requests = b"".join(line % number for number in range(20000))  # ~30 s of answers today
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        process = subprocess.Popen([PLANNER, "batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, restore_signals=False)
    finally:
        signal.signal(signal.SIGPIPE, previous)

    def feed():
        try:
            process.stdin.write(requests)
            process.stdin.close()
        except BrokenPipeError:
            pass

    feeder = threading.Thread(target=feed)
    feeder.start()
    first = process.stdout.readline()
    process.stdout.close()
    try:
        code = process.wait(timeout=PROMPT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError("batch went on answering a closed pipe")
    finally:
        feeder.join()
    err = process.stderr.read().decode()
    expect(json.loads(first)["id"] == 0, first)
    expect(code == 2 and "Broken pipe" in err and "batch stopped after line" in err, (code, err))


@case
def batch_into_a_full_stdout_is_exit_2():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([PLANNER, "batch"], input=b'{"cmd": "check", "hw": "a100", "have": ["lora"]}\n',
                                stdout=full, stderr=subprocess.PIPE, timeout=120)
    expect(result.returncode == 2 and b"No space left" in result.stderr, (result.returncode, result.stderr))


# --- files that are not files, or far too large ------------------------------

class IdleWriter:
    """A FIFO that a process holds open for writing and never writes to."""

    def __init__(self, name):
        self.path = path(name)
        os.mkfifo(self.path)
        self.reader = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer open at once
        self.writer = os.open(self.path, os.O_WRONLY)

    def close(self):
        os.close(self.writer)
        os.close(self.reader)


def special_files():
    server = socket.socket(socket.AF_UNIX)
    server.bind(path("input.sock"))
    return [(fresh_directory("input-dir"), "is a directory"), (IdleWriter("idle.fifo").path, "is a FIFO"),
            ("/dev/zero", "is a character device"), (path("input.sock"), "is a socket")], server


def readers_of(name):
    """Every command-line place that reads a file the user names."""
    return [["import", name], ["check", "--hw", "a100", "--have", "lora", "--matrix", name],
            ["check", "--hw", "a100", "--have", "lora", "--overlay", name],
            ["graph", "--hw", "a100", "--plan", name]]


SPECIAL, SERVER = special_files()

for special, words in SPECIAL:
    for args in readers_of(special):
        @named_case(f"{' '.join(args[:1] + args[-2:])} is refused at once ({words})")
        def special_file_is_refused(args=args, words=words):
            try:
                code, _, err = planner(*args, timeout=PROMPT)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"{args} waited")
            expect(code == 2 and words in err, (args, code, err))


@case
def batch_and_plan_refuse_a_directory_or_dev_zero_on_stdin():
    for stdin_path, words in ((path("input-dir"), "is a directory"), ("/dev/zero", "is a character device")):
        for args in (["batch"], ["graph", "--hw", "a100", "--plan", "-"]):
            stdin = os.open(stdin_path, os.O_RDONLY)
            try:
                code, _, err = planner(*args, stdin=stdin, timeout=PROMPT)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"{args} < {stdin_path} went on reading")
            finally:
                os.close(stdin)
            expect(code == 2 and words in err, (args, stdin_path, code, err))
    code, _, err = planner("batch", stdin=subprocess.DEVNULL)
    expect(code == 0 and err == "", ("batch < /dev/null is an empty stream", code, err))


@case
def a_sparse_file_of_4_gib_stops_at_the_cap_for_every_reader():
    sparse = path("sparse.json")
    with open(sparse, "wb") as out:
        out.truncate(4 << 30)
    for args in readers_of(sparse):
        start = time.monotonic()
        code, _, err = planner(*args, timeout=PROMPT)
        expect(code == 2 and "4294967296 bytes; at most" in err and "internal error" not in err, (args, code, err))
        expect(time.monotonic() - start < PROMPT, f"{args} slow")


@case
def a_nul_byte_ends_no_json_file_early():
    # nlohmann's lexer takes NUL for the end of input: the garbage after it would go unread.
    _, plan, _ = planner("maximize", "--hw", "a100", "--json")
    overlay = b'{"schema": "planner-overlay/1",\n "cells": []}'
    rules = b'{"schema": "planner-rules/1", "id": "b", "rules": []}'
    readers = [(open(MATRIX_JSON, "rb").read(), ["check", "--hw", "a100", "--have", "lora", "--matrix"]),
               (overlay, ["check", "--hw", "a100", "--have", "lora", "--overlay"]),
               (rules, ["maximize", "--hw", "a100", "--rules"]),
               (plan.rstrip(b"\n"), ["graph", "--hw", "a100", "--plan"])]
    for text, args in readers:
        name = path("nul.json")
        with open(name, "wb") as out:
            out.write(text + b'\0{"garbage": [1,2')
        line = text.count(b"\n") + 1
        column = len(text) - (text.rfind(b"\n") + 1) + 1
        code, _, err = planner(*args, name)
        expect(code == 2 and f"nul.json: a NUL byte at line {line}, column {column}; a JSON file is text" in err,
               (args, code, err))


@case
def a_file_whose_size_stat_does_not_tell_is_read_to_its_end():
    # /proc files report size 0: read whole all the same, then refused for what they say.
    code, _, err = planner("check", "--hw", "a100", "--have", "lora", "--overlay", "/proc/self/status")
    expect(code == 2 and "/proc/self/status:1: parse error" in err, (code, err))


# --- the matrix file's text on its way to a terminal -------------------------

HOSTILE = "\x1b]0;owned\x07\x1b[2J\u009b31m\x7f\r"
RAW_CONTROLS = [b"\x1b", b"\x07", b"\xc2\x9b", b"\x7f", b"\r"]


def hostile_matrix():
    matrix = json.load(open(MATRIX_JSON))
    matrix["id"] = "hostile"  # an id is checked as import checks it: no control characters
    matrix["source"] = "source" + HOSTILE
    # Links may hold no control character (a cell link is a URL): the text reaches answers as a footnote.
    matrix["footnotes"] = {mark: text + HOSTILE for mark, text in matrix["footnotes"].items()}
    matrix["footnotes"]["†"] = "footnote" + HOSTILE
    for cell in matrix["pairs"] + matrix["support"]:
        if cell["value"] != "yes":
            cell["marks"].append("†")
    name = path("hostile.json")
    json.dump(matrix, open(name, "w"))
    return name


HOSTILE_MATRIX = hostile_matrix()


def hostile_label_document():
    text = open(DOCUMENT, encoding="utf-8").read().replace("LoRA", "Lo\x1b[2JRA", 1)
    name = path("hostile-label.md")
    open(name, "w", encoding="utf-8").write(text)
    return name


@case
def control_characters_from_a_matrix_file_are_escaped_in_text():
    on_hostile = ["--matrix", HOSTILE_MATRIX]
    commands = [["maximize", "--hw", "ampere", "--must", "lora,sd", *on_hostile],
                ["check", "--hw", "ampere", "--have", "lora,sd", *on_hostile],
                ["explain", "--hw", "ampere", "--must", "lora,sd", *on_hostile], ["matrix", "show", *on_hostile],
                ["features", *on_hostile], ["diff", "vllm-0.6", HOSTILE_MATRIX]]
    for args in commands:
        code, out, err = planner(*args)
        expect(code in (0, 1), (args, code, err))
        for raw in RAW_CONTROLS:
            expect(raw not in out and raw not in err.encode(), (args, raw, out[:200]))
        if args[0] != "features":  # which prints only the matrix id, where no control character is allowed
            expect(b"\\u001b]0;owned\\u0007" in out, (args, out[:300]))


@case
def control_characters_in_a_link_are_refused_and_escaped_in_the_error():
    matrix = json.load(open(MATRIX_JSON))
    matrix["pairs"][0]["links"].append("https://example.org/" + HOSTILE)
    name = path("hostile-link.json")
    json.dump(matrix, open(name, "w"))
    code, out, err = planner("maximize", "--hw", "ampere", "--matrix", name)
    expect(code == 2 and "pairs[0].links[0]: 'https://example.org/\\u001b]0;owned" in err, (code, err))
    expect("is not a URL: it holds a control character" in err, err)
    for raw in RAW_CONTROLS:
        expect(raw not in out and raw not in err.encode(), (raw, err))


@case
def control_characters_in_a_document_label_are_escaped_in_the_error():
    code, out, err = planner("import", hostile_label_document())
    expect(code == 2 and "\x1b" not in err and "Lo\\u001b[2JRA" in err, (code, err))


@case
def json_answers_keep_the_matrix_strings_exactly():
    code, out, _ = planner("maximize", "--hw", "ampere", "--must", "lora,sd", "--matrix", HOSTILE_MATRIX, "--json")
    document = json.loads(out)

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    expect(code == 1 and any(text.endswith(HOSTILE) for text in strings(document)), document.get("matrix"))
    for raw in RAW_CONTROLS:
        expect(raw not in out, raw)


# --- BOM, empty names, batch ids ---------------------------------------------

def with_bom(name, source):
    target = path(name)
    with open(source, "rb") as inner, open(target, "wb") as out:
        out.write(b"\xef\xbb\xbf" + inner.read())
    return target


@case
def a_json_matrix_file_with_a_bom_is_read_as_json():
    plain = planner("maximize", "--hw", "ampere", "--matrix", MATRIX_JSON, "--json")
    marked = planner("maximize", "--hw", "ampere", "--matrix", with_bom("bom.json", MATRIX_JSON), "--json")
    expect(marked[0] == 0 and marked[1] == plain[1], marked)


@case
def overlay_plan_and_batch_input_with_a_bom_are_read():
    overlay = path("overlay.json")
    open(overlay, "w").write('{"schema": "planner-overlay/1", "cells": []}')
    code, _, err = planner("check", "--hw", "a100", "--have", "lora", "--overlay", with_bom("bom-overlay.json", overlay))
    expect(code == 0, err)
    plan = path("plan.json")
    open(plan, "wb").write(planner("maximize", "--hw", "ampere", "--json")[1])
    code, _, err = planner("graph", "--hw", "ampere", "--plan", with_bom("bom-plan.json", plan))
    expect(code == 0, err)
    line = b'\xef\xbb\xbf{"id": 1, "cmd": "check", "hw": "a100", "have": ["lora"]}\n'
    result = subprocess.run([PLANNER, "batch"], input=line, capture_output=True, timeout=120)
    expect(json.loads(result.stdout)["status"] == "ok", result.stdout)


@case
def an_empty_matrix_name_is_an_error_not_the_default():
    code, _, err = planner("check", "--hw", "a100", "--have", "lora", "--matrix", "")
    expect(code == 2 and "--matrix" in err, (code, err))
    line = b'{"id": 1, "cmd": "check", "hw": "a100", "have": ["lora"], "matrix": ""}\n'
    answer = json.loads(subprocess.run([PLANNER, "batch"], input=line, capture_output=True, timeout=120).stdout)
    expect(answer["status"] == "error" and "matrix" in answer["error"], answer)


@case
def batch_echoes_number_ids_exactly_as_written():
    ids = ["18446744073709551616", "18446744073709551617", "1.50e3", "-0", "123456789012345678901234567890", "7"]
    lines = "".join('{"id": %s, "cmd": "check", "hw": "a100", "have": ["lora"]}\n' % i for i in ids)
    lines += '{"cmd": "check", "id": 18446744073709551618, "hw": "nowhere", "have": []}\n'
    result = subprocess.run([PLANNER, "batch"], input=lines.encode(), capture_output=True, timeout=120)
    answers = result.stdout.decode().splitlines()
    expect(len(answers) == len(ids) + 1, answers)
    for written, answer in zip(ids + ["18446744073709551618"], answers):
        expect(answer.startswith('{"id":' + written + ","), (written, answer[:60]))
        json.loads(answer)


SERVER.close()
finish()
