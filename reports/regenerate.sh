#!/usr/bin/env bash
# Regenerates the sample reports from the bundled examples. SampleReportsTest fails when they are stale.
#   mvn -B -q package -DskipTests && reports/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for example in seed-broken seed-compliant; do
  args=()
  for format in text json sarif html; do
    ext=$format; [ "$format" = text ] && ext=txt
    args+=(--format "$format" --output "reports/$example.$ext")
  done
  bin/pullpath scan --snapshot "examples/$example.json" --fail-on never --color never "${args[@]}"
done
echo "reports/ regenerated"
