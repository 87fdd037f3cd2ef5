#!/usr/bin/env bash
# Benchmark: how an offline scan scales. Generates synthetic snapshots (dev.pullpath.snapshot.SyntheticSnapshot
# in the test sources: one VPC per 20 services with mixed faults, shared and per-family task definitions) of
# 100, 1,000 and 10,000 services, scans each writing all four reports (text, JSON, SARIF, HTML) with the
# launcher, and prints wall time, CPU time (user + system: steadier than wall time on a shared machine), peak
# RSS, report sizes and the growth per 10x input (CPU time with the JVM start and a 1-service scan
# subtracted). Not a test: it prints numbers, it asserts nothing.
#
#   bench/offline-scale.sh [SIZES...]        (default: 100 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2
  exit 1
fi

# Build once: the launcher's jar and the generator's classes; sets $classpath.
. bench/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# JVM start and a near-empty scan: subtracted to get the time the input itself costs.
java -cp "$classpath" dev.pullpath.snapshot.SyntheticSnapshot 1 "$work/s1.json"
scan() { # FILE OUTDIR -> runs the scan, exit 1 (findings) expected
  local status=0
  bin/pullpath scan --snapshot "$1" --format text --output "$2/r.txt" --format json --output "$2/r.json" \
    --format sarif --output "$2/r.sarif" --format html --output "$2/r.html" >/dev/null 2>"$2/err" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "bench: the scan of $1 exited $status, expected 1 (findings):" >&2
    cat "$2/err" >&2
    exit 1
  fi
}
measure() { # FILE -> "wall_ms cpu_ms rss_kb"
  local out="$work/out"; rm -rf "$out"; mkdir -p "$out"
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "$(declare -f scan); scan '$1' '$out'"
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$work/time")
  awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN{printf "%d %d %d\n", w*1000, (u+s)*1000, r}'
}
mkdir -p "$work/out"; scan "$work/s1.json" "$work/out"   # warm the page cache
read -r base_ms base_cpu base_kb < <(measure "$work/s1.json")

echo "offline scan, all four reports, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "JVM start + 1-service scan: ${base_ms} ms wall, ${base_cpu} ms CPU, $(( base_kb / 1024 )) MiB"
echo
echo "| services | snapshot | wall time | CPU time | peak RSS | CPU ms/service (start excluded) | growth per 10x | reports (txt/json/sarif/html) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---|"
prev_net=""; prev_size=""
for n in "${sizes[@]}"; do
  file="$work/s$n.json"
  java -cp "$classpath" dev.pullpath.snapshot.SyntheticSnapshot "$n" "$file"
  read -r ms cpu kb < <(measure "$file")
  net=$(( cpu > base_cpu ? cpu - base_cpu : 1 ))
  growth="-"
  if [ -n "$prev_net" ]; then
    growth=$(awk -v a="$net" -v b="$prev_net" -v n="$n" -v p="$prev_size" \
      'BEGIN{printf "%.1fx time for %.0fx input", a/b, n/p}')
  fi
  sizes_h=$(for f in r.txt r.json r.sarif r.html; do du -h "$work/out/$f" | cut -f1; done | paste -sd/)
  printf '| %d | %s | %.2f s | %.2f s | %d MiB | %.3f | %s | %s |\n' "$n" "$(du -h "$file" | cut -f1)" \
    "$(awk -v m="$ms" 'BEGIN{print m/1000}')" "$(awk -v m="$cpu" 'BEGIN{print m/1000}')" $(( kb / 1024 )) \
    "$(awk -v t="$net" -v n="$n" 'BEGIN{print t/n}')" "$growth" "$sizes_h"
  prev_net=$net; prev_size=$n
done
