#!/usr/bin/env bash
# Runs the worker of wrangler-like.toml on http://127.0.0.1:8787 behind a private nginx.
# Installs what is missing, builds, applies D1 migrations, then `dev --watch`. Ctrl-C (or x) stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /opt/swift/usr/bin/swift ]] && export PATH="$PATH:/opt/swift/usr/bin"
scripts/setup.sh
product="${OUTPOST_PRODUCT:-kyx-checkin}"
config=wrangler-like.toml
[[ "$product" == hello ]] && config=Sources/hello/wrangler.toml
swift build --product "$product"
bin="$(swift build --show-bin-path)/$product"
"$bin" check --config "$config" --env dev
if "$bin" --help | grep ' d1 ' >/dev/null; then
    "$bin" d1 migrations apply DB --config "$config" --env dev
fi
# --watch: a saved source is rebuilt and swapped in (`scripts/dev.sh --no-watch` turns it off).
exec "$bin" dev --config "$config" --env dev --watch "$@"
