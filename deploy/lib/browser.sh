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

# Ubuntu ships them as chromium-browser and chromium-chromedriver (binaries under other paths);
# links at the Debian paths make both look the same to the test.
_browser_link_ubuntu_paths() {
    local candidate
    if [[ ! -x /usr/bin/chromium ]]; then
        for candidate in /usr/bin/chromium-browser /snap/bin/chromium; do
            [[ -x $candidate ]] && as_root ln -sf "$candidate" /usr/bin/chromium && break
        done
    fi
    if [[ ! -x /usr/bin/chromedriver ]]; then
        for candidate in /usr/lib/chromium-browser/chromedriver /usr/bin/chromium.chromedriver /snap/bin/chromium.chromedriver; do
            [[ -x $candidate ]] && as_root ln -sf "$candidate" /usr/bin/chromedriver && break
        done
    fi
    return 0
}

ensure_browser() {
    _browser_link_ubuntu_paths
    if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 ||
        die "cannot install chromium: apt-get not found (install Chromium and ChromeDriver by hand)"
    local packages=(chromium chromium-driver)
    # Ubuntu: no package named chromium-driver; its names are chromium-browser and chromium-chromedriver
    if ! apt-cache show chromium-driver >/dev/null 2>&1 && apt-cache show chromium-chromedriver >/dev/null 2>&1; then
        packages=(chromium-browser chromium-chromedriver)
    fi
    log "installing the headless browser of the dashboard test: apt-get install -y ${packages[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" \
        >/dev/null || die "apt-get install ${packages[*]} failed"
    _browser_link_ubuntu_paths
    [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] ||
        die "chromium installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing"
    log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
}
