#!/usr/bin/env bash
# API benchmark of api-gateway with wrk (Debian's package; installed when missing): the numbers of
# docs/benchmarks.md §9. Measures only; asserts nothing about the numbers.
#
#   GATEWAY_RATE_LIMIT_ENABLED=false deploy/run.sh --detach      # wrk is one client: the per-client
#   deploy/bench/gateway-load.sh [seconds]                         # limit would answer it 429
#
# 1. current depth of one book: GET /api/depth/binance/futures?symbol=$SYMBOL, $CONNECTIONS
#    connections, 2 wrk threads, [seconds] (default 30): requests/s and latency percentiles, once
#    as fast as the connections go (saturation) and once paced at ~5,000 requests/s offered;
# 2. one day of minute chart data (1,440 points): seeds the series binance/futures/GWBENCHUSDT with
#    the 1,440 minutes before now in orderbook.minute_bands (database $DB), then GET /api/chart-data
#    for that day through the gateway (its 5 s shared cache in front) and straight from
#    orderbook-service (a PostgreSQL query per request), 10 connections each; p95;
# 3. the NotArb markets file at about 50 requests/s (one connection, 20 ms between requests): p99.
# The bench series is deleted at the end. wrk's own CPU shares the machine's cores with the stack.
#
# Environment: GATEWAY (http://localhost:8080), ORDERBOOK (http://localhost:8082), DB (marketdata),
# SYMBOL (BTCUSDT), CONNECTIONS (200).
set -euo pipefail

# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
# shellcheck source=deploy/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case ${1:-} in
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
        exit 0
        ;;
esac
DURATION=${1:-30}
GATEWAY=${GATEWAY:-http://localhost:8080}
ORDERBOOK=${ORDERBOOK:-http://localhost:8082}
DB=${DB:-marketdata}
SYMBOL=${SYMBOL:-BTCUSDT}
CONNECTIONS=${CONNECTIONS:-200}
BENCH_SYMBOL=GWBENCHUSDT

RUN=$(mktemp -d)
SUMMARY="$RUN/summary.txt"
trap 'cleanup; rm -rf "$RUN"' EXIT

sql() {
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -t -A -v ON_ERROR_STOP=1 -U postgres -h localhost -d "$DB" -c "$1"
}

cleanup() {
    sql "DELETE FROM orderbook.minute_bands WHERE series_id IN
         (SELECT id FROM orderbook.series WHERE symbol = '$BENCH_SYMBOL')" >/dev/null 2>&1 || true
}

if ! command -v wrk >/dev/null; then
    log "installing wrk (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
limit=$(curl -s -o /dev/null -D - "$GATEWAY/version" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-ratelimit-limit" {print $2}')
if [[ -n "$limit" && "$limit" -lt 1000000 ]]; then
    die "the gateway limits each client to a burst of $limit: restart it with GATEWAY_RATE_LIMIT_ENABLED=false"
fi
curl -sf "$GATEWAY/api/depth/binance/futures?symbol=$SYMBOL" >/dev/null ||
    die "$GATEWAY/api/depth/binance/futures?symbol=$SYMBOL does not answer 200: is the stack running (deploy/run.sh --detach)?"

# wrk reports p50/p75/p90/p99 only; this prints every percentile wanted and the rate on one line.
cat >"$RUN/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.0f socket_errors=%d non_2xx=%d p50=%.2fms p90=%.2fms p95=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms\n",
    summary.requests, summary.requests / (summary.duration / 1e6), e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
LUA
# paced-<ms>.lua: each connection waits <ms> between its requests
for ms in 20 40; do
    sed 's/^done = /report = /' "$RUN/report.lua" >"$RUN/paced-$ms.lua"
    printf 'delay = function() return %s end\ndone = report\n' "$ms" >>"$RUN/paced-$ms.lua"
done

bench() {
    local label=$1 threads=$2 connections=$3 script=$4 url=$5 line
    line=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s -s "$script" "$url" | grep '^RESULT')
    say "$label: ${line#RESULT }"
}

say "api-gateway benchmark, $(date -u '+%F %T') UTC: nproc=$(nproc), $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "wrk $(wrk -v 2>&1 | head -n1 | cut -d' ' -f2), ${DURATION} s per run"

# ---- 1. current depth ---------------------------------------------------------------------------
wrk -t2 -c"$CONNECTIONS" -d5s "$GATEWAY/api/depth/binance/futures?symbol=$SYMBOL" >/dev/null # warm-up
bench "current depth $SYMBOL, $CONNECTIONS connections, as fast as they go" 2 "$CONNECTIONS" "$RUN/report.lua" \
    "$GATEWAY/api/depth/binance/futures?symbol=$SYMBOL"
bench "current depth $SYMBOL, $CONNECTIONS connections, each 40 ms between requests (~5,000 req/s offered)" 2 \
    "$CONNECTIONS" "$RUN/paced-40.lua" "$GATEWAY/api/depth/binance/futures?symbol=$SYMBOL"

# ---- 2. one day of minute chart data --------------------------------------------------------------
now_minute=$(($(date +%s) / 60 * 60))
from=$(((now_minute - 1440 * 60) * 1000))
to=$(((now_minute - 60) * 1000))
for offset in 1 0; do
    day=$(date -u -d "@$((now_minute - offset * 86400))" +%F)
    sql "CREATE TABLE IF NOT EXISTS orderbook.minute_bands_p${day//-/} PARTITION OF orderbook.minute_bands
         FOR VALUES FROM ('$day 00:00:00+00') TO ('$(date -u -d "$day + 1 day" +%F) 00:00:00+00')" >/dev/null
done
sql "INSERT INTO orderbook.series (exchange, market, symbol, unified)
     VALUES ('binance', 'futures', '$BENCH_SYMBOL', 'GWBENCH/USDT:USDT') ON CONFLICT DO NOTHING" >/dev/null
cleanup
sql "INSERT INTO orderbook.minute_bands (ts, series_id, samples, mid, $(value_columns))
     SELECT to_timestamp($from / 1000) + m * interval '1 minute', s.id, 12, (65000 * (1 + random() * 0.01))::real,
            $(value_expressions)
     FROM generate_series(0, 1439) m, (SELECT id FROM orderbook.series WHERE symbol = '$BENCH_SYMBOL') s" >/dev/null
chart="/api/chart-data?exchange=binance&marketType=futures&symbol=$BENCH_SYMBOL&depth=5&type=bid&from=$from&to=$to"
points=$(curl -sf "$GATEWAY$chart" | grep -o '"time"' | wc -l)
say "chart data: $points points for $(date -u -d "@$((from / 1000))" '+%F %H:%M') → $(date -u -d "@$((to / 1000))" '+%F %H:%M') UTC"
bench "one day of minutes via the gateway (5 s shared cache), 10 connections" 2 10 "$RUN/report.lua" "$GATEWAY$chart"
bench "one day of minutes from orderbook-service (PostgreSQL per request), 10 connections" 2 10 "$RUN/report.lua" "$ORDERBOOK$chart"

# ---- 3. markets file at ~50 req/s ----------------------------------------------------------------------
groups=$(curl -s -o /dev/null -D - "$GATEWAY/config/dynamic_strategy.toml" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-markets-groups" {print $2}')
bench "markets file (${groups:-?} groups), 1 connection, 20 ms between requests" 1 1 "$RUN/paced-20.lua" \
    "$GATEWAY/config/dynamic_strategy.toml"
say "summary also in deploy/.run/bench/gateway-$(date -u +%Y%m%d-%H%M%S).txt"
mkdir -p "$RUN_DIR/bench" && cp "$SUMMARY" "$RUN_DIR/bench/gateway-$(date -u +%Y%m%d-%H%M%S).txt"
