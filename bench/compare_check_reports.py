#!/usr/bin/env python3
"""Compares `glint check` reports (docs/PERFORMANCE.md, "The detector's
stages"): everything but the timing and the model's path must be equal,
every number to the bit (JSON's shortest round trip). Prints each difference
and exits 1 if there is one.

usage: compare_check_reports.py OLD.json NEW.json [OLD2.json NEW2.json ...]
       compare_check_reports.py OLD_DIR NEW_DIR   (every *.json in OLD_DIR)
"""
import json
import os
import sys

IGNORED = {("timing",), ("settings", "model")}


def differences(old, new, path=()):
    if path in IGNORED:
        return
    if type(old) is not type(new):
        yield path, old, new
    elif isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                if path + (key,) not in IGNORED:
                    yield path + (key,), old.get(key, "<absent>"), new.get(key, "<absent>")
            else:
                yield from differences(old[key], new[key], path + (key,))
    elif isinstance(old, list):
        if len(old) != len(new):
            yield path + ("len",), len(old), len(new)
        for i, (a, b) in enumerate(zip(old, new)):
            yield from differences(a, b, path + (str(i),))
    elif old != new:
        yield path, old, new


def pairs(args):
    if len(args) == 2 and os.path.isdir(args[0]):
        names = sorted(n for n in os.listdir(args[0]) if n.endswith(".json"))
        return [(os.path.join(args[0], n), os.path.join(args[1], n)) for n in names]
    return list(zip(args[0::2], args[1::2]))


def main():
    if len(sys.argv) < 3 or len(sys.argv) % 2 == 0:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    bad = 0
    for old_path, new_path in pairs(sys.argv[1:]):
        with open(old_path) as f:
            old = json.load(f)
        with open(new_path) as f:
            new = json.load(f)
        found = list(differences(old, new))
        frames = len(old.get("frames", []))
        print(f"{'SAME' if not found else 'DIFFERENT'}: {old_path} / {new_path} "
              f"({frames} steps, verdict {old.get('verdict')})")
        for path, a, b in found[:20]:
            print(f"    {'/'.join(path)}: {a!r} -> {b!r}")
        bad += bool(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
