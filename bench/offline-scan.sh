#!/usr/bin/env bash
# Benchmark: wall time and peak memory of an offline scan of the bundled broken example, the command a
# user runs first and a CI gate runs on every build. Not a test: it prints numbers, it asserts nothing.
#
#   bench/offline-scan.sh [RUNS]        (default 20 runs, after 2 warm-up runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
[ -f target/pullpath.jar ] || mvn -B -q package -DskipTests
snapshot=examples/seed-broken.json
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cmd=(bin/pullpath scan --snapshot "$snapshot" --format sarif --output "$out/r.sarif" --format html --output "$out/r.html"
  --format text --output "$out/r.txt")

# The broken example has findings: exit 1 is the expected outcome; anything else means the bench is broken.
status=0; "${cmd[@]}" >/dev/null 2>&1 || status=$?
if [ "$status" -ne 1 ]; then
  echo "bench: the scan exited $status, expected 1 (findings); run it by hand to see why" >&2
  exit 1
fi

for _ in 1 2; do "${cmd[@]}" >/dev/null 2>&1 || true; done
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "${cmd[@]}" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
p90=${sorted[$(( runs * 9 / 10 - 1 ))]}
rss_file=$(mktemp)
/usr/bin/time -o "$rss_file" -f '%M' "${cmd[@]}" >/dev/null 2>&1 || true
rss_kb=$(tail -1 "$rss_file"); rm -f "$rss_file"
echo "offline scan of $snapshot (text + SARIF + HTML), $runs runs on $(nproc) cores:"
echo "  wall time ms: min ${sorted[0]}  median $median  p90 $p90  max ${sorted[$(( runs - 1 ))]}"
echo "  peak RSS: $(( rss_kb / 1024 )) MiB"
echo "  java: $(java -version 2>&1 | head -1)"
