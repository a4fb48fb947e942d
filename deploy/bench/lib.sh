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

# The 36 value columns of minute_bands, as HistoryStore writes them (MinuteColumns).
SUFFIXES=(1_5 3 5 8 15 30)
value_columns() {
    local kind suffix first=1
    for kind in bid_qty ask_qty bid_usd ask_usd avg_bid_usd avg_ask_usd; do
        for suffix in "${SUFFIXES[@]}"; do
            ((first)) || printf ', '
            printf '%s_%s' "$kind" "$suffix"
            first=0
        done
    done
}

# Plausible values for the 36 columns: volumes and USD values that grow with the depth. float4 is
# fixed-width, so the values do not change the size; they only keep the rows realistic.
value_expressions() {
    local kind d first=1
    for kind in qty qty usd usd usd usd; do
        for d in 1 2 3 4 5 6; do
            ((first)) || printf ', '
            if [[ $kind == qty ]]; then
                printf '(%d * (20 + random() * 10))::real' "$d"
            else
                printf '(%d * (1.3e6 + random() * 6e5))::real' "$d"
            fi
            first=0
        done
    done
}
