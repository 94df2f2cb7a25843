#!/usr/bin/env bash
# Rewrites the option tables in docs/cli.md from the settings table (each
# between "<!-- options: COMMAND -->" and "<!-- end options -->").
# usage: scripts/gen-cli-tables.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${1:-build}/tools/settings_doc/glint_settings_doc
[[ -x $tool ]] || { echo "gen-cli-tables: build first ($tool is missing)" >&2; exit 1; }
python3 - "$tool" docs/cli.md <<'PY'
import re, subprocess, sys
tool, doc = sys.argv[1], sys.argv[2]
text = open(doc).read()
def table(match):
    command = match.group(1)
    body = subprocess.run([tool, command], check=True, capture_output=True, text=True).stdout
    return f"<!-- options: {command} -->\n{body}<!-- end options -->"
new = re.sub(r"<!-- options: (\w+) -->\n.*?<!-- end options -->", table, text, flags=re.S)
open(doc, "w").write(new)
PY
echo "gen-cli-tables: docs/cli.md's option tables rewritten"
