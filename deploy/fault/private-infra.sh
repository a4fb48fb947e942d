#!/usr/bin/env bash
# A private RabbitMQ node or PostgreSQL instance on a port of its own, for the fault suite
# (system-tests FaultSuiteIT): it is stopped, started and broken while data flows without
# disturbing the shared servers the other tests use. Everything lives under
# ${FAULT_INFRA_DIR:-/tmp/marketdata-fault}/<kind>-<port> and goes with `destroy`.
#
#   deploy/fault/private-infra.sh rabbitmq start|stop-app|start-app|stop|destroy PORT
#   deploy/fault/private-infra.sh postgres start|stop|destroy PORT
#
# rabbitmq: node fault<PORT>@localhost, AMQP on PORT, distribution on PORT+20000, guest/guest on
#           the default vhost; `stop-app` closes the listener and every connection (an outage),
#           `start-app` brings the same node back with its durable queues and persistent messages.
# postgres: a fresh cluster (trust auth, fsync off) on 127.0.0.1:PORT with role and database
#           marketdata/marketdata; `stop` is a fast shutdown (connections are cut), `start` again
#           reuses the data.
set -euo pipefail

kind=${1:?kind: rabbitmq or postgres} action=${2:?action} port=${3:?port}
base=${FAULT_INFRA_DIR:-/tmp/marketdata-fault}
dir=$base/$kind-$port
mkdir -p "$base"

as_user() { # runs a server binary as its service account when we are root (both refuse or misbehave as root)
    local user=$1
    shift
    if [ "$(id -u)" = 0 ] && id "$user" >/dev/null 2>&1; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

await_node() { # the detached node registers with epmd a moment after the command returns
    local i
    for i in $(seq 1 60); do
        rabbitmqctl -q -n "$node" await_startup --timeout 60 >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "RabbitMQ node $node did not start; see $dir/log" >&2
    return 1
}

rabbitmq() {
    node="fault$port@localhost"
    export RABBITMQ_NODENAME=$node RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$((port + 20000)) \
        RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log RABBITMQ_PID_FILE=$dir/pid \
        RABBITMQ_CONFIG_FILE=$dir/rabbitmq RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
    case $action in
        start)
            mkdir -p "$dir"
            [ -f "$dir/enabled_plugins" ] || echo '[].' >"$dir/enabled_plugins"
            # loopback only; guest may log in from loopback (the default)
            printf 'listeners.tcp.default = 127.0.0.1:%s\n' "$port" >"$dir/rabbitmq.conf"
            id rabbitmq >/dev/null 2>&1 && chown -R rabbitmq "$dir"
            rabbitmq-server -detached
            await_node
            ;;
        stop-app) rabbitmqctl -q -n "$node" stop_app ;;
        start-app) rabbitmqctl -q -n "$node" start_app && await_node ;;
        stop) rabbitmqctl -q -n "$node" stop >/dev/null 2>&1 || true ;;
        destroy)
            rabbitmqctl -q -n "$node" stop >/dev/null 2>&1 || true
            rm -rf "$dir"
            ;;
        *) echo "unknown action $action" >&2 && exit 2 ;;
    esac
}

postgres() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    case $action in
        start)
            if [ ! -f "$dir/data/PG_VERSION" ]; then
                mkdir -p "$dir"
                id postgres >/dev/null 2>&1 && chown postgres "$dir"
                as_user postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
            fi
            as_user postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
                -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
            psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
SELECT 'CREATE ROLE marketdata LOGIN PASSWORD ''marketdata'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'marketdata') \gexec
SELECT 'CREATE DATABASE marketdata OWNER marketdata'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'marketdata') \gexec
SQL
            ;;
        stop) as_user postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true ;;
        destroy)
            as_user postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
            rm -rf "$dir"
            ;;
        *) echo "unknown action $action" >&2 && exit 2 ;;
    esac
}

case $kind in
    rabbitmq) rabbitmq ;;
    postgres) postgres ;;
    *) echo "unknown kind $kind" >&2 && exit 2 ;;
esac
