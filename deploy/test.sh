#!/usr/bin/env bash
# The whole test suite against real infrastructure: brings up RabbitMQ, PostgreSQL and Redis
# like deploy/run.sh does, then runs `./mvnw -B verify` from the repository root with any
# extra Maven arguments given (e.g. deploy/test.sh -pl contracts,control-cli -am), and ends
# with a summary of the Surefire/Failsafe reports written by this run.
set -euo pipefail

# shellcheck source=deploy/lib/infra.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/infra.sh"
# shellcheck source=deploy/lib/browser.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/browser.sh"

case ${1:-} in
    -h | --help)
        printf 'Usage: deploy/test.sh [extra maven args]\nBrings up RabbitMQ, PostgreSQL and Redis, then runs ./mvnw -B verify "$@" from the repository root.\n'
        exit 0
        ;;
esac

ensure_infra --maven
ensure_test_vhost
ensure_browser # Debian's headless Chromium + ChromeDriver for the dashboard's browser test
ensure_fault_binaries # host rabbitmq-server and PostgreSQL binaries for the fault suite's private instances

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT
start=$SECONDS
log "running: ./mvnw -B verify $*"
status=0
(cd "$REPO_ROOT" && ./mvnw -B verify "$@") || status=$?
elapsed=$((SECONDS - start))

# Sums one attribute of the <testsuite> root element over the reports written by this run.
sum_attribute() {
    local attribute=$1 total=0 file value
    while IFS= read -r -d '' file; do
        value=$(grep -o -m 1 "<testsuite [^>]*" "$file" | grep -o " $attribute=\"[0-9]*\"" | head -n 1 | tr -dc '0-9')
        total=$((total + ${value:-0}))
    done < <(find "$REPO_ROOT" -path '*/target/*-reports/TEST-*.xml' -newer "$marker" -print0 2>/dev/null)
    printf '%s' "$total"
}

tests=$(sum_attribute tests)
failures=$(sum_attribute failures)
errors=$(sum_attribute errors)
skipped=$(sum_attribute skipped)
failed=$((failures + errors))
passed=$((tests - failed - skipped))

printf '\n========== deploy/test.sh summary ==========\n'
printf 'maven: %s (exit code %s) in %dm%02ds\n' "$( ((status == 0)) && printf 'BUILD SUCCESS' || printf 'BUILD FAILURE')" \
    "$status" $((elapsed / 60)) $((elapsed % 60))
printf 'tests run: %s (failures %s, errors %s, skipped %s)\n' "$tests" "$failures" "$errors" "$skipped"
if ((status != 0 && failed == 0)); then
    printf 'the build failed outside the tests (compilation, packaging or a plugin): see the log above\n'
fi
printf 'summary: %s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
exit "$status"
