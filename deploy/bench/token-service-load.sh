#!/usr/bin/env bash
# lifecycle-service or scoring-service: idle RSS and token-event throughput of one build of the service.
#
#   deploy/bench/token-service-load.sh lifecycle|scoring [quarkus-app dir] [tokens] [snapshots per token]
#   (defaults: <service>/target/quarkus-app, 500, 10)
#
# Starts the service from the given quarkus-app directory (so two builds can be compared) with its deploy
# JVM options (deploy/lib/services.sh, or <SERVICE>_JVM_OPTS), on a vhost of its own (BENCH_VHOST, default
# marketdata_bench, created and deleted again when missing), the database BENCH_DB (default
# marketdata_test; the service's schema is Flyway-migrated at start) and the queue
# <service>.token_events.bench. It waits until ready, idles IDLE_SECONDS (60) and samples the RSS, then runs
# the load program, samples the RSS and CPU again, stops the service (SIGTERM) and deletes the bench rows
# and queues. Needs rabbitmqctl (root), psql, a built quarkus-app.
# The load program is deploy/bench/TokenServiceLoad.java:
#   lifecycle: tokens × token.created + tokens × snapshots × token.metrics,
#              timed until every token's activation is announced; the settings owner is unreachable, so
#              the seed thresholds apply; bench tokens are named "bench …".
#   scoring:   tokens × snapshots × token.metrics, timed until every
#              snapshot's score.updated arrived; the service is its own settings owner (defaults);
#              bench mints start with "BNCH".
set -euo pipefail
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/services.sh
source "$DEPLOY_DIR/lib/services.sh"
# shellcheck source=deploy/bench/lib.sh
source "$DEPLOY_DIR/bench/lib.sh"

SERVICE="${1:-}"
case "$SERVICE" in
    lifecycle | scoring) ;;
    *) echo "usage: $0 lifecycle|scoring [quarkus-app dir] [tokens] [snapshots per token]" >&2; exit 2 ;;
esac
APP="${2:-$DEPLOY_DIR/../$SERVICE-service/target/quarkus-app}"
TOKENS="${3:-500}"
SNAPSHOTS="${4:-10}"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
BENCH_VHOST="${BENCH_VHOST:-marketdata_bench}"
BENCH_DB="${BENCH_DB:-marketdata_test}"
QUEUE=$SERVICE.token_events.bench
JVM_OPTS="$(service_jvm_opts "$SERVICE-service")"
[[ -f "$APP/quarkus-run.jar" ]] || { echo "no $APP/quarkus-run.jar: build first" >&2; exit 1; }
OUT="$(mktemp -d "/tmp/$SERVICE-load.XXXXXX")"
SUMMARY="$OUT/summary.txt"
if [[ $SERVICE == lifecycle ]]; then
    PORT=$(free_port 18083)
    CLEANUP_SQL="DELETE FROM lifecycle.tokens WHERE name LIKE 'bench %'"
    SERVICE_ENV=(LIFECYCLE_CONSUMER_QUEUE="$QUEUE" LIFECYCLE_SETTINGS_OWNER_URL="http://127.0.0.1:1/api/settings")
else
    PORT=$(free_port 18084)
    CLEANUP_SQL="DELETE FROM scoring.latest_scores WHERE mint LIKE 'BNCH%';
        DELETE FROM scoring.scores WHERE mint LIKE 'BNCH%'; DELETE FROM scoring.token_inputs WHERE mint LIKE 'BNCH%'"
    SERVICE_ENV=(SCORING_CONSUMER_QUEUE="$QUEUE" SCORING_SETTINGS_OWNER_URL="http://localhost:$PORT/api/settings")
fi

VHOST_CREATED=0
if ! rabbitmqctl -q list_vhosts | grep -qx "$BENCH_VHOST"; then
    rabbitmqctl -q add_vhost "$BENCH_VHOST" >/dev/null
    rabbitmqctl -q set_permissions -p "$BENCH_VHOST" guest '.*' '.*' '.*' >/dev/null
    VHOST_CREATED=1
fi
PID=""
cleanup() {
    [[ -n "$PID" ]] && process_alive "$PID" && kill -TERM "$PID" && wait_exit "$PID" 40
    PGPASSWORD=marketdata psql -q -h localhost -U marketdata -d "$BENCH_DB" \
        -c "$CLEANUP_SQL" >/dev/null 2>&1 || true
    if ((VHOST_CREATED)); then
        rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1 || true
    else
        rabbitmqctl -q delete_queue -p "$BENCH_VHOST" "$QUEUE" >/dev/null 2>&1 || true
        rabbitmqctl -q delete_queue -p "$BENCH_VHOST" "$QUEUE.dlq" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

say "$SERVICE-load: app $APP, $TOKENS tokens × $SNAPSHOTS snapshots, JVM $JVM_OPTS, output $OUT"
started=$(now_ms)
# shellcheck disable=SC2086 # the options are words
env RABBITMQ_VIRTUAL_HOST="$BENCH_VHOST" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$BENCH_DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:5432/$BENCH_DB" \
    QUARKUS_HTTP_PORT="$PORT" "${SERVICE_ENV[@]}" \
    java $JVM_OPTS -jar "$APP/quarkus-run.jar" >"$OUT/service.log" 2>&1 &
PID=$!
until curl -fs "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1; do
    process_alive "$PID" || { echo "the service exited; see $OUT/service.log" >&2; exit 1; }
    (($(now_ms) - started < 90000)) || { echo "not ready after 90 s; see $OUT/service.log" >&2; exit 1; }
    sleep 0.2
done
say "ready after $(($(now_ms) - started)) ms ($(grep -o 'started in [0-9.]*s' "$OUT/service.log" | head -1))"
sleep "$IDLE_SECONDS"
say "idle RSS after ${IDLE_SECONDS} s: $(mb "$(rss_kb "$PID")") MB"

LIB="$APP/lib/main"
# shellcheck disable=SC2086 # the jar globs must expand
CP=$(printf '%s:' $LIB/com.rabbitmq.amqp-client-*.jar $LIB/org.slf4j.slf4j-api-*.jar)
ticks_before=$(cpu_ticks "$PID")
java -Xmx128m -cp "${CP%:}" "$DEPLOY_DIR/bench/TokenServiceLoad.java" "$SERVICE" localhost 5672 "$BENCH_VHOST" guest guest "$QUEUE" \
    "$TOKENS" "$SNAPSHOTS" | tee "$OUT/load.txt"
ticks_after=$(cpu_ticks "$PID")
read -r _ messages _ _ _ elapsed _ rate <"$OUT/load.txt"
say "handled $messages token events in $elapsed ms: $rate msgs/s; service CPU $(awk -v t=$((ticks_after - ticks_before)) \
    -v ms="$elapsed" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", 100 * t / hz / (ms / 1000)}') % of one core"
say "RSS after the load: $(mb "$(rss_kb "$PID")") MB"
