#!/usr/bin/env python3
"""Docs that run: every shell command in README.md and docs/*.md is executed.

usage: test_docs.py GLINT SAMPLE_OBJ SOURCE_DIR [--full] [--docs FILE...]

Which blocks run. Every fenced block tagged ```sh (or bash, shell) is a list of
commands, one a line (a trailing backslash or an open quote continues it); a
```console block is a terminal session: each `$ ` line is a command and the lines
under it are what it prints. A ```text block right after a ```sh block (blank
lines between are fine) is what the block's last command prints. A plain ```
block is never run, and one whose first line starts with `$ ` is an error (tag it
```console).

Marks. An HTML comment on the line(s) just above a block changes how it runs;
directives are separated by `;`, and an unknown one is an error:
  <!-- docs-test: skip (why) -->   not run; the reason is required and counted
  <!-- docs-test: exit N -->       each command is expected to exit N (default 0)
  <!-- docs-test: display -->      run under Xvfb (tests/window/xvfb.sh, a real X display)

How shown output is compared: the command's stdout, then its stderr, line by line
with trailing spaces dropped. In an expected line, `…` (U+2026) stands for any
text; a line that is only `...` stands for any number of lines.

The world the commands run in (the only substitutions; nothing in a command is
rewritten except by SPEED_UPS below). Each doc gets a fresh scratch folder, and
its commands run there in order, so a later command can use an earlier one's file:
  build/glint, glint (on PATH)  the glint under test
  assets/                       the source tree's assets/ (so assets/sample/bust.obj
                                is the sample and is printed as the doc writes it)
  bust.obj, model.obj,          copies of the sample (with its bust.mtl beside)
  path/to/model.obj
  model.stl                     a 20 mm ASCII STL tetrahedron written here
DISPLAY and WAYLAND_DISPLAY are unset, so the viewer takes its documented
no-display path (one headless render, then exit) unless the block is marked
`display`; stdin is /dev/null, so nothing waits for an answer.

SPEED_UPS, applied unless --full: a full `glint check` turns through 278-300
steps (a minute or more each on llvmpipe), so a check without `--sweep` gets
`--sweep 12` (the first 12 degrees at the documented size and step, as
test_sample_check runs its all-gloss check: the sample passes there, and all
gloss fails on the armour). A block whose command was sped up still runs and its
exit code is checked, but its shown output is compared only with --full, which
runs every command exactly as written (test_docs_full).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SPEED_UPS = [
    # (what it does, pattern, replacement)
    ("glint check without --sweep: --sweep 12",
     re.compile(r"(\bglint check)(?![^#]*--sweep)"), r"\1 --sweep 12"),
]

MARK = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```\s*([A-Za-z0-9_-]*)\s*$")
RUN_LANGS = {"sh", "bash", "shell"}
TIMEOUT_S = 600


class DocError(Exception):
    pass


class Block:
    def __init__(self, path, line, lang, lines, marks):
        self.path, self.line, self.lang, self.lines = path, line, lang, lines
        self.skip = None
        self.exit = 0
        self.display = False
        for directive in marks:
            m = re.fullmatch(r"skip\s*\((.+)\)", directive)
            if m:
                self.skip = m.group(1)
            elif re.fullmatch(r"exit\s+\d+", directive):
                self.exit = int(directive.split()[1])
            elif directive == "display":
                self.display = True
            else:
                raise DocError(f"{path}:{line}: unknown docs-test directive '{directive}'")
        self.commands = []  # (line, command, expected output lines or None)


def complete(text):
    """True when text is a whole shell command: no open quote, no trailing backslash."""
    if text.endswith("\\"):
        return False
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return False
    return True


def parse(path, shown):
    """The doc's fenced blocks, with marks, commands and expected outputs."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, marks, mark_line, i = [], [], None, 0
    previous_run = None  # the last run block, while only blank lines follow it
    while i < len(lines):
        line = lines[i]
        m = MARK.match(line)
        if m:
            marks += [d.strip() for d in m.group(1).split(";") if d.strip()]
            mark_line = i + 1
            i += 1
            continue
        f = FENCE.match(line)
        if not f:
            if line.strip() and marks:
                raise DocError(f"{shown}:{mark_line}: a docs-test mark not followed by a block")
            if line.strip():
                previous_run = None
            i += 1
            continue
        lang, start = f.group(1).lower(), i + 1
        body = []
        i += 1
        while i < len(lines) and not lines[i].startswith("```"):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise DocError(f"{shown}:{start}: unclosed fenced block")
        i += 1
        if lang == "text" and previous_run is not None and not marks:
            previous_run.commands[-1] = previous_run.commands[-1][:2] + (body,)
            previous_run = None
            continue
        if lang not in RUN_LANGS and lang != "console":
            if lang == "" and body and body[0].startswith("$ "):
                raise DocError(f"{shown}:{start}: a terminal session in a plain block: "
                               "tag it ```console")
            if marks:
                raise DocError(f"{shown}:{mark_line}: a docs-test mark over a block that "
                               "does not run")
            previous_run = None
            continue
        block = Block(shown, start, lang, body, marks)
        marks = []
        if lang == "console":
            parse_console(block, body, start)
        else:
            parse_sh(block, body, start)
        if not block.commands:
            raise DocError(f"{shown}:{start}: a shell block with no command")
        blocks.append(block)
        previous_run = block if lang != "console" else None
    return blocks


def parse_sh(block, body, start):
    pending, first = "", None
    for n, line in enumerate(body):
        if not pending and not line.strip():
            continue
        first = first if pending else start + 1 + n
        pending = pending + "\n" + line if pending else line
        if complete(pending.rstrip()):
            block.commands.append((first, pending, None))
            pending = ""
    if pending:
        raise DocError(f"{block.path}:{first}: the command never ends (open quote or backslash)")


def parse_console(block, body, start):
    pending, first, output = "", None, None
    for n, line in enumerate(body):
        if pending:
            pending += "\n" + line
        elif line.startswith("$ "):
            if output is not None:
                block.commands[-1] = block.commands[-1][:2] + (output,)
            first, pending, output = start + 1 + n, line[2:], None
        elif output is not None:
            output.append(line)
            continue
        else:
            raise DocError(f"{block.path}:{start + 1 + n}: output before any `$ ` command")
        if complete(pending.rstrip()):
            block.commands.append((first, pending, None))
            pending, output = "", []
    if pending:
        raise DocError(f"{block.path}:{first}: the command never ends (open quote or backslash)")
    if output is not None:
        block.commands[-1] = block.commands[-1][:2] + (output,)


def matches(expected, actual):
    """Line-by-line match: `...` alone is any number of lines, `…` any text in a line."""
    def line_ok(want, got):
        parts = [re.escape(p) for p in want.split("…")]
        return re.fullmatch(".*".join(parts), got, re.S) is not None

    memo = {}

    def go(e, a):
        if (e, a) in memo:
            return memo[(e, a)]
        if e == len(expected):
            ok = a == len(actual)
        elif expected[e].strip() == "...":
            ok = any(go(e + 1, k) for k in range(a, len(actual) + 1))
        else:
            ok = a < len(actual) and line_ok(expected[e], actual[a]) and go(e + 1, a + 1)
        memo[(e, a)] = ok
        return ok

    return go(0, 0)


def clean(lines):
    lines = [l.rstrip() for l in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


STL = """solid tetra
facet normal 0 0 -1
outer loop
vertex 0 0 0
vertex 0 20 0
vertex 20 0 0
endloop
endfacet
facet normal 0 -1 0
outer loop
vertex 0 0 0
vertex 20 0 0
vertex 0 0 20
endloop
endfacet
facet normal -1 0 0
outer loop
vertex 0 0 0
vertex 0 0 20
vertex 0 20 0
endloop
endfacet
facet normal 0.577 0.577 0.577
outer loop
vertex 20 0 0
vertex 0 20 0
vertex 0 0 20
endloop
endfacet
endsolid tetra
"""


def make_world(folder, glint, sample, source):
    os.makedirs(os.path.join(folder, "build"))
    os.makedirs(os.path.join(folder, "bin"))
    os.symlink(glint, os.path.join(folder, "build", "glint"))
    os.symlink(glint, os.path.join(folder, "bin", "glint"))
    os.symlink(os.path.join(source, "assets"), os.path.join(folder, "assets"))
    mtl = os.path.join(os.path.dirname(sample), "bust.mtl")
    for where, name in (("", "bust.obj"), ("", "model.obj"), ("path/to", "model.obj")):
        d = os.path.join(folder, where)
        os.makedirs(d, exist_ok=True)
        shutil.copyfile(sample, os.path.join(d, name))
        shutil.copyfile(mtl, os.path.join(d, "bust.mtl"))
    with open(os.path.join(folder, "model.stl"), "w") as f:
        f.write(STL)


def run_doc(shown, blocks, glint, sample, source, full, tally):
    counts = {"run": 0, "skipped": 0, "failed": 0, "compared": 0, "full_only": 0}
    folder = tempfile.mkdtemp(prefix="glint-docs-")
    try:
        make_world(folder, glint, sample, source)
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env["PATH"] = os.path.join(folder, "bin") + os.pathsep + env.get("PATH", "")
        for block in blocks:
            if block.skip is not None:
                counts["skipped"] += len(block.commands)
                tally["skips"].append(f"{block.path}:{block.line}: {block.skip}")
                continue
            for line, command, expected in block.commands:
                as_run = command
                if not full:
                    for _, pattern, replacement in SPEED_UPS:
                        as_run = pattern.sub(replacement, as_run)
                argv = ["bash", "-c", as_run]
                if block.display:
                    # glint's own status, whatever xvfb-run's clean-up does
                    xvfb = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                        "window", "xvfb.sh")
                    argv = ["bash", xvfb] + argv
                started = time.monotonic()
                try:
                    done = subprocess.run(argv, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                          capture_output=True, text=True, errors="replace",
                                          timeout=TIMEOUT_S)
                    code, out, err = done.returncode, done.stdout, done.stderr
                except subprocess.TimeoutExpired as e:
                    code, out, err = "timeout", str(e.stdout or ""), str(e.stderr or "")
                seconds = time.monotonic() - started
                counts["run"] += 1
                where = f"{block.path}:{line}"
                problem = None
                if code != block.exit:
                    problem = f"exit {code}, the doc expects {block.exit}"
                elif expected is not None:
                    actual = clean(out.splitlines() + err.splitlines())
                    if as_run != command:
                        counts["full_only"] += 1
                    else:
                        counts["compared"] += 1
                        if not matches(clean(expected), actual):
                            problem = "its output is not what the doc shows:\n  expected:\n" + \
                                "\n".join("    " + l for l in clean(expected)) + \
                                "\n  got:\n" + "\n".join("    " + l for l in actual)
                if problem:
                    counts["failed"] += 1
                    tail = (out + err).strip().split("\n")[-8:]
                    print(f"FAIL {where}: {command.strip()}")
                    if as_run != command:
                        print(f"  run as: {as_run.strip()}")
                    print(f"  {problem}")
                    if expected is None or code != block.exit:
                        print("  output (last lines):\n" + "\n".join("    " + l for l in tail))
                else:
                    print(f"ok   {where} ({seconds:.1f} s): {command.strip().splitlines()[0]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return counts


def main(argv):
    args = argv[1:]
    full = "--full" in args
    args = [a for a in args if a != "--full"]
    docs = None
    if "--docs" in args:
        k = args.index("--docs")
        args, docs = args[:k], args[k + 1:]
    if len(args) != 3:
        print(__doc__.split("\n")[2], file=sys.stderr)
        return 2
    glint, sample, source = (os.path.abspath(a) for a in args)
    if docs is None:
        docs = [os.path.join(source, "README.md")] + sorted(
            os.path.join(source, "docs", n) for n in os.listdir(os.path.join(source, "docs"))
            if n.endswith(".md"))
    tally = {"skips": []}
    totals = {"run": 0, "skipped": 0, "failed": 0, "compared": 0, "full_only": 0}
    per_file = []
    started = time.monotonic()
    try:
        parsed = [(os.path.relpath(d, source), d) for d in docs]
        parsed = [(shown, parse(d, shown)) for shown, d in parsed]
    except DocError as e:
        print(f"FAIL {e}")
        return 1
    for shown, blocks in parsed:
        counts = run_doc(shown, blocks, glint, sample, source, full, tally)
        per_file.append((shown, counts))
        for k in totals:
            totals[k] += counts[k]
    print("skipped:")
    for s in tally["skips"]:
        print(f"  {s}")
    print("per file:")
    for shown, c in per_file:
        print(f"  {shown}: {c['run']} run, {c['skipped']} skipped, {c['failed']} failed, "
              f"{c['compared']} outputs compared")
    print(f"test_docs{' --full' if full else ''}: {totals['run']} commands run, "
          f"{totals['skipped']} skipped, {totals['failed']} failed; {totals['compared']} "
          f"outputs compared, {totals['full_only']} compared only with --full "
          f"({time.monotonic() - started:.0f} s)")
    for name, _, _ in SPEED_UPS if not full else []:
        print(f"speed-up: {name}")
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
