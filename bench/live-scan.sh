#!/usr/bin/env bash
# Live-scan benchmark: synthetic accounts served by a local stub on 127.0.0.1 with a latency per call and
# throttling above a request rate (one token bucket per account). Prints a markdown table of wall time, API
# calls and the floor (max of dependency levels x latency and the busiest account's calls / rate limit).
#
# Cases: 200 (200 services, 50 task-definition families, 20 VPCs; at each concurrency given), 1000 (1,000
# services, 250 families, 50 VPCs; default concurrency 8), estate (3 accounts x 2 regions of the 200-service
# account entered with AssumeRole, as --accounts A,B,C --assume-role-name NAME --regions r1,r2 scans them:
# all six pairs at once, then 4 at a time, the default --parallel-pairs).
#
# usage: bench/live-scan.sh [LATENCY_MS=50] [RATE_PER_S=20] [CONCURRENCIES=4,8,16] [CASES=200,1000,estate]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.pullpath.aws.LiveScanBench "$@"
