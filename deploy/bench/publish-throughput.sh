#!/usr/bin/env bash
# Publish throughput with confirms: the collector's MarketDataPublisher on its connector channel
# (collector-service PublishThroughputBenchmark, a @QuarkusTest tagged "benchmark") next to the bare
# RabbitMQ Java client with the same messages and batches (benchmarks BarePublishThroughput), run
# back to back per case and batch size so both see the same machine. Measures only: it prints the
# figures (also to deploy/.run/bench/publish-<time>.txt) and asserts nothing about them.
#
#   deploy/bench/publish-throughput.sh
#
# Environment: RUNS (2), CASES ("routed unrouted"), BATCHES ("200 500"), MESSAGES (50000),
# WARMUP (5000), BENCH_VHOST (marketdata_test). Needs RabbitMQ and PostgreSQL as for the tests
# (deploy/test.sh prepares them) and java 17; it builds benchmarks.jar when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-2}
CASES=${CASES:-"routed unrouted"}
BATCHES=${BATCHES:-"200 500"}
MESSAGES=${MESSAGES:-50000}
WARMUP=${WARMUP:-5000}
VHOST=${BENCH_VHOST:-marketdata_test}
mkdir -p deploy/.run/bench
OUT=deploy/.run/bench/publish-$(date -u +%Y%m%dT%H%M%SZ).txt
JAR=benchmarks/target/benchmarks.jar
[[ -f $JAR ]] || ./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests

for run in $(seq 1 "$RUNS"); do
    for case in $CASES; do
        for batch in $BATCHES; do
            echo "run $run, $case, batch $batch: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
            ./mvnw -B -q test -pl collector-service -am -Dgroups=benchmark -DexcludedGroups= \
                -Dtest=PublishThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
                -Dcollector.publisher.batch-size="$batch" -Dbench.case="$case" -Dbench.messages="$MESSAGES" \
                -Dbench.warmup="$WARMUP" 2>&1 | grep -E '^PUBLISH-BENCH|ERROR' | tee -a "$OUT"
            java -Xmx1g -cp "$JAR" io.marketdata.benchmarks.BarePublishThroughput messages="$MESSAGES" \
                warmup="$WARMUP" batch-sizes="$batch" cases="$case" vhost="$VHOST" | grep -E '^BARE-PUBLISH-BENCH' \
                | tee -a "$OUT"
        done
    done
done
echo "figures in $OUT"
