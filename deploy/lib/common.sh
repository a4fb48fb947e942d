# shellcheck shell=bash
# Shared helpers of the deploy/ scripts: logging, paths, TCP/HTTP probes. Sourced, not run.

if [[ -n "${MARKETDATA_COMMON_SOURCED:-}" ]]; then
    return 0
fi
MARKETDATA_COMMON_SOURCED=1

# Repository root (this file is deploy/lib/common.sh).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEPLOY_DIR="$REPO_ROOT/deploy"
RUN_DIR="$DEPLOY_DIR/.run"
LOG_DIR="$RUN_DIR/logs"
export REPO_ROOT DEPLOY_DIR RUN_DIR LOG_DIR

log() {
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

warn() {
    log "WARNING: $*"
}

die() {
    log "ERROR: $*"
    exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $* (run as root or install sudo)"
    fi
}

# True when something accepts TCP connections on HOST:PORT (within 2 s).
port_open() {
    local host=$1 port=$2
    # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" >/dev/null 2>&1
}

# True when the local PORT answers on IPv4 or IPv6 loopback.
local_port_open() {
    port_open 127.0.0.1 "$1" || port_open ::1 "$1"
}

# Waits until the local PORT answers; NAME for messages. Returns 1 after TIMEOUT seconds.
wait_for_port() {
    local name=$1 port=$2 timeout_s=$3
    local deadline=$((SECONDS + timeout_s))
    until local_port_open "$port"; do
        if ((SECONDS >= deadline)); then
            log "ERROR: $name did not open port $port within ${timeout_s}s"
            return 1
        fi
        sleep 1
    done
}

# True when URL answers with a 2xx status.
http_ok() {
    local url=$1
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 3 "$url" >/dev/null 2>&1
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O /dev/null -T 3 "$url" >/dev/null 2>&1
    else
        die "neither curl nor wget is installed (apt-get install -y curl)"
    fi
}
