#!/usr/bin/env bash
# Two glint binaries against each other, alternated in each round so that a
# machine whose speed drifts weighs on both alike: a 1024x1024 `glint render`
# of the sample (or MODEL) and `glint turntable --steps 24 --size 512x512 -o DIR`, wall
# and CPU time (user + system of every thread, /usr/bin/time), medians.
# usage: bench/run_ab.sh OLD_GLINT [NEW_GLINT] [ROUNDS] [MODEL]
#        (defaults build/glint, 6 rounds, the sample bust)
set -euo pipefail
model=${4:+$(realpath "$4")} # as the caller names it, before the cd
cd "$(dirname "$0")/.."
old=$1 new=${2:-build/glint} rounds=${3:-6}
sample=${model:-$PWD/assets/sample/bust.obj}
work=$(mktemp -d /tmp/glint-bench-ab-XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "$(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
for r in $(seq "$rounds"); do
  for which in old new; do
    bin=$new
    [[ $which == old ]] && bin=$old
    rm -rf "$work/frames" "$work/shot.png"
    /usr/bin/time -a -o "$work/times" -f "$which turntable %e %U %S" env -u DISPLAY "$bin" \
      turntable "$sample" -q --steps 24 --size 512x512 -o "$work/frames"
    /usr/bin/time -a -o "$work/times" -f "$which render %e %U %S" env -u DISPLAY "$bin" \
      render "$sample" -q --size 1024x1024 -o "$work/shot.png"
  done
done
python3 - "$work/times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    which, command, wall, user, system = line.split()
    runs[(command, which)].append((float(wall), float(user) + float(system)))
for (command, which), values in sorted(runs.items()):
    walls = [w for w, _ in values]
    print("%-9s %-3s median wall %.3f s, median CPU %.3f s; walls %s" % (
        command, which, statistics.median(walls), statistics.median(c for _, c in values),
        ", ".join("%.2f" % w for w in walls)))
PY
