#!/usr/bin/env bash
# Stops what `deploy/run.sh --detach` started, from the pid files in deploy/.run/:
# SIGTERM, then SIGKILL after STOP_TIMEOUT seconds (default 40). Infrastructure
# (RabbitMQ, PostgreSQL, Redis) is left running.
set -euo pipefail

# shellcheck source=deploy/lib/services.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

case ${1:-} in
    "") ;;
    -h | --help)
        printf 'Usage: deploy/stop.sh\nStops the services started by deploy/run.sh --detach (pid files in deploy/.run/).\n'
        exit 0
        ;;
    *) die "unknown argument: $1 (usage: deploy/stop.sh)" ;;
esac

mapfile -t names < <(service_names)
stopped=0
for ((i = ${#names[@]} - 1; i >= 0; i--)); do
    name=${names[$i]}
    if [[ -n "$(service_running_pid "$name")" ]]; then
        stop_service "$name"
        stopped=$((stopped + 1))
    elif [[ -f "$(service_pid_file "$name")" ]]; then
        log "$name: not running (removing its stale pid file)"
        rm -f "$(service_pid_file "$name")"
    fi
done
if ((stopped == 0)); then
    log "nothing to stop"
else
    log "stopped $stopped service(s)"
fi
