#!/usr/bin/env bash
# Live-scan benchmark: a synthetic account (200 services, 50 task-definition families, 20 VPCs) served by a
# local stub on 127.0.0.1 with a latency per call and throttling above a request rate. Prints a markdown table
# of wall time, API calls and the floor (dependency levels x latency, calls / rate limit).
#
# usage: bench/live-scan.sh [LATENCY_MS=50] [RATE_PER_S=20] [CONCURRENCIES=4,8,16]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.pullpath.aws.LiveScanBench "$@"
