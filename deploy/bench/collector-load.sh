#!/usr/bin/env bash
# Load benchmark of the collector against the emulator: start-up time and idle RSS of both services,
# then CPU and RSS of the collector polling 5 exchanges (+ Binance spot) × 50 symbols every 5 s.
# Measures only; it builds nothing and asserts nothing about the numbers. See docs/benchmarks.md.
#
#   deploy/bench/collector-load.sh [minutes]      (default 3: the length of the sampled window)
#
# Needs: ./mvnw -B -DskipTests package done (emulator and collector quarkus-app), RabbitMQ with the
# vhost BENCH_VHOST, PostgreSQL with the database BENCH_DB (role marketdata), java 17, curl, jq, psql.
#
# What it does:
#   1. copies both quarkus-app directories to deploy/.run/bench/<time>/ (a rebuild during the run
#      cannot swap classes under the running JVMs) and starts them from there, with the JVM options
#      of deploy/lib/services.sh (or <NAME>_JVM_OPTS), the environment deploy/run.sh gives them, the
#      collector pointed at the emulator, -Drabbitmq-virtual-host=$BENCH_VHOST and the JDBC URL of
#      $BENCH_DB; no config/*.yaml of the checkout is loaded, so the defaults apply;
#   2. idle: drops the schema 'collector' of $BENCH_DB (the persisted symbol set, so the seed
#      applies), starts the emulator and the collector with the default 3 symbols, times launch →
#      /q/health/ready = 200 for each, reads VmRSS of both IDLE_SECONDS (30) after launch, stops the
#      collector (SIGTERM) and checks its "Final statistics" log line;
#   3. load: drops the schema again, binds a counting queue (deploy/bench/QueueCounter.java) to
#      futures.# and spot.# in the vhost, starts the collector with -Dcollector.symbols=<the first 50
#      symbols the emulator lists on every venue>, waits WARMUP_SECONDS (30) after ready, then
#      samples /proc/<pid>/stat (utime+stime) and VmRSS of the collector and the emulator every
#      SAMPLE_SECONDS (5) for [minutes], with GET /api/statistics at both ends of the window;
#   4. stops the collector (SIGTERM; "Final statistics" must appear), the emulator and the counter,
#      compares consumed with published, prints the summary (also in <run dir>/summary.txt) and keeps
#      the per-sample CSV and both logs in the run directory (the copied applications are removed).
#
# Environment: EMULATOR_PORT (8090, or the next free one), COLLECTOR_PORT (8081, or the next free
# one), BENCH_VHOST (marketdata_test), BENCH_DB (marketdata_test), SYMBOL_COUNT (50), WARMUP_SECONDS
# (30), IDLE_SECONDS (30), SAMPLE_SECONDS (5), READY_TIMEOUT (120), EMULATOR_JVM_OPTS and
# COLLECTOR_SERVICE_JVM_OPTS (replace the options of deploy/lib/services.sh).
set -euo pipefail

# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

MINUTES=3
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
(($# <= 1)) || die "too many arguments (usage: deploy/bench/collector-load.sh [minutes])"

BENCH_VHOST="${BENCH_VHOST:-marketdata_test}"
BENCH_DB="${BENCH_DB:-marketdata_test}"
SYMBOL_COUNT="${SYMBOL_COUNT:-50}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
IDLE_SECONDS="${IDLE_SECONDS:-30}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-5}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
DB_USER="${MARKETDATA_DB_USER:-marketdata}"
DB_PASSWORD="${MARKETDATA_DB_PASSWORD:-marketdata}"
DB_URL="postgresql://$DB_USER:$DB_PASSWORD@localhost:5432/$BENCH_DB"
CLK_TCK=$(getconf CLK_TCK)
export LIVE=0

for tool in java curl jq psql; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
for name in emulator collector-service; do
    [[ -f "$(service_jar "$name")" ]] ||
        die "$(service_jar "$name") not found: build first (./mvnw -B -DskipTests package)"
done
local_port_open 5672 || die "RabbitMQ is not listening on localhost:5672"
psql "$DB_URL" -qAtc 'SELECT 1' >/dev/null || die "cannot connect to $DB_URL"

EMULATOR_PORT="${EMULATOR_PORT:-$(free_port 8090)}"
COLLECTOR_PORT="${COLLECTOR_PORT:-$(free_port 8081)}"
[[ "$COLLECTOR_PORT" != "$EMULATOR_PORT" ]] || COLLECTOR_PORT=$(free_port $((EMULATOR_PORT + 1)))
local_port_open "$EMULATOR_PORT" && die "port $EMULATOR_PORT (EMULATOR_PORT) is in use"
local_port_open "$COLLECTOR_PORT" && die "port $COLLECTOR_PORT (COLLECTOR_PORT) is in use"

BENCH_DIR="$RUN_DIR/bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH_DIR"
SUMMARY="$BENCH_DIR/summary.txt"
SAMPLES="$BENCH_DIR/samples.csv"

# ---- processes started here; the EXIT trap stops whatever is still running -----------------
declare -A PID=()

cleanup() {
    local name
    for name in collector emulator counter; do
        if [[ -n "${PID[$name]:-}" ]] && process_alive "${PID[$name]}"; then
            kill -TERM "${PID[$name]}" 2>/dev/null || true
        fi
    done
    for name in collector emulator counter; do
        if [[ -n "${PID[$name]:-}" ]]; then
            wait_exit "${PID[$name]}" 20 || kill -KILL "${PID[$name]}" 2>/dev/null || true
        fi
    done
    # the copied applications (about 50 MB); the logs, samples and summary stay
    rm -rf "${BENCH_DIR:?}/emulator" "${BENCH_DIR:?}/collector-service"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sleeps until epoch ms $1.
sleep_until_ms() {
    local wait_ms=$(($1 - $(now_ms)))
    ((wait_ms <= 0)) || sleep "$(awk -v ms="$wait_ms" 'BEGIN {printf "%.3f", ms / 1000}')"
}

# Copies the quarkus-app of module $1 into the run directory; prints the copied jar's path.
snapshot_app() {
    local module=$1
    mkdir -p "$BENCH_DIR/$module"
    cp -a "$REPO_ROOT/$module/target/quarkus-app" "$BENCH_DIR/$module/"
    printf '%s' "$BENCH_DIR/$module/quarkus-app/quarkus-run.jar"
}

EMULATOR_JAR=$(snapshot_app emulator)
COLLECTOR_JAR=$(snapshot_app collector-service)
RABBIT_LIB="$BENCH_DIR/collector-service/quarkus-app/lib/main"

# Starts service $1 (emulator|collector) from jar $2 with extra java arguments $4… and environment
# lines $3 (newline separated); sets PID[$1] and LAUNCH_MS[$1].
declare -A LAUNCH_MS=()
start() {
    local name=$1 jar=$2 env_text=$3 log_file opts=() env_lines=()
    shift 3
    log_file="$BENCH_DIR/$name.log"
    read -r -a opts <<<"$(service_jvm_opts "$([[ $name == collector ]] && echo collector-service || echo emulator)")"
    mapfile -t env_lines <<<"$env_text"
    printf '===== %s: java %s %s -jar %s\n' "$(date '+%F %T')" "${opts[*]}" "$*" "$jar" >>"$log_file"
    printf '%s\n' "${env_lines[@]}" >>"$log_file"
    LAUNCH_MS[$name]=$(now_ms)
    (
        cd "$BENCH_DIR" || exit 1
        exec env "${env_lines[@]}" java "${opts[@]}" "$@" -jar "$jar" </dev/null >>"$log_file" 2>&1
    ) &
    PID[$name]=$!
}

# Polls http://localhost:$2/q/health/ready every 100 ms; prints launch → ready in ms.
wait_ready_ms() {
    local name=$1 port=$2 deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fsS -o /dev/null --max-time 2 "http://localhost:$port/q/health/ready" 2>/dev/null; do
        if ! process_alive "${PID[$name]}"; then
            tail -n 40 "$BENCH_DIR/$name.log" >&2
            die "$name exited before it was ready (log: $BENCH_DIR/$name.log)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 40 "$BENCH_DIR/$name.log" >&2
            die "$name not ready within ${READY_TIMEOUT}s"
        fi
        sleep 0.1
    done
    printf '%s' $(($(now_ms) - LAUNCH_MS[$name]))
}

# Quarkus' own "started in X.XXXs" from the last start in log $1.
quarkus_started_in() {
    grep -o 'started in [0-9.]*s' "$BENCH_DIR/$1.log" | tail -n 1 | sed 's/started in //; s/s$//'
}

# Sends SIGTERM to the collector and waits for it; FINAL_BLOCK = its "Final statistics" log message
# from line $1 of its log on (fails without one).
FINAL_BLOCK=""
stop_collector() {
    local pid=${PID[collector]} from=$1
    kill -TERM "$pid"
    wait_exit "$pid" 40 || die "collector did not stop within 40 s of SIGTERM"
    PID[collector]=""
    FINAL_BLOCK=$(tail -n +"$from" "$BENCH_DIR/collector.log" | grep 'Final statistics' | tail -n 1 |
        jq -r '.message' 2>/dev/null || true)
    [[ -n "$FINAL_BLOCK" ]] || die "no 'Final statistics' line in $BENCH_DIR/collector.log after SIGTERM"
}

drop_schema() {
    psql "$DB_URL" -qAtc 'DROP SCHEMA IF EXISTS collector CASCADE' >/dev/null 2>&1 ||
        die "cannot drop schema collector in $BENCH_DB"
}

collector_environment() {
    common_environment
    # the emulator URLs deploy/run.sh gives the collector, on this run's emulator port
    service_environment collector-service |
        sed "s#http://localhost:$(service_port emulator)/#http://localhost:$EMULATOR_PORT/#"
    printf 'QUARKUS_HTTP_PORT=%s\n' "$COLLECTOR_PORT"
}

COLLECTOR_PROPS=(
    "-Drabbitmq-virtual-host=$BENCH_VHOST"
    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5432/$BENCH_DB"
)

# ---- machine ------------------------------------------------------------------------------------
say "collector load benchmark, $(date -u '+%F %T') UTC, run directory $BENCH_DIR"
say "machine: nproc=$(nproc), CPU: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)," \
    "RAM $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "JDK: $(java -version 2>&1 | sed -n 2p)"
say "emulator JVM options:  $(service_jvm_opts emulator)"
say "collector JVM options: $(service_jvm_opts collector-service)"
say "ports: emulator $EMULATOR_PORT, collector $COLLECTOR_PORT; vhost $BENCH_VHOST; database $BENCH_DB"
say ""

# ---- 1. start-up and idle RSS ---------------------------------------------------------------
drop_schema
start emulator "$EMULATOR_JAR" "$(common_environment; printf 'QUARKUS_HTTP_PORT=%s\n' "$EMULATOR_PORT")"
EMULATOR_READY_MS=$(wait_ready_ms emulator "$EMULATOR_PORT")
log "emulator ready after ${EMULATOR_READY_MS} ms"
start collector "$COLLECTOR_JAR" "$(collector_environment)" "${COLLECTOR_PROPS[@]}"
COLLECTOR_READY_MS=$(wait_ready_ms collector "$COLLECTOR_PORT")
log "collector ready after ${COLLECTOR_READY_MS} ms (default symbols); waiting for the idle samples"

# RSS IDLE_SECONDS after each launch
sleep_until_ms $((LAUNCH_MS[emulator] + IDLE_SECONDS * 1000))
EMULATOR_IDLE_KB=$(rss_kb "${PID[emulator]}")
sleep_until_ms $((LAUNCH_MS[collector] + IDLE_SECONDS * 1000))
COLLECTOR_IDLE_KB=$(rss_kb "${PID[collector]}")
IDLE_SYMBOLS=$(curl -fsS "http://localhost:$COLLECTOR_PORT/api/symbols" | jq -r '.symbols | join(",")')
IDLE_PUBLISHED=$(curl -fsS "http://localhost:$COLLECTOR_PORT/api/statistics" | jq -r '.rabbitmq_published')
COLLECTOR_STARTED_IN=$(quarkus_started_in collector)
EMULATOR_STARTED_IN=$(quarkus_started_in emulator)
log "stopping the idle collector"
stop_collector 1
IDLE_FINAL=$FINAL_BLOCK

say "== start-up (launch → /q/health/ready 200) and idle RSS (${IDLE_SECONDS} s after launch) =="
say "$(printf '%-10s %14s %18s %14s' service 'ready after' 'Quarkus started' 'idle RSS')"
say "$(printf '%-10s %11s ms %17ss %11s MB' emulator "$EMULATOR_READY_MS" "$EMULATOR_STARTED_IN" "$(mb "$EMULATOR_IDLE_KB")")"
say "$(printf '%-10s %11s ms %17ss %11s MB' collector "$COLLECTOR_READY_MS" "$COLLECTOR_STARTED_IN" "$(mb "$COLLECTOR_IDLE_KB")")"
say "idle collector: symbols $IDLE_SYMBOLS, $IDLE_PUBLISHED messages published in its first ${IDLE_SECONDS} s"
say "idle collector stopped with SIGTERM; its log says:"
say "$IDLE_FINAL"
say ""

# ---- 2. load: 50 symbols on every venue -------------------------------------------------------
venues=$(curl -fsS "http://localhost:$EMULATOR_PORT/_emulator" | jq -r '.venues[].venue')
common=""
for venue in $venues; do
    listed=$(curl -fsS "http://localhost:$EMULATOR_PORT/_emulator/symbols/$venue" | jq -r '.[]')
    if [[ -z "$common" ]]; then
        common=$listed
    else
        common=$(grep -Fxf <(printf '%s\n' "$listed") <<<"$common" || true)
    fi
done
mapfile -t routing < <(printf '%s\n' "$common" | grep -E '^[A-Z0-9]+USDT$' | head -n "$SYMBOL_COUNT")
((${#routing[@]} == SYMBOL_COUNT)) ||
    die "the emulator lists only ${#routing[@]} symbols on every venue ($(tr '\n' ' ' <<<"$venues")), not $SYMBOL_COUNT"
SYMBOLS=$(printf '%s\n' "${routing[@]}" | sed 's#USDT$#/USDT:USDT#' | paste -sd, -)

drop_schema
COUNTER_OUT="$BENCH_DIR/counter.out"
# shellcheck disable=SC2086 # the jar globs must expand
COUNTER_CP=$(printf '%s:' $RABBIT_LIB/com.rabbitmq.amqp-client-*.jar $RABBIT_LIB/org.slf4j.slf4j-api-*.jar)
java -Xmx64m -cp "${COUNTER_CP%:}" "$DEPLOY_DIR/bench/QueueCounter.java" localhost "${RABBITMQ_PORT:-5672}" \
    "$BENCH_VHOST" "${RABBITMQ_USERNAME:-guest}" "${RABBITMQ_PASSWORD:-guest}" 'futures.#' 'spot.#' \
    >"$COUNTER_OUT" 2>"$BENCH_DIR/counter.err" &
PID[counter]=$!
deadline=$((SECONDS + 60))
until grep -q '^ready' "$COUNTER_OUT" 2>/dev/null; do
    process_alive "${PID[counter]}" || die "the queue counter failed: $(cat "$BENCH_DIR/counter.err")"
    ((SECONDS < deadline)) || die "the queue counter did not bind its queue within 60 s"
    sleep 0.2
done
log "counting queue bound ($(sed -n 's/^ready //p' "$COUNTER_OUT"))"

LOAD_LOG_START=$(($(wc -l <"$BENCH_DIR/collector.log") + 1))
start collector "$COLLECTOR_JAR" "$(collector_environment)" "${COLLECTOR_PROPS[@]}" "-Dcollector.symbols=$SYMBOLS"
LOAD_READY_MS=$(wait_ready_ms collector "$COLLECTOR_PORT")
LOAD_STARTED_IN=$(quarkus_started_in collector)
log "collector ready after ${LOAD_READY_MS} ms with ${#routing[@]} symbols; warming up ${WARMUP_SECONDS} s"
sleep "$WARMUP_SECONDS"

ACTIVE=$(curl -fsS "http://localhost:$COLLECTOR_PORT/api/symbols" | jq -r '.count')
((ACTIVE == SYMBOL_COUNT)) || die "the collector has $ACTIVE symbols, not $SYMBOL_COUNT (persisted set not dropped?)"

CPID=${PID[collector]}
EPID=${PID[emulator]}
STATS0=$(curl -fsS "http://localhost:$COLLECTOR_PORT/api/statistics")
T0=$(now_ms)
C0=$(cpu_ticks "$CPID")
E0=$(cpu_ticks "$EPID")
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
printf 'elapsed_s,collector_cpu_pct,collector_rss_mb,emulator_cpu_pct,emulator_rss_mb\n' >"$SAMPLES"
samples=$((MINUTES * 60 / SAMPLE_SECONDS))
log "sampling every ${SAMPLE_SECONDS} s for ${MINUTES} min ($samples samples)"
prev_t=$T0 prev_c=$C0 prev_e=$E0
for ((i = 1; i <= samples; i++)); do
    sleep_until_ms $((T0 + i * SAMPLE_SECONDS * 1000))
    process_alive "$CPID" || die "the collector died during the run"
    t=$(now_ms)
    c=$(cpu_ticks "$CPID")
    e=$(cpu_ticks "$EPID")
    crss=$(rss_kb "$CPID")
    erss=$(rss_kb "$EPID")
    awk -v t="$t" -v t0="$T0" -v pt="$prev_t" -v c="$c" -v pc="$prev_c" -v e="$e" -v pe="$prev_e" \
        -v hz="$CLK_TCK" -v cr="$crss" -v er="$erss" 'BEGIN {
            dt = (t - pt) / 1000
            printf "%.1f,%.2f,%.1f,%.2f,%.1f\n", (t - t0) / 1000, (c - pc) / hz / dt * 100, cr / 1024,
                (e - pe) / hz / dt * 100, er / 1024 }' >>"$SAMPLES"
    prev_t=$t prev_c=$c prev_e=$e
done
STATS1=$(curl -fsS "http://localhost:$COLLECTOR_PORT/api/statistics")
T1=$(now_ms)
C1=$(cpu_ticks "$CPID")
E1=$(cpu_ticks "$EPID")
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

log "stopping the collector"
stop_collector "$LOAD_LOG_START"
LOAD_FINAL=$FINAL_BLOCK
FINAL_PUBLISHED=$(sed -n 's/^RabbitMQ: \([0-9]*\) published.*/\1/p' <<<"$LOAD_FINAL")
kill -TERM "$EPID"
wait_exit "$EPID" 30 || warn "the emulator did not stop within 30 s of SIGTERM"
PID[emulator]=""
kill -TERM "${PID[counter]}"
wait_exit "${PID[counter]}" 30 || warn "the queue counter did not stop within 30 s"
PID[counter]=""
CONSUMED=$(grep '^consumed' "$COUNTER_OUT" || echo "consumed (no summary: see $BENCH_DIR/counter.err)")

# ---- 3. summary ---------------------------------------------------------------------------------
window_s=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", (b - a) / 1000}')
stat_summary() { # column $1 of the samples: mean and max
    awk -F, -v col="$1" 'NR > 1 {s += $col; n++; if ($col > m) m = $col} END {printf "%.1f %.1f\n", s / n, m}' "$SAMPLES"
}
read -r c_mean c_max < <(stat_summary 2)
read -r cr_mean cr_max < <(stat_summary 3)
read -r e_mean e_max < <(stat_summary 4)
read -r er_mean er_max < <(stat_summary 5)
c_total=$(awk -v d=$((C1 - C0)) -v hz="$CLK_TCK" -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", d / hz / ((b - a) / 1000) * 100}')
e_total=$(awk -v d=$((E1 - E0)) -v hz="$CLK_TCK" -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", d / hz / ((b - a) / 1000) * 100}')
pub0=$(jq -r '.rabbitmq_published' <<<"$STATS0")
pub1=$(jq -r '.rabbitmq_published' <<<"$STATS1")
rate=$(awk -v p=$((pub1 - pub0)) -v a="$T0" -v b="$T1" 'BEGIN {printf "%.1f", p / ((b - a) / 1000)}')

say "== load: ${#routing[@]} symbols × every venue, collector.interval-seconds=5, ${MINUTES} min window after ${WARMUP_SECONDS} s warm-up =="
say "collector ready after ${LOAD_READY_MS} ms (Quarkus: started in ${LOAD_STARTED_IN}s)"
say "symbols: $SYMBOLS"
say "window: ${window_s} s, ${samples} samples of ${SAMPLE_SECONDS} s; load average before $LOAD0, after $LOAD1"
say "$(printf '%-10s %12s %12s %12s %12s %12s' process 'CPU% mean' 'CPU% max' 'CPU% window' 'RSS MB mean' 'RSS MB max')"
say "$(printf '%-10s %12s %12s %12s %12s %12s' collector "$c_mean" "$c_max" "$c_total" "$cr_mean" "$cr_max")"
say "$(printf '%-10s %12s %12s %12s %12s %12s' emulator "$e_mean" "$e_max" "$e_total" "$er_mean" "$er_max")"
say "(CPU% = utime+stime of the process per wall second × 100, i.e. % of one core; mean/max over the ${SAMPLE_SECONDS}-s samples, 'window' over the whole window)"
say "published in the window: $((pub1 - pub0)) messages = ${rate} msg/s (rabbitmq_published $pub0 → $pub1)"
say "$(printf '%-14s %9s %9s %8s %6s %8s' loop success errors cycles skip depth)"
while IFS=$'\t' read -r loop s e cy sk d; do
    say "$(printf '%-14s %9s %9s %8s %6s %8s' "$loop" "$s" "$e" "$cy" "$sk" "$d")"
done < <(jq -r --argjson before "$STATS0" '.exchanges | to_entries[] |
        [.key, (.value.success - ($before.exchanges[.key].success // 0)),
         (.value.errors - ($before.exchanges[.key].errors // 0)),
         (.value.cycles - ($before.exchanges[.key].cycles // 0)),
         (.value.skipped_cycles - ($before.exchanges[.key].skipped_cycles // 0)),
         (.value.book_depth // "-")] | @tsv' <<<"$STATS1")
say "(per loop over the window: success/errors = exchange_success/exchange_errors, cycles, skipped cycles; depth = book levels requested)"
say "totals at the end of the window: rabbitmq_published=$pub1 rabbitmq_failed=$(jq -r .rabbitmq_failed <<<"$STATS1")" \
    "rabbitmq_dropped=$(jq -r .rabbitmq_dropped <<<"$STATS1") exchange_errors=$(jq -c .exchange_errors <<<"$STATS1")"
say "collector stopped with SIGTERM; its log says:"
say "$LOAD_FINAL"
say "counting queue (futures.# + spot.#, from before the collector's start until after its exit): $CONSUMED"
if [[ -n "$FINAL_PUBLISHED" ]]; then
    total=$(sed -n 's/.*total=\([0-9]*\).*/\1/p' <<<"$CONSUMED")
    say "published (final statistics) $FINAL_PUBLISHED, consumed ${total:-?}"
fi
say ""
say "samples: $SAMPLES; logs: $BENCH_DIR/emulator.log, $BENCH_DIR/collector.log"
