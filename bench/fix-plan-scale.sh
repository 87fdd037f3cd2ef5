#!/usr/bin/env bash
# Benchmark: what planning --fix adds to an offline scan, by account size. Generates synthetic snapshots
# (dev.pullpath.snapshot.SyntheticSnapshot, as bench/offline-scale.sh does) and runs the same scan twice,
# without and with `--fix --allow-ingress 10.0.0.0/8 --update-services` (every kind of step planned), and
# prints the CPU time (user + system) of both, their difference (the planning), the steps planned and peak
# RSS. The planning must grow linearly with the services: it looks workloads up through the snapshot's
# indexes, never walking every service per root cause. Not a test: it prints numbers, it asserts nothing.
#
#   bench/fix-plan-scale.sh [SIZES...]        (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is needed for CPU time and peak RSS (apt-get install time)" >&2
  exit 1
fi

# Build once: the launcher's jar and the generator's classes; sets $classpath.
. bench/build.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # FILE EXTRA-ARGS... -> "cpu_ms rss_kb"; exit 1 (findings / steps planned) expected
  local file=$1; shift
  local status=0
  /usr/bin/time -f '%U %S %M' -o "$work/time" bin/pullpath scan --snapshot "$file" -q \
    --format text --output "$work/r.txt" "$@" >"$work/out" 2>"$work/err" || status=$?
  if [ "$status" -ne 1 ]; then
    echo "bench: the scan of $file $* exited $status, expected 1:" >&2
    cat "$work/err" >&2
    exit 1
  fi
  tail -1 "$work/time" | awk '{printf "%d %d\n", ($1+$2)*1000, $3}'
}

echo "offline scan with and without --fix planning, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| services | scan CPU | scan + plan CPU | planning | steps | peak RSS with plan |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  file="$work/s$n.json"
  java -cp "$classpath" dev.pullpath.snapshot.SyntheticSnapshot "$n" "$file"
  measure "$file" >/dev/null   # warm the page cache
  read -r scan_cpu _ < <(measure "$file")
  read -r fix_cpu fix_kb < <(measure "$file" --fix --allow-ingress 10.0.0.0/8 --update-services)
  steps=$(grep -cE '^ *[0-9]+\. ' "$work/out" || true)
  printf '| %d | %.2f s | %.2f s | %.2f s | %d | %d MiB |\n' "$n" \
    "$(awk -v m="$scan_cpu" 'BEGIN{print m/1000}')" "$(awk -v m="$fix_cpu" 'BEGIN{print m/1000}')" \
    "$(awk -v a="$fix_cpu" -v b="$scan_cpu" 'BEGIN{print (a-b)/1000}')" "$steps" $(( fix_kb / 1024 ))
done
