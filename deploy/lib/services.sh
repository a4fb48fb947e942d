# shellcheck shell=bash
# The project's services and how to start, probe and stop them. Sourced by run.sh and stop.sh.

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Default JVM options of a small service; a service's own options replace them, and the
# environment variable <NAME>_JVM_OPTS (e.g. COLLECTOR_SERVICE_JVM_OPTS) replaces both.
# -XX:TrimNativeHeapInterval=5000 returns the glibc malloc arenas' free memory (mostly left over from
# start-up) to the OS every 5 s: 15-20 MB less idle RSS for the collector, no measurable CPU cost
# (docs/benchmarks.md).
# -XX:TieredStopAtLevel=1 (C1 only) for lifecycle and scoring, whose rounds wait on PostgreSQL: 12-35 MB less
# idle RSS, ~50 MB less after load, and 10-35 % more token events per second (docs/benchmarks.md §10-11).
SMALL_JVM_OPTS="-Xms32m -Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -Xss512k -XX:TrimNativeHeapInterval=5000"

# One line per service, in start order: name | jar (relative to the repo root) | HTTP port | JVM options.
# The readiness probe is http://localhost:<port>/q/health/ready for every service.
# To add a service, add its line here (and its environment in service_environment if it needs any).
SERVICES=(
    "emulator|emulator/target/quarkus-app/quarkus-run.jar|8090|$SMALL_JVM_OPTS"
    "collector-service|collector-service/target/quarkus-app/quarkus-run.jar|8081|-Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -Xss512k -XX:TrimNativeHeapInterval=5000"
    # orderbook: the heap starts small and grows under load to 256 MB, half of it young (NewRatio=1), where
    # the books' garbage dies: 152-154 MB idle instead of 207-213 with -Xms256m, 21,078 msgs/s drained
    # (docs/benchmarks.md §6, §12)
    "orderbook-service|orderbook-service/target/quarkus-app/quarkus-run.jar|8082|-Xms32m -Xmx256m -XX:NewRatio=1 -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:TrimNativeHeapInterval=5000"
    "scoring-service|scoring-service/target/quarkus-app/quarkus-run.jar|8084|-Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:TieredStopAtLevel=1"
    # lifecycle: Hibernate Reactive's classes take ~88 MB of metaspace once the load ran (docs/benchmarks.md §10)
    "lifecycle-service|lifecycle-service/target/quarkus-app/quarkus-run.jar|8083|-Xms32m -Xmx96m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:TieredStopAtLevel=1"
    "api-gateway|api-gateway/target/quarkus-app/quarkus-run.jar|8080|-Xms64m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:TrimNativeHeapInterval=5000"
)

READY_PATH="/q/health/ready"

service_field() {
    local name=$1 index=$2 line
    for line in "${SERVICES[@]}"; do
        if [[ "${line%%|*}" == "$name" ]]; then
            local fields
            IFS='|' read -r -a fields <<<"$line"
            printf '%s' "${fields[$index]}"
            return 0
        fi
    done
    die "unknown service $name"
}

service_names() {
    local line
    for line in "${SERVICES[@]}"; do
        printf '%s\n' "${line%%|*}"
    done
}

service_jar() { printf '%s/%s' "$REPO_ROOT" "$(service_field "$1" 1)"; }
service_port() { service_field "$1" 2; }
service_pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
service_log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
service_ready_url() { printf 'http://localhost:%s%s' "$(service_port "$1")" "$READY_PATH"; }

# JVM options: $<NAME>_JVM_OPTS when set, else the list's.
service_jvm_opts() {
    local variable
    variable="$(printf '%s' "$1" | tr '[:lower:]-' '[:upper:]_')_JVM_OPTS"
    if [[ -n "${!variable:-}" ]]; then
        printf '%s' "${!variable}"
    else
        service_field "$1" 3
    fi
}

# Module directory of a service: the jar path's first component.
service_module_dir() {
    local jar
    jar=$(service_field "$1" 1)
    printf '%s/%s' "$REPO_ROOT" "${jar%%/*}"
}

# Comma list of the service's existing config files: <module>/config/<name without -service>.yaml
# and <module>/config/secrets.yaml (the *.example.yaml templates are never loaded).
service_config_locations() {
    local dir short file locations=()
    dir="$(service_module_dir "$1")/config"
    short="${1%-service}"
    for file in "$dir/$short.yaml" "$dir/secrets.yaml"; do
        [[ -f "$file" ]] && locations+=("$file")
    done
    local IFS=,
    printf '%s' "${locations[*]}"
}

# Environment every service gets: infrastructure on localhost (overridable from the caller's env).
common_environment() {
    printf '%s\n' \
        "QUARKUS_DATASOURCE_JDBC_URL=${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://localhost:5432/${MARKETDATA_DB_NAME:-marketdata}}" \
        "QUARKUS_DATASOURCE_REACTIVE_URL=${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://localhost:5432/${MARKETDATA_DB_NAME:-marketdata}}" \
        "QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-${MARKETDATA_DB_USER:-marketdata}}" \
        "QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-${MARKETDATA_DB_PASSWORD:-marketdata}}" \
        "RABBITMQ_HOST=${RABBITMQ_HOST:-localhost}" \
        "RABBITMQ_PORT=${RABBITMQ_PORT:-5672}" \
        "RABBITMQ_USERNAME=${RABBITMQ_USERNAME:-guest}" \
        "RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:-guest}" \
        "QUARKUS_REDIS_HOSTS=${QUARKUS_REDIS_HOSTS:-redis://localhost:6379}"
}

# Extra environment of one service. LIVE=1: the collector talks to the real exchanges.
service_environment() {
    local name=$1
    case $name in
        collector-service)
            if [[ "${LIVE:-0}" != 1 ]]; then
                local emulator emulator_ws
                emulator="http://localhost:$(service_port emulator)"
                emulator_ws="ws://localhost:$(service_port emulator)"
                printf '%s\n' \
                    "COLLECTOR_EXCHANGES_BINANCE_REST_URL=$emulator/binance-futures" \
                    "COLLECTOR_EXCHANGES_BINANCE_WS_URL=$emulator_ws/binance-futures" \
                    "COLLECTOR_EXCHANGES_BINANCE_SPOT_REST_URL=$emulator/binance-spot" \
                    "COLLECTOR_EXCHANGES_BINANCE_SPOT_WS_URL=$emulator_ws/binance-spot" \
                    "COLLECTOR_EXCHANGES_BYBIT_REST_URL=$emulator/bybit" \
                    "COLLECTOR_EXCHANGES_BITGET_REST_URL=$emulator/bitget" \
                    "COLLECTOR_EXCHANGES_HTX_REST_URL=$emulator/htx" \
                    "COLLECTOR_EXCHANGES_GATEIO_REST_URL=$emulator/gateio/api/v4" \
                    "COLLECTOR_PUMPPORTAL_WS_URL=$emulator_ws/pumpportal/api/data" \
                    "COLLECTOR_DEXSCREENER_REST_URL=$emulator/dexscreener"
            fi
            ;;
        api-gateway)
            printf 'GATEWAY_ADMIN_TOKEN=%s\n' "$(admin_token)"
            ;;
    esac
}

# The gateway's admin bearer token: $GATEWAY_ADMIN_TOKEN when set, else one generated once per
# checkout and kept in deploy/.run/admin-token (git-ignored), so the dashboard's settings page and
# curl can use it across restarts.
admin_token() {
    local file="$RUN_DIR/admin-token"
    if [[ -n "${GATEWAY_ADMIN_TOKEN:-}" ]]; then
        printf '%s' "$GATEWAY_ADMIN_TOKEN"
        return
    fi
    if [[ ! -s "$file" ]]; then
        mkdir -p "$RUN_DIR"
        (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
    fi
    cat "$file"
}

# True when PID is a live process (a zombie waiting to be reaped does not count).
process_alive() {
    local pid=$1 state
    kill -0 "$pid" 2>/dev/null || return 1
    state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$pid/stat" 2>/dev/null || true)
    [[ "$state" != Z ]]
}

# PID of the service started from this checkout, when it is alive; empty otherwise.
# A PID is only trusted when its command line still names the service's jar.
service_running_pid() {
    local name=$1 pid_file pid
    pid_file=$(service_pid_file "$name")
    [[ -f "$pid_file" ]] || return 0
    pid=$(<"$pid_file")
    if [[ "$pid" =~ ^[0-9]+$ ]] && process_alive "$pid" &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(service_jar "$name")"; then
        printf '%s' "$pid"
    fi
}

# Starts a service in the background (own session, so Ctrl-C reaches only run.sh), writes its pid file.
start_service() {
    local name=$1 jar port log_file pid_file config opts=() env_lines=()
    jar=$(service_jar "$name")
    port=$(service_port "$name")
    log_file=$(service_log_file "$name")
    pid_file=$(service_pid_file "$name")
    [[ -f "$jar" ]] || die "$name: $jar not found (build first: ./mvnw -B -q -DskipTests package)"
    if [[ -n "$(service_running_pid "$name")" ]]; then
        die "$name is already running (pid $(service_running_pid "$name")): stop it with deploy/stop.sh"
    fi
    if local_port_open "$port"; then
        die "$name: port $port is already in use by another process"
    fi
    mkdir -p "$LOG_DIR"
    read -r -a opts <<<"$(service_jvm_opts "$name")"
    config=$(service_config_locations "$name")
    if [[ -n "$config" ]]; then
        opts+=("-Dquarkus.config.locations=$config")
    fi
    mapfile -t env_lines < <(common_environment; service_environment "$name"; printf 'QUARKUS_HTTP_PORT=%s\n' "$port")
    {
        printf '\n===== %s: starting %s =====\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$name"
        printf 'java %s -jar %s\n' "${opts[*]}" "$jar"
    } >>"$log_file"
    (
        cd "$REPO_ROOT" || exit 1
        exec setsid env "${env_lines[@]}" java "${opts[@]}" -jar "$jar" </dev/null >>"$log_file" 2>&1
    ) &
    printf '%s\n' "$!" >"$pid_file"
    log "$name: started (pid $!, port $port, log $log_file)"
}

# Waits until the service's readiness URL answers 2xx. Returns 1 when it dies or TIMEOUT passes.
wait_ready() {
    local name=$1 timeout_s=$2 url pid deadline
    url=$(service_ready_url "$name")
    pid=$(<"$(service_pid_file "$name")")
    deadline=$((SECONDS + timeout_s))
    until http_ok "$url"; do
        if ! process_alive "$pid"; then
            log "ERROR: $name exited before it was ready"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "ERROR: $name not ready within ${timeout_s}s ($url)"
            return 1
        fi
        sleep 1
    done
    log "$name: ready ($url)"
}

show_log_tail() {
    local name=$1 lines=${2:-40} log_file
    log_file=$(service_log_file "$name")
    if [[ -f "$log_file" ]]; then
        printf -- '----- last %s lines of %s -----\n' "$lines" "$log_file" >&2
        tail -n "$lines" "$log_file" >&2
        printf -- '-----\n' >&2
    fi
}

# Stops a service by its pid file: SIGTERM, up to STOP_TIMEOUT seconds (default 40: every service
# finishes its graceful shutdown within its 30 s quarkus.shutdown.timeout), then SIGKILL.
stop_service() {
    local name=$1 pid pid_file grace=${STOP_TIMEOUT:-40}
    pid_file=$(service_pid_file "$name")
    pid=$(service_running_pid "$name")
    if [[ -z "$pid" ]]; then
        rm -f "$pid_file"
        return 0
    fi
    log "$name: stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + grace))
    while process_alive "$pid"; do
        if ((SECONDS >= deadline)); then
            warn "$name did not stop within ${grace}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
    done
    # reap it when it is our child (foreground run.sh); harmless otherwise
    wait "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    log "$name: stopped"
}
