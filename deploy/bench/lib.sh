# shellcheck shell=bash
# Helpers shared by the load scripts in deploy/bench: ports, process exit, /proc sampling, output.
# Sourced after deploy/lib/services.sh (local_port_open, process_alive). `say` appends to $SUMMARY.

# The first free port from $1 upwards.
free_port() {
    local port=$1
    while local_port_open "$port"; do
        port=$((port + 1))
    done
    printf '%s' "$port"
}

# Waits up to $2 seconds for process $1 to end (and reaps it); returns 1 when it is still alive.
wait_exit() {
    local pid=$1 deadline=$((SECONDS + $2))
    while process_alive "$pid"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
}

# Prints a line and appends it to the run's summary file.
say() {
    printf '%s\n' "$*" | tee -a "$SUMMARY"
}

now_ms() {
    local ns
    ns=$(date +%s%N)
    printf '%s' $((ns / 1000000))
}

# User + system CPU ticks of process $1 (0 when it is gone).
cpu_ticks() {
    local rest fields
    [[ -n "$1" && -r "/proc/$1/stat" ]] || {
        printf 0
        return 0
    }
    rest=$(<"/proc/$1/stat")
    rest=${rest##*) }
    read -r -a fields <<<"$rest"
    printf '%s' $((fields[11] + fields[12]))
}

# Resident set size of process $1 in kB (0 when it is gone).
rss_kb() {
    local kb=""
    [[ -n "$1" && -r "/proc/$1/status" ]] && kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null)
    printf '%s' "${kb:-0}"
}

# kB → MB with one decimal.
mb() {
    awk -v kb="$1" 'BEGIN {printf "%.1f", kb / 1024}'
}
