#!/usr/bin/env bash
# Load measurement of the collector's DexScreener poller against the emulator: TOKENS migrated
# emulator tokens (HOT_PERCENT % of them hot) tracked for [minutes], then DexScreener requests per
# minute as the emulator counted them, and how closely the hot/cold cadence was kept.
# Measures only; it builds nothing. See collector-service/README.md (DexScreener).
#
#   deploy/bench/dexscreener-load.sh [minutes]      (default 5: the length of the measured window)
#
# Needs: ./mvnw -B -DskipTests package done (emulator and collector quarkus-app), RabbitMQ (the vhost
# BENCH_VHOST is created with rabbitmqctl when missing), PostgreSQL with the database BENCH_DB (role
# marketdata), java 17, curl, jq, psql.
#
# What it does:
#   1. copies both quarkus-app directories to deploy/.run/bench/dexscreener-<time>/ and starts them
#      from there: the emulator with DexScreener's 300 requests/min enforced (a minute over it would
#      answer 429 and show up below), the collector with only the DexScreener poller (exchanges, live
#      books and PumpPortal off), its own queue collector.token_events.bench, no settings owner (so
#      the defaults apply: hot = smoothed score ≥ 0.3 every 30 s, cold every 120 s), its own vhost
#      $BENCH_VHOST (so no other service sees its token.metrics) and the database $BENCH_DB, whose
#      schema 'collector' it drops first (do not run it while the collector's tests run);
#   2. migrates TOKENS tokens in the emulator and feeds the collector, through a private exchange
#      bound only to its queue (deploy/bench/TokenEventsPublisher.java), one score.updated (0.8 for the
#      first HOT_PERCENT %, 0.1 for the rest) and one token.status_changed → monitoring per token,
#      dated a day ahead so that scores other services might publish on a shared vhost do not win;
#   3. waits WARMUP_SECONDS (150: every token fetched once and the cold ones once more), then reads the
#      emulator's request counter every SAMPLE_SECONDS (10) for [minutes];
#   4. prints requests/min over the window, the busiest 60 s, the answers by status, the collector's
#      own counters, and per temperature the gaps between two fetches of a token (from the raw
#      responses table); the summary is also in <run dir>/summary.txt.
#
# Environment: TOKENS (500), HOT_PERCENT (20), EMULATOR_PORT (18090, or the next free one),
# COLLECTOR_PORT (18081, or the next free one), BENCH_VHOST (marketdata_bench), BENCH_DB
# (marketdata_test), WARMUP_SECONDS (150), SAMPLE_SECONDS (10), READY_TIMEOUT (120),
# EMULATOR_JVM_OPTS and COLLECTOR_SERVICE_JVM_OPTS (replace the options of deploy/lib/services.sh).
set -euo pipefail

# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
# shellcheck source=deploy/lib/infra.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/infra.sh"
# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

MINUTES=5
case ${1:-} in
    "") ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        [[ "$1" =~ ^[0-9]+$ && "$1" -gt 0 ]] || die "minutes must be a positive integer, got: $1"
        MINUTES=$1
        ;;
esac
(($# <= 1)) || die "too many arguments (usage: deploy/bench/dexscreener-load.sh [minutes])"

TOKENS="${TOKENS:-500}"
HOT_PERCENT="${HOT_PERCENT:-20}"
BENCH_VHOST="${BENCH_VHOST:-marketdata_bench}"
BENCH_DB="${BENCH_DB:-marketdata_test}"
WARMUP_SECONDS="${WARMUP_SECONDS:-150}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-10}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
DB_USER="${MARKETDATA_DB_USER:-marketdata}"
DB_PASSWORD="${MARKETDATA_DB_PASSWORD:-marketdata}"
DB_URL="postgresql://$DB_USER:$DB_PASSWORD@localhost:5432/$BENCH_DB"
QUEUE=collector.token_events.bench
((TOKENS >= 1 && TOKENS <= 1000)) || die "TOKENS must be 1…1000 (the emulator migrates at most 1000 at once)"

for tool in java curl jq psql; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
for name in emulator collector-service; do
    [[ -f "$(service_jar "$name")" ]] ||
        die "$(service_jar "$name") not found: build first (./mvnw -B -DskipTests package)"
done
local_port_open 5672 || die "RabbitMQ is not listening on localhost:5672"
MARKETDATA_TEST_VHOST=$BENCH_VHOST ensure_test_vhost
psql "$DB_URL" -qAtc 'SELECT 1' >/dev/null || die "cannot connect to $DB_URL"

EMULATOR_PORT="${EMULATOR_PORT:-$(free_port 18090)}"
COLLECTOR_PORT="${COLLECTOR_PORT:-$(free_port 18081)}"
[[ "$COLLECTOR_PORT" != "$EMULATOR_PORT" ]] || COLLECTOR_PORT=$(free_port $((EMULATOR_PORT + 1)))
local_port_open "$EMULATOR_PORT" && die "port $EMULATOR_PORT (EMULATOR_PORT) is in use"
local_port_open "$COLLECTOR_PORT" && die "port $COLLECTOR_PORT (COLLECTOR_PORT) is in use"

BENCH_DIR="$RUN_DIR/bench/dexscreener-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH_DIR"
SUMMARY="$BENCH_DIR/summary.txt"
SAMPLES="$BENCH_DIR/samples.csv"

declare -A PID=()
cleanup() {
    local name
    for name in collector emulator; do
        if [[ -n "${PID[$name]:-}" ]] && process_alive "${PID[$name]}"; then
            kill -TERM "${PID[$name]}" 2>/dev/null || true
        fi
    done
    for name in collector emulator; do
        if [[ -n "${PID[$name]:-}" ]]; then
            wait_exit "${PID[$name]}" 20 || kill -KILL "${PID[$name]}" 2>/dev/null || true
        fi
    done
    rm -rf "${BENCH_DIR:?}/emulator" "${BENCH_DIR:?}/collector-service"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

snapshot_app() {
    local module=$1
    mkdir -p "$BENCH_DIR/$module"
    cp -a "$REPO_ROOT/$module/target/quarkus-app" "$BENCH_DIR/$module/"
    printf '%s' "$BENCH_DIR/$module/quarkus-app/quarkus-run.jar"
}

# Starts $1 (emulator|collector) from jar $2 with environment lines $3 and extra java arguments $4…
start() {
    local name=$1 jar=$2 env_text=$3 log_file opts=() env_lines=()
    shift 3
    log_file="$BENCH_DIR/$name.log"
    read -r -a opts <<<"$(service_jvm_opts "$([[ $name == collector ]] && echo collector-service || echo emulator)")"
    mapfile -t env_lines <<<"$env_text"
    printf '===== %s: java %s %s -jar %s\n' "$(date '+%F %T')" "${opts[*]}" "$*" "$jar" >>"$log_file"
    (
        cd "$BENCH_DIR" || exit 1
        exec env "${env_lines[@]}" java "${opts[@]}" "$@" -jar "$jar" </dev/null >>"$log_file" 2>&1
    ) &
    PID[$name]=$!
}

wait_ready() {
    local name=$1 port=$2 deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fsS -o /dev/null --max-time 2 "http://localhost:$port/q/health/ready" 2>/dev/null; do
        process_alive "${PID[$name]}" || die "$name exited before it was ready (log: $BENCH_DIR/$name.log)"
        ((SECONDS < deadline)) || die "$name not ready within ${READY_TIMEOUT}s (log: $BENCH_DIR/$name.log)"
        sleep 0.2
    done
}

emulator_api() { curl -fsS "http://localhost:$EMULATOR_PORT$1" "${@:2}"; }
dex_total() { emulator_api /_emulator/stats | jq -r '.venues.dexscreener.total // 0'; }
# A counter of the collector's /q/metrics (sum over the label sets matching $1).
metric() {
    curl -fsS "http://localhost:$COLLECTOR_PORT/q/metrics" |
        awk -v pat="$1" 'index($0, pat) == 1 {s += $NF} END {printf "%.0f", s}'
}

say "DexScreener poller load, $(date -u '+%F %T') UTC, run directory $BENCH_DIR"
say "machine: nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg); JDK: $(java -version 2>&1 | sed -n 2p)"
say "tokens $TOKENS (${HOT_PERCENT} % hot), window ${MINUTES} min after ${WARMUP_SECONDS} s warm-up;" \
    "ports: emulator $EMULATOR_PORT, collector $COLLECTOR_PORT; vhost $BENCH_VHOST; database $BENCH_DB"

PGOPTIONS='-c client_min_messages=warning' psql "$DB_URL" -qAtc 'DROP SCHEMA IF EXISTS collector CASCADE' >/dev/null ||
    die "cannot drop schema collector"
EMULATOR_JAR=$(snapshot_app emulator)
COLLECTOR_JAR=$(snapshot_app collector-service)
RABBIT_LIB="$BENCH_DIR/collector-service/quarkus-app/lib/main"

start emulator "$EMULATOR_JAR" "$(common_environment; printf 'QUARKUS_HTTP_PORT=%s\n' "$EMULATOR_PORT")" \
    -Demulator.dexscreener.enforce-rate-limit=true
wait_ready emulator "$EMULATOR_PORT"
MINTS_FILE="$BENCH_DIR/mints.txt"
emulator_api "/_emulator/pumpportal/migrate?count=$TOKENS" -X POST | jq -r '.migrated[].mint' >"$MINTS_FILE"
(($(wc -l <"$MINTS_FILE") == TOKENS)) || die "the emulator migrated $(wc -l <"$MINTS_FILE") tokens, not $TOKENS"
HOT_COUNT=$((TOKENS * HOT_PERCENT / 100))
log "emulator ready, $TOKENS tokens migrated ($HOT_COUNT hot)"

start collector "$COLLECTOR_JAR" "$(common_environment; printf 'QUARKUS_HTTP_PORT=%s\n' "$COLLECTOR_PORT")" \
    "-Drabbitmq-virtual-host=$BENCH_VHOST" \
    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5432/$BENCH_DB" \
    "-Dcollector.dexscreener.rest-url=http://localhost:$EMULATOR_PORT/dexscreener" \
    "-Dcollector.dexscreener.queue=$QUEUE" \
    "-Dcollector.settings.owner-url=http://127.0.0.1:1/api/settings" \
    "-Dcollector.symbols=BTC/USDT:USDT" \
    -Dcollector.exchanges.binance.enabled=false -Dcollector.exchanges.bybit.enabled=false \
    -Dcollector.exchanges.bitget.enabled=false -Dcollector.exchanges.htx.enabled=false \
    -Dcollector.exchanges.gateio.enabled=false -Dcollector.live-books.enabled=false \
    -Dcollector.pumpportal.enabled=false
wait_ready collector "$COLLECTOR_PORT"
log "collector ready; feeding $TOKENS × (score.updated, token.status_changed)"

at=$(($(now_ms) + 86400000))
EVENTS="$BENCH_DIR/events.tsv"
awk -v hot="$HOT_COUNT" -v at="$at" '{
    score = NR <= hot ? 0.8 : 0.1
    printf "score.updated\t{\"mint\":\"%s\",\"model\":\"hybrid_momentum\",\"score\":%s,\"smoothed_score\":%s,\"raw_components\":{},\"smoothed_components\":{},\"data_quality\":\"ok\",\"scored_at\":%d}\n", $1, score, score, at
    printf "token.status_changed\t{\"mint\":\"%s\",\"old_status\":null,\"new_status\":\"monitoring\",\"reason\":\"bench\",\"changed_at\":%d}\n", $1, at
}' "$MINTS_FILE" >"$EVENTS"
# shellcheck disable=SC2086 # the jar globs must expand
PUBLISHER_CP=$(printf '%s:' $RABBIT_LIB/com.rabbitmq.amqp-client-*.jar $RABBIT_LIB/org.slf4j.slf4j-api-*.jar)
java -Xmx64m -cp "${PUBLISHER_CP%:}" "$DEPLOY_DIR/bench/TokenEventsPublisher.java" localhost "${RABBITMQ_PORT:-5672}" \
    "$BENCH_VHOST" "${RABBITMQ_USERNAME:-guest}" "${RABBITMQ_PASSWORD:-guest}" "$QUEUE" <"$EVENTS" >"$BENCH_DIR/publisher.out" \
    2>"$BENCH_DIR/publisher.err" || die "publishing the token events failed: $(cat "$BENCH_DIR/publisher.err")"
FED_MS=$(now_ms)
log "$(cat "$BENCH_DIR/publisher.out"); warming up ${WARMUP_SECONDS} s"
sleep "$WARMUP_SECONDS"

hot_now=$(metric 'collector_dexscreener_tracked_tokens{temperature="hot"')
cold_now=$(metric 'collector_dexscreener_tracked_tokens{temperature="cold"')
((hot_now + cold_now == TOKENS)) || warn "the collector tracks $hot_now hot + $cold_now cold tokens, not $TOKENS"

T0=$(now_ms)
R0=$(dex_total)
OK0=$(metric 'collector_dexscreener_requests_total{outcome="ok"')
PUB0=$(metric 'collector_token_metrics_published_total')
WAIT0=$(metric 'collector_dexscreener_rate_limit_waits_total')
printf 'elapsed_s,requests_total\n0,%s\n' "$R0" >"$SAMPLES"
samples=$((MINUTES * 60 / SAMPLE_SECONDS))
log "sampling the emulator's request counter every ${SAMPLE_SECONDS} s for ${MINUTES} min"
for ((i = 1; i <= samples; i++)); do
    wait_ms=$((T0 + i * SAMPLE_SECONDS * 1000 - $(now_ms)))
    ((wait_ms <= 0)) || sleep "$(awk -v ms="$wait_ms" 'BEGIN {printf "%.3f", ms / 1000}')"
    process_alive "${PID[collector]}" || die "the collector died during the run"
    printf '%s,%s\n' $((i * SAMPLE_SECONDS)) "$(dex_total)" >>"$SAMPLES"
done
T1=$(now_ms)
R1=$(dex_total)
OK1=$(metric 'collector_dexscreener_requests_total{outcome="ok"')
PUB1=$(metric 'collector_token_metrics_published_total')
WAIT1=$(metric 'collector_dexscreener_rate_limit_waits_total')
STATS=$(emulator_api /_emulator/stats | jq -c '.venues.dexscreener')

window_min=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.2f", (b - a) / 60000}')
per_min=$(awk -v r=$((R1 - R0)) -v m="$window_min" 'BEGIN {printf "%.1f", r / m}')
busiest=$(awk -F, -v span=60 'BEGIN {n = 0; m = 0} NR > 1 {t[n] = $1; r[n] = $2; n++} END {
    for (i = 0; i < n; i++) for (j = i; j < n; j++) if (t[j] - t[i] == span && r[j] - r[i] > m) m = r[j] - r[i]
    printf "%d", m }' "$SAMPLES")
ramp=$(awk -v r="$R0" -v a="$FED_MS" -v b="$T0" 'BEGIN {printf "%.1f", r / ((b - a) / 60000)}')
mints_per_request=$(psql "$DB_URL" -qAtc "SELECT round(avg(cardinality(mints)), 1) || ' (max ' || max(cardinality(mints)) || ')'
    FROM collector.dexscreener_responses WHERE fetched_at >= to_timestamp($T0 / 1000.0)")
gaps() { # $1 = hot|cold: mean, min and max seconds between two fetches of one token within the window
    local filter
    if [[ $1 == hot ]]; then filter="rn <= $HOT_COUNT"; else filter="rn > $HOT_COUNT"; fi
    psql "$DB_URL" -qAtc "WITH tokens AS (SELECT mint, row_number() OVER () AS rn FROM unnest(ARRAY[$(sed "s/.*/'&'/" "$MINTS_FILE" | paste -sd,)]) AS mint),
        fetches AS (SELECT m AS mint, r.fetched_at FROM collector.dexscreener_responses r, unnest(r.mints) AS m
                    WHERE r.status = 200 AND r.fetched_at >= to_timestamp($T0 / 1000.0)),
        gaps AS (SELECT extract(epoch FROM fetched_at - lag(fetched_at) OVER (PARTITION BY f.mint ORDER BY fetched_at)) AS gap
                 FROM fetches f JOIN tokens t ON t.mint = f.mint WHERE $filter)
        SELECT coalesce(round(avg(gap)::numeric, 1) || ' s (min ' || round(min(gap)::numeric, 1) || ', max '
               || round(max(gap)::numeric, 1) || ', ' || count(gap) || ' gaps)', 'no token fetched twice in the window')
        FROM gaps WHERE gap IS NOT NULL"
}

say ""
say "== DexScreener requests (emulator's counter, enforced limit 300/min) =="
say "window: ${window_min} min; requests $((R1 - R0)) → ${per_min} requests/min; busiest 60 s: ${busiest} requests"
say "first fetch of every token and warm-up (${WARMUP_SECONDS} s): $R0 requests (${ramp}/min)"
say "emulator answers since start: $(jq -c '.statuses' <<<"$STATS"); paths: $(jq -c '.paths' <<<"$STATS")"
say "collector: ok requests $((OK1 - OK0)), token.metrics published $((PUB1 - PUB0)), rate-window waits $((WAIT1 - WAIT0)) in the window;" \
    "tracked hot $hot_now / cold $cold_now"
say "mints per request in the window: $mints_per_request"
say "gap between two fetches of a hot token (30 s wanted):   $(gaps hot)"
say "gap between two fetches of a cold token (120 s wanted): $(gaps cold)"
say "samples: $SAMPLES; logs: $BENCH_DIR/emulator.log, $BENCH_DIR/collector.log"
