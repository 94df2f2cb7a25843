#!/usr/bin/env bash
# docs/cli.md's option tables are the settings table's: every command has
# one, and each is what glint_settings_doc prints (scripts/gen-cli-tables.sh
# rewrites them). A flag added, renamed or re-ranged without the docs fails.
# usage: test_cli_tables.sh DOC TOOL
set -u
python3 - "$1" "$2" <<'PY'
import re, subprocess, sys, difflib
doc, tool = sys.argv[1], sys.argv[2]
text = open(doc).read()
blocks = dict(re.findall(r"<!-- options: (\w+) -->\n(.*?)<!-- end options -->", text, flags=re.S))
failures = checks = 0
for command in ["render", "view", "info", "turntable", "compare", "check"]:
    checks += 1
    if command not in blocks:
        print(f"FAIL: docs/cli.md has no option table for {command}")
        failures += 1
        continue
    want = subprocess.run([tool, command], check=True, capture_output=True, text=True).stdout
    if blocks[command] != want:
        print(f"FAIL: docs/cli.md's table for {command} is not the settings table's "
              "(run scripts/gen-cli-tables.sh):")
        sys.stdout.writelines(difflib.unified_diff(blocks[command].splitlines(True),
                                                   want.splitlines(True), "docs", "table"))
        failures += 1
print(f"{checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
PY
