# shellcheck shell=bash
# The headless browser of the dashboard's browser test (system-tests DashboardIT). Sourced, not run.
#
#   ensure_browser
#
# Installs Debian's Chromium and ChromeDriver (packages chromium, chromium-driver →
# /usr/bin/chromium, /usr/bin/chromedriver) with apt-get when either is missing; does nothing
# when both are there. The test drives exactly these binaries, so Selenium never downloads one.

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_browser() {
    if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "cannot install chromium: apt-get not found (install Chromium and ChromeDriver by hand)"
    log "installing the headless browser of the dashboard test: apt-get install -y chromium chromium-driver"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver \
        >/dev/null || die "apt-get install chromium chromium-driver failed"
    [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] ||
        die "chromium installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing"
    log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
}
