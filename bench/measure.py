#!/usr/bin/env python3
"""Median wall time and median peak RSS of a command, over N runs after warm-up runs.
(Its user + system CPU time too: a wall time well above it means the command waited, for
the disk or for a core that something else on the machine was using.)

    bench/measure.py [-n 5] [--warmup 1] [--label NAME] [--json] [--append FILE]
                     [--expect TEXT] -- COMMAND [ARG...]

Peak RSS is the child's own ru_maxrss from os.wait4(), never python's. On Linux a child
that python forks (or vforks) starts with python's high-water mark already counted, which
would put a floor of python's ~10 MiB under every number. So python makes itself a child
subreaper and starts the command from /bin/sh as a grandchild: the grandchild is forked by
the small shell, is reparented to python when the shell exits, waits for python's "go", then
execs the command; python times from "go" to the command's exit and wait4()s it directly.
Where that is not available (not Linux), the command is python's own child and the report
says so ("rss_includes_python": true).

The command's stdout goes to /dev/null (or to --stdout FILE, last run); its stderr is kept
and shown if it fails. --expect TEXT makes each run fail unless TEXT appears in its stdout or
stderr: some programs exit 0 on a file they could not read.

Output: a small text table, or with --json one JSON object. --append FILE also appends the
JSON object as one line to FILE (the way bench/run_load.sh collects several commands).
Exit codes: 0 measured, 1 the command failed (non-zero exit, signal, or --expect missing),
2 bad usage.
"""

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PR_SET_CHILD_SUBREAPER = 36

# The shell forks the command's process, prints its pid and exits. That process is held on
# fd 3 until python writes "go", so it cannot exit (and be reaped by the shell) early.
LAUNCHER = r"""
exec 3<&0
( read go <&3; exec 3<&-; exec "$@" </dev/null >"$GLINT_MEASURE_STDOUT" ) &
echo "$!"
"""


def become_subreaper():
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class RunFailed(Exception):
    pass


def describe_status(status):
    if os.WIFSIGNALED(status):
        return "killed by signal %d" % os.WTERMSIG(status)
    return "exit code %d" % os.waitstatus_to_exitcode(status)


def run_as_grandchild(command, stdout_path, stderr_file):
    env = dict(os.environ, GLINT_MEASURE_STDOUT=stdout_path)
    shell = subprocess.Popen(["/bin/sh", "-c", LAUNCHER, "sh"] + command, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=stderr_file, env=env)
    line = shell.stdout.readline()
    shell.stdout.close()
    if shell.wait() != 0 or not line.strip().isdigit():
        shell.stdin.close()
        raise RunFailed("the launcher shell failed")
    pid = int(line)
    start = time.perf_counter()
    shell.stdin.write(b"go\n")
    shell.stdin.close()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return wall, usage, status


def run_as_child(command, stdout_path, stderr_file):
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=stderr_file)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    return wall, usage, status


def run_once(command, grandchild, stdout_path, expect):
    """One run: (wall seconds, CPU seconds, peak RSS in KiB). Raises RunFailed."""
    with tempfile.TemporaryFile() as err:
        runner = run_as_grandchild if grandchild else run_as_child
        wall, usage, status = runner(command, stdout_path, err)
        err.seek(0)
        errors = err.read().decode("utf-8", "replace")
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise RunFailed("%s: %s\n%s" % (" ".join(command), describe_status(status),
                                        errors.strip()[-2000:]))
    if expect is not None:
        with open(stdout_path, "rb") as out:
            text = out.read().decode("utf-8", "replace")
        if expect not in text and expect not in errors:
            raise RunFailed("%s: exit code 0 but '%s' is not in its output\n%s" %
                            (" ".join(command), expect, (text + errors).strip()[-2000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(command, runs=5, warmup=1, label=None, stdout_path=None, expect=None):
    grandchild = become_subreaper()
    own_stdout = stdout_path is None
    if own_stdout:
        handle, stdout_path = tempfile.mkstemp(prefix="glint-measure-")
        os.close(handle)
    try:
        for _ in range(warmup):
            run_once(command, grandchild, stdout_path, expect)
        walls, cpus, rss = [], [], []
        for _ in range(runs):
            wall, cpu, maxrss_kib = run_once(command, grandchild, stdout_path, expect)
            walls.append(wall)
            cpus.append(cpu)
            rss.append(maxrss_kib)
    finally:
        if own_stdout:
            os.unlink(stdout_path)
    return {
        "label": label or os.path.basename(command[0]),
        "command": command,
        "runs": runs,
        "warmup": warmup,
        "wall_s": [round(w, 4) for w in walls],
        "cpu_s": [round(c, 4) for c in cpus],
        "peak_rss_kib": rss,
        "median_wall_s": round(statistics.median(walls), 4),
        "median_cpu_s": round(statistics.median(cpus), 4),
        "median_peak_rss_mib": round(statistics.median(rss) / 1024.0, 1),
        "rss_includes_python": not grandchild,
    }


def text_table(result):
    walls = result["wall_s"]
    rss = [k / 1024.0 for k in result["peak_rss_kib"]]
    lines = [
        "%-24s %10s %10s %10s" % ("", "median", "min", "max"),
        "%-24s %10.3f %10.3f %10.3f" % ("wall time (s)", result["median_wall_s"], min(walls),
                                        max(walls)),
        "%-24s %10.3f %10.3f %10.3f" % ("CPU time, user+sys (s)", result["median_cpu_s"],
                                        min(result["cpu_s"]), max(result["cpu_s"])),
        "%-24s %10.1f %10.1f %10.1f" % ("peak RSS (MiB)", result["median_peak_rss_mib"],
                                        min(rss), max(rss)),
        "%s: %d runs after %d warm-up%s" % (result["label"], result["runs"], result["warmup"],
                                            "" if result["warmup"] == 1 else "s"),
    ]
    if result["rss_includes_python"]:
        lines.append("note: peak RSS includes python's own (no child subreaper here)")
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(
        description="Median wall time and peak RSS of COMMAND over N runs.",
        usage="%(prog)s [options] -- COMMAND [ARG...]")
    parser.add_argument("-n", "--runs", type=int, default=5, help="measured runs (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (default 1)")
    parser.add_argument("--label", help="name for the report (default: the program's name)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--append", metavar="FILE", help="also append the JSON as a line to FILE")
    parser.add_argument("--stdout", metavar="FILE", help="keep the command's stdout here")
    parser.add_argument("--expect", metavar="TEXT", help="fail a run whose output lacks TEXT")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no COMMAND given (put it after --)")
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    try:
        result = measure(command, args.runs, args.warmup, args.label, args.stdout, args.expect)
    except (RunFailed, OSError) as error:
        print("measure.py: %s" % error, file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else text_table(result))
    if args.append:
        with open(args.append, "a", encoding="utf-8") as out:
            out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
