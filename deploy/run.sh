#!/usr/bin/env bash
# Brings up the whole stack on this machine: RabbitMQ, PostgreSQL and Redis (reused, started
# or installed), builds the project, starts the emulator and every service, waits until each
# is ready and prints where to look. See deploy/README.md.
set -euo pipefail

# shellcheck source=deploy/lib/infra.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/infra.sh"
# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

usage() {
    cat <<'EOF'
Usage: deploy/run.sh [--detach] [--live] [--no-build]

  --detach    return once everything is ready (stop it later with deploy/stop.sh);
              default: stay in the foreground, Ctrl-C stops everything this script started
  --live      collect from the real exchanges instead of the local emulator
  --no-build  use the jars already built (skip ./mvnw -B -q -DskipTests package)
  -h, --help  this help

Environment: READY_TIMEOUT (seconds per service, default 90), STOP_TIMEOUT (seconds before
SIGKILL, default 40), <SERVICE>_JVM_OPTS (e.g. COLLECTOR_SERVICE_JVM_OPTS) to replace a
service's JVM options, RABBITMQ_*/QUARKUS_DATASOURCE_*/QUARKUS_REDIS_HOSTS to point the
services elsewhere. Logs: deploy/.run/logs/<service>.log, pid files: deploy/.run/<service>.pid.
EOF
}

DETACH=0
LIVE=0
BUILD=1
while (($# > 0)); do
    case $1 in
        --detach) DETACH=1 ;;
        --live) LIVE=1 ;;
        --no-build) BUILD=0 ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            die "unknown argument: $1"
            ;;
    esac
    shift
done
export LIVE
READY_TIMEOUT="${READY_TIMEOUT:-90}"

STARTED=()
KEEP_RUNNING=0

stop_started() {
    local i
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        stop_service "${STARTED[$i]}"
    done
    STARTED=()
}

on_signal() {
    trap - INT TERM
    log "interrupted: stopping what was started"
    stop_started
    exit 130
}
trap on_signal INT TERM

# Whatever way this script ends (a failed check, an error), it leaves nothing half-started
# behind, unless --detach finished successfully.
on_exit() {
    if ((KEEP_RUNNING == 0 && ${#STARTED[@]} > 0)); then
        stop_started
    fi
}
trap on_exit EXIT

fail_and_stop() {
    local name=$1
    show_log_tail "$name" 40
    stop_started
    exit 1
}

print_summary() {
    local name port
    printf '\n'
    printf 'Everything is up%s.\n' "$( ((LIVE == 1)) && printf ' (live exchanges)' || printf ' (exchanges emulated)')"
    for name in "${STARTED[@]}"; do
        port=$(service_port "$name")
        case $name in
            emulator)
                printf '  %-20s admin http://localhost:%s/_emulator  faults http://localhost:%s/_emulator/faults\n' \
                    "$name" "$port" "$port"
                ;;
            api-gateway)
                printf '  %-20s http://localhost:%s/  (dashboard)  API http://localhost:%s/swagger-ui\n' "dashboard" "$port" "$port"
                printf '  %-20s %s  (Authorization: Bearer …, from %s)\n' "admin token" "$(admin_token)" \
                    "$([[ -n "${GATEWAY_ADMIN_TOKEN:-}" ]] && printf 'GATEWAY_ADMIN_TOKEN' || printf 'deploy/.run/admin-token')"
                printf '  %-20s http://localhost:%s/config/dynamic_strategy.toml\n' "NotArb markets file" "$port"
                ;;
            *)
                printf '  %-20s health http://localhost:%s/q/health  metrics http://localhost:%s/q/metrics\n' \
                    "$name" "$port" "$port"
                ;;
        esac
    done
    if local_port_open 15672; then
        printf '  %-20s http://localhost:15672/  (guest/guest)\n' "RabbitMQ management"
    fi
    printf '  %-20s %s/\n' "logs" "$LOG_DIR"
    printf '\nTry: deploy/control-cli get_symbols\n'
    if ((DETACH == 1)); then
        printf 'Stop: deploy/stop.sh\n\n'
    else
        printf 'Ctrl-C stops everything started here.\n\n'
    fi
}

main() {
    if ((BUILD == 1)); then
        ensure_infra --maven
        log "building: ./mvnw -B -q -DskipTests package"
        (cd "$REPO_ROOT" && ./mvnw -B -q -DskipTests package) || die "the build failed"
    else
        ensure_infra --no-maven
    fi

    local name to_start=() missing=()
    while IFS= read -r name; do
        if [[ "$name" == emulator && $LIVE == 1 ]]; then
            continue
        fi
        to_start+=("$name")
        [[ -f "$(service_jar "$name")" ]] || missing+=("$(service_jar "$name")")
    done < <(service_names)
    if ((${#missing[@]} > 0)); then
        die "not built: ${missing[*]} (run without --no-build, or ./mvnw -B -q -DskipTests package)"
    fi

    for name in "${to_start[@]}"; do
        if [[ -n "$(service_running_pid "$name")" ]]; then
            die "$name is already running (pid $(service_running_pid "$name")): stop it first with deploy/stop.sh"
        fi
        if local_port_open "$(service_port "$name")"; then
            die "port $(service_port "$name") of $name is already in use by another process"
        fi
    done

    mkdir -p "$RUN_DIR" "$LOG_DIR"
    for name in "${to_start[@]}"; do
        start_service "$name"
        STARTED+=("$name")
        wait_ready "$name" "$READY_TIMEOUT" || fail_and_stop "$name"
    done

    print_summary
    if ((DETACH == 1)); then
        KEEP_RUNNING=1
        trap - INT TERM
        return 0
    fi

    # Foreground: wait until a service dies (then stop the rest) or a signal arrives.
    while true; do
        wait -n 2>/dev/null || true
        sleep 0.2
        for name in "${STARTED[@]}"; do
            if [[ -z "$(service_running_pid "$name")" ]]; then
                log "ERROR: $name exited unexpectedly"
                fail_and_stop "$name"
            fi
        done
    done
}

main
