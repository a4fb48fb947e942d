#!/usr/bin/env bash
# Taps token_events of a running demo (deploy/run.sh) for [seconds] (default 180) and prints the
# messages seen per routing key / transition and the latency from each token's migration
# (token.created.migrated_at) to its first score.updated. Measures only; starts nothing.
#
#   deploy/run.sh --detach && deploy/bench/token-latency.sh 180
set -euo pipefail
DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$DEPLOY_DIR/../collector-service/target/quarkus-app/lib/main"
[[ -d "$LIB" ]] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
# shellcheck disable=SC2086 # the jar globs must expand
CP=$(printf '%s:' $LIB/com.rabbitmq.amqp-client-*.jar $LIB/org.slf4j.slf4j-api-*.jar $LIB/com.fasterxml.jackson.core.jackson-*.jar)
exec java -Xmx64m -cp "${CP%:}" "$DEPLOY_DIR/bench/TokenLatency.java" "${RABBITMQ_HOST:-localhost}" "${RABBITMQ_PORT:-5672}" \
    "${RABBITMQ_VIRTUAL_HOST:-/}" "${RABBITMQ_USERNAME:-guest}" "${RABBITMQ_PASSWORD:-guest}" "${1:-180}"
