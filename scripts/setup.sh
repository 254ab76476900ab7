#!/usr/bin/env bash
# Installs what Outpost needs on Debian/Ubuntu, skipping what is already there.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

# Build and run: libfcgi, SQLite, nginx; the networked backends' client libraries (hiredis for KV on
# Redis, libdqlite for D1 on dqlite and its `d1 node` command).
packages=(libfcgi-dev libsqlite3-dev pkg-config nginx-light sqlite3 curl libhiredis-dev libdqlite-dev)
# --test adds what the test suite starts or drives: headless Chromium and its WebDriver (browser
# end-to-end tests), redis-server (KV on Redis), promtool from prometheus (alerting-rule tests),
# wrk (load during reloads and deploys).
[[ "${1:-}" == "--test" ]] && packages+=(chromium chromium-driver redis-server prometheus wrk)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Any nginx flavour will do.
if [[ " ${missing[*]} " == *" nginx-light "* ]] && command -v nginx >/dev/null 2>&1; then
    missing=("${missing[@]/nginx-light}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    if [[ -x /opt/swift/usr/bin/swift ]]; then
        echo "setup: add /opt/swift/usr/bin to PATH" >&2
    else
        echo "setup: Swift 6 is required (https://www.swift.org/install/linux/)" >&2
    fi
    exit 1
fi
