#!/usr/bin/env bash
# Pipeline benchmark of orderbook-service: how many 100-level book messages a second it consumes
# (decode, bands, minute points, checkpoints to PostgreSQL, acknowledgements, depth.* and Redis),
# next to a bare AMQP consumer that only acknowledges, with CPU and RSS from /proc; then the bytes
# PostgreSQL needs per stored minute point. Measures only; it builds nothing and asserts nothing
# about the numbers. See docs/benchmarks.md.
#
#   deploy/bench/orderbook-load.sh [seconds]       (default 60: the flood's measured window)
#   deploy/bench/orderbook-load.sh --storage-only  (only step 6, the bytes per minute point)
#
# Needs: ./mvnw -B -DskipTests package done (orderbook-service quarkus-app), RabbitMQ and
# rabbitmqctl (run as root, like the tests), PostgreSQL with the database BENCH_DB (role
# marketdata), Redis, java 17, curl, psql, redis-cli.
#
# What it does (deploy/bench/OrderbookLoad.java, a single-file program, publishes and measures; its
# class comment has the details):
#   1. copies orderbook-service's quarkus-app to deploy/.run/bench/orderbook-<time>/ (a rebuild
#      during the run cannot swap classes under the running JVM); creates the RabbitMQ vhost
#      BENCH_VHOST if it is missing (and deletes it again at the end), and refuses to run if any
#      queue other than the bench's is bound to futures_data there: it would receive every bench
#      message. Hence a vhost of its own by default: marketdata_test keeps the orderbook tests'
#      queues, bound and without consumers, between test runs;
#   2. deletes the bench queues (a previous run's backlog must not pollute this one), the bench's
#      rows in $BENCH_DB (series OBBL###USDT and OBBS###USDT: minutes, roll-ups, open minutes) and
#      its Redis keys (obbench:*);
#   3. backlog: publishes BACKLOG messages with nobody consuming, into the service's queue (declared
#      as the service declares it) and the bare consumer's queue (durable, bound to futures.# and
#      spot.#); the bare consumer (prefetch 4000 like the service, multiple-acks every 200) drains
#      its copy alone; then orderbook-service is started and drains its copy alone. Both are rated
#      from 25 % to 90 % of the backlog (before, the JVMs are still compiling);
#   4. flood: with the service still running (and warmed up), PUBLISHERS threads publish as fast as
#      the broker confirms (persistent, a confirm wait every CONFIRM_BATCH) for WARMUP_SECONDS then
#      [seconds], while the service and the bare consumer consume; publish → output delays measured;
#   5. stops the service with SIGTERM (its "stopped:" log line must appear) and prints the summary
#      (also <run dir>/summary.txt); timelines, samples and logs stay in the run directory;
#   6. storage: VACUUMs the day partition the run wrote (PIPELINE_DAY) and, separately, fills the
#      empty partition of STORAGE_DAY with STORAGE_BOOKS series × 1,440 minutes through
#      INSERT … SELECT generate_series in production order (minute by minute, every series), VACUUMs
#      it and reports pg_total_relation_size / rows and / (rows × 6 depths); then deletes it all.
# All along, every SAMPLE_SECONDS: /proc/<pid>/stat (utime+stime) and VmRSS of the service, the
# broker (beam.smp) and the load tool, and /proc/stat for the whole machine; per-thread CPU of the
# service (/proc/<pid>/task/*/stat) over its drain and over the flood.
# The service runs from the copy with the JVM options of deploy/lib/services.sh (or
# ORDERBOOK_SERVICE_JVM_OPTS), the environment deploy/run.sh gives it plus this script's own (so
# ORDERBOOK_CONSUMER_PREFETCH=… and the like reach it), and RABBITMQ_VIRTUAL_HOST=$BENCH_VHOST,
# QUARKUS_DATASOURCE_JDBC_URL and _REACTIVE_URL=…/$BENCH_DB, ORDERBOOK_CACHE_KEY_PREFIX=obbench,
# ORDERBOOK_CONSUMER_QUEUE=orderbook.market_data.bench, ORDERBOOK_VALIDATION_MAX_FUTURE=P3650D (the
# books are stamped years ahead; override it through the environment). Book timestamps are 1 s apart per book (a
# book's minute advances every 60 of its messages), from PIPELINE_DAY 00:00 UTC (backlog) and 12:00
# (flood): a future day, so the wall clock never closes those minutes and nothing else lives there.
#
# Environment: BENCH_VHOST (marketdata_bench), BENCH_DB (marketdata_test), ORDERBOOK_PORT (8082, or
# the next free one), BACKLOG (300000), WARMUP_SECONDS (20), SAMPLE_SECONDS (1), BOOKS (200),
# LEVELS (100), PUBLISHERS (2), CONFIRM_BATCH (200), MAX_BACKLOG (200000 ready messages per queue:
# the flood pauses above it), TIMEOUT (300 s per drain), READY_TIMEOUT (120), PIPELINE_DAY
# (2030-01-02), STORAGE_DAY (2030-01-01), STORAGE_BOOKS (100), SKIP_STORAGE (0),
# ORDERBOOK_SERVICE_JVM_OPTS.
set -euo pipefail

# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

MEASURE_SECONDS=60
STORAGE_ONLY=0
case ${1:-} in
    "") ;;
    -h | --help)
        usage
        exit 0
        ;;
    --storage-only) STORAGE_ONLY=1 ;;
    *)
        [[ "$1" =~ ^[0-9]+$ && "$1" -gt 0 ]] || die "seconds must be a positive integer, got: $1"
        MEASURE_SECONDS=$1
        ;;
esac
(($# <= 1)) || die "too many arguments (usage: deploy/bench/orderbook-load.sh [seconds] | --storage-only)"

BENCH_VHOST="${BENCH_VHOST:-marketdata_bench}"
BENCH_DB="${BENCH_DB:-marketdata_test}"
BACKLOG="${BACKLOG:-300000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-1}"
BOOKS="${BOOKS:-200}"
LEVELS="${LEVELS:-100}"
PUBLISHERS="${PUBLISHERS:-2}"
CONFIRM_BATCH="${CONFIRM_BATCH:-200}"
MAX_BACKLOG="${MAX_BACKLOG:-200000}"
TIMEOUT="${TIMEOUT:-300}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
PIPELINE_DAY="${PIPELINE_DAY:-2030-01-02}"
# the books are stamped on PIPELINE_DAY, years ahead: without this the service's validation.max-future
# (5 min) dead-letters every one of them and the run measures the dead-letter path
MAX_FUTURE="${ORDERBOOK_VALIDATION_MAX_FUTURE:-P3650D}"
STORAGE_DAY="${STORAGE_DAY:-2030-01-01}"
STORAGE_BOOKS="${STORAGE_BOOKS:-100}"
SKIP_STORAGE="${SKIP_STORAGE:-0}"
SERVICE_QUEUE=orderbook.market_data.bench
BARE_QUEUE=orderbook.bench.bare
CACHE_PREFIX=obbench
# The bench's series: OBBL### from the load tool, OBBS### from the storage step.
BENCH_SERIES_SQL="SELECT id FROM orderbook.series WHERE symbol ~ '^OBB[LS][0-9]{3}USDT\$'"
RABBIT_USER="${RABBITMQ_USERNAME:-guest}"
RABBIT_PASSWORD="${RABBITMQ_PASSWORD:-guest}"
REDIS_URL="${QUARKUS_REDIS_HOSTS:-redis://localhost:6379}"
DB_USER="${MARKETDATA_DB_USER:-marketdata}"
DB_PASSWORD="${MARKETDATA_DB_PASSWORD:-marketdata}"
DB_URL="postgresql://$DB_USER:$DB_PASSWORD@localhost:5432/$BENCH_DB"
CLK_TCK=$(getconf CLK_TCK)
export LIVE=0

for tool in java curl psql rabbitmqctl redis-cli; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
[[ -f "$(service_jar orderbook-service)" ]] ||
    die "$(service_jar orderbook-service) not found: build first (./mvnw -B -DskipTests package)"
local_port_open 5672 || die "RabbitMQ is not listening on localhost:5672"
psql "$DB_URL" -qAtc 'SELECT 1' >/dev/null || die "cannot connect to $DB_URL"
for day in "$PIPELINE_DAY" "$STORAGE_DAY"; do
    [[ "$day" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "PIPELINE_DAY and STORAGE_DAY are YYYY-MM-DD, got: $day"
done

BENCH_DIR="$RUN_DIR/bench/orderbook-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH_DIR"
SUMMARY="$BENCH_DIR/summary.txt"
SAMPLES="$BENCH_DIR/samples.csv"
SERVICE_LOG="$BENCH_DIR/orderbook-service.log"

sql() {
    psql "$DB_URL" -v ON_ERROR_STOP=1 -qAtc "$1"
}

# ---- processes and state this script creates; the EXIT trap undoes them ---------------------
declare -A PID=()
SPID=""
VHOST_CREATED=0
LOAD_CMD=()
LOAD_ARGS=("host=${RABBITMQ_HOST:-localhost}" "port=${RABBITMQ_PORT:-5672}" "user=$RABBIT_USER"
    "password=$RABBIT_PASSWORD" "vhost=$BENCH_VHOST" "service-queue=$SERVICE_QUEUE" "bare-queue=$BARE_QUEUE"
    "books=$BOOKS" "levels=$LEVELS" "publishers=$PUBLISHERS" "confirm-batch=$CONFIRM_BATCH" "timeout-s=$TIMEOUT"
    "out=$BENCH_DIR")

delete_bench_data() {
    sql "DELETE FROM orderbook.minute_bands WHERE series_id IN ($BENCH_SERIES_SQL);
         DELETE FROM orderbook.rollup_1h WHERE series_id IN ($BENCH_SERIES_SQL);
         DELETE FROM orderbook.rollup_1d WHERE series_id IN ($BENCH_SERIES_SQL);
         DELETE FROM orderbook.open_minutes WHERE symbol ~ '^OBB[LS][0-9]{3}USDT\$';
         DELETE FROM orderbook.series WHERE symbol ~ '^OBB[LS][0-9]{3}USDT\$';" ||
        warn "could not delete the bench rows from $BENCH_DB"
    redis-cli -u "$REDIS_URL" --scan --pattern "$CACHE_PREFIX:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null ||
        warn "could not delete the Redis keys $CACHE_PREFIX:*"
}

# Drops the partition of day $1 when it is empty (the bench's days are far in the future, so only
# the bench writes there).
drop_partition_if_empty() {
    local table rows
    table="orderbook.minute_bands_p${1//-/}"
    [[ "$(sql "SELECT to_regclass('$table') IS NOT NULL")" == t ]] || return 0
    rows=$(sql "SELECT count(*) FROM $table")
    if [[ "$rows" == 0 ]]; then
        sql "DROP TABLE $table"
    else
        warn "$table keeps $rows rows that are not the bench's; left in place"
    fi
}

# Deletes the bench queues and the vhost (when this script created it). The broker may be
# restarting (the collector's outage tests restart it): give it 30 s.
delete_bench_queues() {
    wait_for_port RabbitMQ 5672 30 || return 0
    if ((${#LOAD_CMD[@]})); then
        "${LOAD_CMD[@]}" reset "${LOAD_ARGS[@]}" >/dev/null 2>&1 || warn "could not delete the bench queues in $BENCH_VHOST"
    fi
    if ((VHOST_CREATED)); then
        rabbitmqctl -q delete_vhost "$BENCH_VHOST" >/dev/null 2>&1 || warn "could not delete the vhost $BENCH_VHOST"
    fi
}

cleanup() {
    local name
    for name in service load; do
        if [[ -n "${PID[$name]:-}" ]] && process_alive "${PID[$name]}"; then
            kill -TERM "${PID[$name]}" 2>/dev/null || true
            wait_exit "${PID[$name]}" 40 || kill -KILL "${PID[$name]}" 2>/dev/null || true
        fi
    done
    delete_bench_queues
    delete_bench_data
    drop_partition_if_empty "$PIPELINE_DAY"
    drop_partition_if_empty "$STORAGE_DAY"
    # the copied application (about 60 MB); logs, samples and the summary stay
    rm -rf "${BENCH_DIR:?}/orderbook-service"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# "busy total" jiffies of the whole machine (all cores) from the first line of /proc/stat.
machine_ticks() {
    awk '/^cpu / {total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total; exit}' /proc/stat
}

say "orderbook-service pipeline benchmark, $(date -u '+%F %T') UTC, run directory $BENCH_DIR"
say "machine: nproc=$(nproc), CPU: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)," \
    "RAM $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "JDK: $(java -version 2>&1 | sed -n 2p)"
say ""

# ---- 6. storage: bytes per stored minute point ----------------------------------------------
# Sizes of partition $1 after VACUUM: "rows heap fsm_vm index toast total".
partition_sizes() {
    sql "VACUUM (ANALYZE) $1" >/dev/null
    sql "SELECT (SELECT count(*) FROM $1), pg_relation_size(c.oid, 'main'),
                pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm'), pg_indexes_size(c.oid),
                COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0), pg_total_relation_size(c.oid)
         FROM pg_class c WHERE c.oid = '$1'::regclass" | tr '|' ' '
}

# Prints one storage line for partition $1 described as $2.
report_partition() {
    local rows heap fsmvm index toast total
    read -r rows heap fsmvm index toast total < <(partition_sizes "$1")
    ((rows > 0)) || {
        say "$2: no rows"
        return 0
    }
    say "$2: $rows rows; heap $heap B, FSM+VM $fsmvm B, PK index $index B, TOAST $toast B, total $total B"
    say "$(awk -v t="$total" -v r="$rows" -v h="$heap" -v i="$index" 'BEGIN {
        printf "  = %.1f B per row (heap %.1f, index %.1f), %.1f B per point (row / 6 depths)", t / r, h / r, i / r, t / r / 6 }')"
}

measure_storage() {
    local table created=0 existing started
    table="orderbook.minute_bands_p${STORAGE_DAY//-/}"
    [[ "$(sql "SELECT to_regclass('orderbook.minute_bands') IS NOT NULL")" == t ]] ||
        die "no table orderbook.minute_bands in $BENCH_DB: start orderbook-service against it once (Flyway creates it)"
    if [[ "$(sql "SELECT to_regclass('$table') IS NOT NULL")" == t ]]; then
        existing=$(sql "SELECT count(*) FROM $table")
        [[ "$existing" == 0 ]] || die "$table already holds $existing rows: choose another STORAGE_DAY"
    else
        sql "CREATE TABLE $table PARTITION OF orderbook.minute_bands
             FOR VALUES FROM ('$STORAGE_DAY 00:00:00+00') TO ('$(date -u -d "$STORAGE_DAY + 1 day" +%F) 00:00:00+00')"
        created=1
    fi
    sql "INSERT INTO orderbook.series (exchange, market, symbol, unified)
         SELECT 'binance', 'futures', format('OBBS%sUSDT', lpad(i::text, 3, '0')), format('OBBS%s/USDT:USDT', lpad(i::text, 3, '0'))
         FROM generate_series(1, $STORAGE_BOOKS) i ON CONFLICT DO NOTHING" >/dev/null
    started=$SECONDS
    # production order: every series' point of a minute, then the next minute
    sql "INSERT INTO orderbook.minute_bands (ts, series_id, samples, mid, $(value_columns))
         SELECT '$STORAGE_DAY 00:00:00+00'::timestamptz + m * interval '1 minute', s.id, 12,
                (65000 * (1 + random() * 0.01))::real, $(value_expressions)
         FROM generate_series(0, 1439) m
         CROSS JOIN (SELECT id FROM orderbook.series WHERE symbol ~ '^OBBS[0-9]{3}USDT\$' ORDER BY id) s
         ORDER BY m, s.id" >/dev/null
    say "== storage: bytes per minute point in orderbook.minute_bands (after VACUUM) =="
    say "a row = one series and minute: ts, series_id, samples, mid + 6 depths × (close bid/ask volume, close bid/ask USD value, mean bid/ask USD value over the minute), all real (float4)"
    report_partition "$table" "generate_series: $STORAGE_BOOKS series × 1,440 minutes of $STORAGE_DAY, inserted minute by minute ($((SECONDS - started)) s)"
    sql "REINDEX TABLE $table" >/dev/null
    report_partition "$table" "  same after REINDEX (index packed as by a bulk load)"
    sql "DELETE FROM $table WHERE series_id IN ($BENCH_SERIES_SQL)" >/dev/null
    if ((created)); then
        sql "DROP TABLE $table"
    fi
}

if ((STORAGE_ONLY)); then
    measure_storage
    exit 0
fi

# ---- 1. application copy, vhost, foreign bindings ----------------------------------------------
mkdir -p "$BENCH_DIR/orderbook-service"
cp -a "$REPO_ROOT/orderbook-service/target/quarkus-app" "$BENCH_DIR/orderbook-service/"
SERVICE_JAR="$BENCH_DIR/orderbook-service/quarkus-app/quarkus-run.jar"
LIB="$BENCH_DIR/orderbook-service/quarkus-app/lib/main"
# the service's own jar for consume.DeadLetterQueues: the bench declares the queue as the service does
# shellcheck disable=SC2086 # the jar globs must expand
LOAD_CP=$(printf '%s:' $LIB/com.rabbitmq.amqp-client-*.jar $LIB/org.slf4j.slf4j-api-*.jar \
    $LIB/io.marketdata.contracts-*.jar $LIB/com.fasterxml.jackson.core.jackson-*.jar \
    "$BENCH_DIR"/orderbook-service/quarkus-app/app/orderbook-service-*.jar)
# slf4j.internal.verbosity: no "no SLF4J providers" warning (the tool logs nothing through SLF4J)
LOAD_CMD=(java -Xms256m -Xmx512m -XX:+UseParallelGC -Dslf4j.internal.verbosity=ERROR -cp "${LOAD_CP%:}"
    "$DEPLOY_DIR/bench/OrderbookLoad.java")

if ! rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx "$BENCH_VHOST"; then
    rabbitmqctl -q add_vhost "$BENCH_VHOST" >/dev/null || die "cannot create the RabbitMQ vhost $BENCH_VHOST"
    VHOST_CREATED=1
fi
rabbitmqctl -q set_permissions -p "$BENCH_VHOST" "$RABBIT_USER" '.*' '.*' '.*' >/dev/null ||
    die "cannot grant $RABBIT_USER access to the vhost $BENCH_VHOST"
foreign=$(rabbitmqctl -q list_bindings -p "$BENCH_VHOST" source_name destination_name 2>/dev/null |
    awk -F'\t' -v a="$SERVICE_QUEUE" -v b="$BARE_QUEUE" '$1 == "futures_data" && $2 != a && $2 != b {print $2}' | sort -u)
[[ -z "$foreign" ]] || die "queues other than the bench's are bound to futures_data in $BENCH_VHOST and would receive" \
    "every bench message: $(tr '\n' ' ' <<<"$foreign")(use another BENCH_VHOST)"

# ---- 2. clean state ---------------------------------------------------------------------------------
"${LOAD_CMD[@]}" reset "${LOAD_ARGS[@]}" | sed 's/^/  /' >&2
delete_bench_data
ORDERBOOK_PORT="${ORDERBOOK_PORT:-$(free_port 8082)}"
local_port_open "$ORDERBOOK_PORT" && die "port $ORDERBOOK_PORT (ORDERBOOK_PORT) is in use"
METRICS_URL="http://localhost:$ORDERBOOK_PORT/q/metrics"
BROKER_PID=$(pgrep -u rabbitmq -x beam.smp | head -n 1 || true)
[[ -n "$BROKER_PID" ]] || warn "no beam.smp process of user rabbitmq: the broker's CPU is not sampled"
printf 't_ms,phase,service_cpu_pct,service_rss_mb,broker_cpu_pct,broker_rss_mb,load_tool_cpu_pct,machine_cpu_pct\n' >"$SAMPLES"

# Samples /proc every SAMPLE_SECONDS as phase $1 until the load tool (PID[load]) exits.
sample_until_load_exits() {
    local phase=$1 prev_t prev_s prev_b prev_l prev_busy prev_total t s b l busy total
    prev_t=$(now_ms)
    prev_s=$(cpu_ticks "$SPID")
    prev_b=$(cpu_ticks "$BROKER_PID")
    prev_l=$(cpu_ticks "${PID[load]}")
    read -r prev_busy prev_total < <(machine_ticks)
    while process_alive "${PID[load]}"; do
        sleep "$SAMPLE_SECONDS"
        if [[ -n "$SPID" ]] && ! process_alive "$SPID"; then
            die "orderbook-service died during the run (log: $SERVICE_LOG)"
        fi
        t=$(now_ms)
        s=$(cpu_ticks "$SPID")
        b=$(cpu_ticks "$BROKER_PID")
        l=$(cpu_ticks "${PID[load]}")
        read -r busy total < <(machine_ticks)
        awk -v t="$t" -v pt="$prev_t" -v s="$s" -v ps="$prev_s" -v b="$b" -v pb="$prev_b" -v l="$l" -v pl="$prev_l" \
            -v busy="$busy" -v pbusy="$prev_busy" -v total="$total" -v ptotal="$prev_total" -v hz="$CLK_TCK" \
            -v n="$(nproc)" -v sr="$(rss_kb "$SPID")" -v br="$(rss_kb "$BROKER_PID")" -v phase="$phase" 'BEGIN {
                dt = (t - pt) / 1000
                machine = total > ptotal ? (busy - pbusy) / (total - ptotal) * n * 100 : 0
                # a process that exited in the interval reads as 0 ticks: no sample for it
                printf "%d,%s,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f\n", t, phase, (s >= ps ? (s - ps) / hz / dt * 100 : 0),
                    sr / 1024, (b - pb) / hz / dt * 100, br / 1024, (l >= pl ? (l - pl) / hz / dt * 100 : 0), machine }' >>"$SAMPLES"
        prev_t=$t prev_s=$s prev_b=$b prev_l=$l prev_busy=$busy prev_total=$total
    done
}

# Runs the load tool's command $1 with arguments $2… in the background as phase $1, output in
# <run dir>/$1.out; with /proc samples until it exits. RESULT = its result line.
RESULT=""
run_phase() {
    local phase=$1
    shift
    "${LOAD_CMD[@]}" "$phase" "${LOAD_ARGS[@]}" "$@" >"$BENCH_DIR/$phase.out" 2>"$BENCH_DIR/$phase.err" &
    PID[load]=$!
    sample_until_load_exits "$phase"
    finish_phase "$phase"
}

finish_phase() {
    local phase=$1
    wait "${PID[load]}" || {
        cat "$BENCH_DIR/$phase.err" >&2
        die "the load tool's $phase failed (output: $BENCH_DIR/$phase.out, errors: $BENCH_DIR/$phase.err)"
    }
    PID[load]=""
    RESULT=$(grep '^result ' "$BENCH_DIR/$phase.out") || die "the load tool's $phase printed no result line"
}

# The value of key $1 in RESULT.
result() {
    tr ' ' '\n' <<<"$RESULT" | sed -n "s/^$1=//p"
}

# Mean and max of column $1 of the samples of phase $2 taken in (epoch ms $3, $4].
window_stats() {
    awk -F, -v col="$1" -v phase="$2" -v from="$3" -v to="$4" 'NR > 1 && $2 == phase && $1 > from && $1 <= to {
            s += $col; n++; if ($col > m) m = $col }
        END { if (n) printf "%.1f %.1f\n", s / n, m; else print "- -" }' "$SAMPLES"
}

# Per-thread CPU ticks of pid $1, one "ticks<TAB>name" line per thread, the name with its digits
# replaced by # so that pools add up (pool-#-thread-#, C# CompilerThre).
thread_ticks() {
    local stat rest fields name
    for stat in /proc/"$1"/task/*/stat; do
        rest=$(<"$stat") || continue
        name=${rest#*(}
        name=${name%%) *}
        rest=${rest##*) }
        read -r -a fields <<<"$rest"
        printf '%s\t%s\n' $((fields[11] + fields[12])) "${name//[0-9]/#}"
    done 2>/dev/null
}

# The service's threads by CPU between two thread_ticks files $1 and $2 taken $3 ms apart (over
# what: $4): the top 8 as "name CPU%" (% of one core).
say_thread_cpu() {
    local line
    say "  orderbook-service threads, CPU % of one core over $4 (top 8, digits in names as #):"
    while IFS= read -r line; do
        say "    $line"
    done < <(awk -F'\t' -v hz="$CLK_TCK" -v ms="$3" 'FNR == NR {before[$2] += $1; next} {after[$2] += $1}
        END {for (n in after) printf "%.1f\t%s\n", (after[n] - before[n]) / hz / (ms / 1000) * 100, n}' "$1" "$2" |
        sort -t$'\t' -k1,1 -g -r | head -n 8 | awk -F'\t' '{printf "%-24s %6s %%\n", $2, $1}')
}

# Prints the /proc table of the phase in RESULT's window.
say_proc_stats() {
    local phase=$1 from to col mean max row=()
    from=$(result window_start_ms)
    to=$(result window_end_ms)
    for col in 3 4 5 6 7 8; do
        read -r mean max < <(window_stats "$col" "$phase" "${from%.*}" "${to%.*}")
        row+=("$mean / $max")
    done
    say "  /proc over the rated window, mean / max (CPU % of one core; $(nproc) cores):"
    say "$(printf '    %-13s %-15s %-13s %-15s %-14s %-13s' service-CPU service-RSS-MB broker-CPU broker-RSS-MB load-tool-CPU machine-CPU)"
    say "$(printf '    %-13s %-15s %-13s %-15s %-14s %-13s' "${row[@]}")"
}

# ---- 3. backlog: fill both queues, bare consumer alone, then the service alone -------------------
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
log "filling both queues with $BACKLOG messages (nobody consuming)"
run_phase fill "count=$BACKLOG" "start=${PIPELINE_DAY}T00:00:00Z"
FILLED=$(result count)
say "== 3. backlog of $FILLED messages ($BOOKS books × $LEVELS levels per side), load average before $LOAD0 =="
say "$(grep -v '^result ' "$BENCH_DIR/fill.out")"
log "the bare consumer drains its copy alone"
run_phase drain-bare "count=$FILLED"
say "$(grep -v '^result ' "$BENCH_DIR/drain-bare.out")"
BARE_STEADY=$(result steady_rate)
say_proc_stats drain-bare

read -r -a JVM_OPTS <<<"$(service_jvm_opts orderbook-service)"
mapfile -t SERVICE_ENV < <(
    common_environment
    printf '%s\n' "QUARKUS_HTTP_PORT=$ORDERBOOK_PORT" "RABBITMQ_VIRTUAL_HOST=$BENCH_VHOST" \
        "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$BENCH_DB" \
        "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:5432/$BENCH_DB" \
        "ORDERBOOK_CACHE_KEY_PREFIX=$CACHE_PREFIX" "ORDERBOOK_CONSUMER_QUEUE=$SERVICE_QUEUE" \
        "ORDERBOOK_VALIDATION_MAX_FUTURE=$MAX_FUTURE"
)
# the watcher first, so it sees the service's first deliveries
"${LOAD_CMD[@]}" watch-service "${LOAD_ARGS[@]}" "count=$FILLED" "metrics=$METRICS_URL" \
    >"$BENCH_DIR/watch-service.out" 2>"$BENCH_DIR/watch-service.err" &
PID[load]=$!
until grep -q '^watching' "$BENCH_DIR/watch-service.out" 2>/dev/null; do
    process_alive "${PID[load]}" || finish_phase watch-service
    sleep 0.1
done
{
    printf '===== %s: java %s -jar %s\n' "$(date '+%F %T')" "${JVM_OPTS[*]}" "$SERVICE_JAR"
    printf '%s\n' "${SERVICE_ENV[@]}"
} >>"$SERVICE_LOG"
log "starting orderbook-service: it drains its copy alone"
LAUNCH_MS=$(now_ms)
(
    cd "$BENCH_DIR" || exit 1
    exec env "${SERVICE_ENV[@]}" java "${JVM_OPTS[@]}" -jar "$SERVICE_JAR" </dev/null >>"$SERVICE_LOG" 2>&1
) &
PID[service]=$!
SPID=${PID[service]}
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 2 "http://localhost:$ORDERBOOK_PORT/q/health/ready" 2>/dev/null; do
    process_alive "$SPID" || die "orderbook-service exited before it was ready (log: $SERVICE_LOG)"
    ((SECONDS < deadline)) || die "orderbook-service not ready within ${READY_TIMEOUT}s (log: $SERVICE_LOG)"
    sleep 0.1
done
READY_MS=$(($(now_ms) - LAUNCH_MS))
STARTED_IN=$(grep -o 'started in [0-9.]*s' "$SERVICE_LOG" | tail -n 1 | sed 's/started in //; s/s$//')
THREADS_T0=$(now_ms)
thread_ticks "$SPID" >"$BENCH_DIR/threads-drain-start.tsv"
sample_until_load_exits watch-service
thread_ticks "$SPID" >"$BENCH_DIR/threads-drain-end.tsv"
THREADS_MS=$(($(now_ms) - THREADS_T0))
finish_phase watch-service
say "$(grep -v '^result \|^watching' "$BENCH_DIR/watch-service.out")"
SERVICE_STEADY=$(result steady_rate)
say "  checkpoints while draining: $(result checkpoints), mean write $(result checkpoint_write_mean_ms) ms;" \
    "minute points written $(result minutes_written); outcomes: applied $(result applied), late $(result late)," \
    "rejected $(result rejected), dead-lettered $(result dead_lettered)"
say_proc_stats watch-service
say_thread_cpu "$BENCH_DIR/threads-drain-start.tsv" "$BENCH_DIR/threads-drain-end.tsv" "$THREADS_MS" \
    "its drain, from ready to empty"
say "$(awk -v s="$SERVICE_STEADY" -v b="$BARE_STEADY" 'BEGIN {
    printf "service / bare consumer, each draining alone: %.0f %%", (b > 0 ? s / b * 100 : 0) }')"
say "orderbook-service: ready after ${READY_MS} ms (Quarkus: started in ${STARTED_IN}s) while draining;" \
    "JVM options: ${JVM_OPTS[*]}"
say ""

# ---- 4. flood: publishers, the service and the bare consumer at once ------------------------------
log "flood: ${WARMUP_SECONDS} s warm-up + ${MEASURE_SECONDS} s measured"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
THREADS_T0=$(now_ms)
thread_ticks "$SPID" >"$BENCH_DIR/threads-flood-start.tsv"
run_phase flood "warmup-s=$WARMUP_SECONDS" "measure-s=$MEASURE_SECONDS" "max-backlog=$MAX_BACKLOG" \
    "start=${PIPELINE_DAY}T12:00:00Z" "metrics=$METRICS_URL"
thread_ticks "$SPID" >"$BENCH_DIR/threads-flood-end.tsv"
THREADS_MS=$(($(now_ms) - THREADS_T0))
say "== 4. flood: publishing as fast as the broker confirms while both consume; load average before $LOAD0, after $(cut -d' ' -f1-3 /proc/loadavg) =="
say "$(grep -v '^result ' "$BENCH_DIR/flood.out")"
say_proc_stats flood
say_thread_cpu "$BENCH_DIR/threads-flood-start.tsv" "$BENCH_DIR/threads-flood-end.tsv" "$THREADS_MS" \
    "the whole flood (warm-up, window, catch-up)"
say ""

# ---- 5. stop the service --------------------------------------------------------------------------
log "stopping orderbook-service (SIGTERM)"
STOP_FROM=$(($(wc -l <"$SERVICE_LOG") + 1))
kill -TERM "$SPID"
wait_exit "$SPID" 40 || die "orderbook-service did not stop within 40 s of SIGTERM"
PID[service]=""
SPID=""
STOPPED_LINE=$(tail -n +"$STOP_FROM" "$SERVICE_LOG" | grep -o 'stopped: [^"]*' | tail -n 1 || true)
[[ -n "$STOPPED_LINE" ]] || die "no 'stopped:' line in $SERVICE_LOG after SIGTERM"
say "orderbook-service stopped with SIGTERM; its log says: $STOPPED_LINE"
WARNINGS=$(grep -c '"level":"\(WARN\|ERROR\)"' "$SERVICE_LOG" || true)
say "warnings and errors in its log: $WARNINGS ($SERVICE_LOG)"
say ""

# ---- 6. storage ----------------------------------------------------------------------------------
if [[ "$SKIP_STORAGE" != 1 ]]; then
    pipeline_table="orderbook.minute_bands_p${PIPELINE_DAY//-/}"
    bench_rows=$(sql "SELECT count(*) FROM orderbook.minute_bands WHERE series_id IN ($BENCH_SERIES_SQL)
                      AND ts >= '$PIPELINE_DAY 00:00:00+00' AND ts < '$PIPELINE_DAY 00:00:00+00'::timestamptz + interval '1 day'")
    all_rows=$(sql "SELECT CASE WHEN to_regclass('$pipeline_table') IS NULL THEN 0 ELSE (SELECT count(*) FROM $pipeline_table) END" 2>/dev/null || echo 0)
    if [[ "$all_rows" != 0 && "$all_rows" == "$bench_rows" ]]; then
        say "== storage of the run's own minute points =="
        report_partition "$pipeline_table" "written by orderbook-service in this run ($BOOKS series)"
    else
        say "storage of the run's minutes not measured: $pipeline_table holds $all_rows rows, $bench_rows of them the bench's"
    fi
    measure_storage
fi
say ""
say "timelines (bare-drain.csv, service-drain.csv, flood.csv), /proc samples ($SAMPLES), outputs and logs: $BENCH_DIR"
