#!/usr/bin/env bash
# A 10 KiB static asset through the site `nginx-site` generates (exact location, _headers maps,
# Cache-Control map) beside nginx's own static file (`root` + the file), nginx `return 200 "hello"`
# and the hello worker through the same generated site, in one run. Target: asset ≥ 0.8× nginx static.
#   scripts/bench/assets.sh [-d SECONDS] [-c CONNECTIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
DURATION=5; CONNS=64
while getopts "d:c:" o; do case $o in d) DURATION=$OPTARG;; c) CONNS=$OPTARG;; *) exit 2;; esac; done
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
# OUTPOST_BIN=path skips the release build (assets never reach the worker; only the hello row depends on it).
if [ -z "${OUTPOST_BIN:-}" ]; then swift build -c release --product hello >/dev/null; fi
BIN="${OUTPOST_BIN:-$(swift build -c release --show-bin-path)/hello}"
W=$(mktemp -d /tmp/outpost-assets-bench.XXXXXX); chmod 755 "$W"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
mkdir -p "$W/public" "$W/static" "$W/peer"
head -c 10240 /dev/zero | tr '\0' 'a' >"$W/public/asset.txt"
cp "$W/public/asset.txt" "$W/static/asset.txt"
printf '/*\n  X-Frame-Options: DENY\n' >"$W/public/_headers"
cat >"$W/wrangler.toml" <<TOML
name = "bench"
[assets]
directory = "public"
[outpost]
state_dir = "$W/state"
listen = "unix:$W/outpost.sock"
TOML
"$BIN" serve --config "$W/wrangler.toml" --threads 4 2>"$W/serve.log" & PIDS+=($!)
"$BIN" nginx-site --config "$W/wrangler.toml" --listen 127.0.0.1:18390 --standalone "$W/ngx" --out "$W/site.conf"
nginx -p "$W/ngx" -c "$W/site.conf" -e "$W/ngx/error.log" & PIDS+=($!)
cat >"$W/peer.conf" <<NGINX
$( [ "$(id -u)" = 0 ] && echo "user root root;" )
worker_processes 1; daemon off; pid $W/peer/nginx.pid; error_log $W/peer/error.log warn;
events { worker_connections 1024; }
http {
  access_log off; keepalive_requests 10000;
  client_body_temp_path $W/peer/cb; fastcgi_temp_path $W/peer/f; proxy_temp_path $W/peer/p;
  uwsgi_temp_path $W/peer/u; scgi_temp_path $W/peer/s;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:18391; location / { return 200 "hello"; } }
  server { listen 127.0.0.1:18392; root $W/static; }
}
NGINX
nginx -p "$W/peer" -c "$W/peer.conf" -e "$W/peer/error.log" & PIDS+=($!)
sleep 1
rate() { wrk -t2 -c"$CONNS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
curl -fsS -o /dev/null http://127.0.0.1:18390/asset.txt
ret=$(rate http://127.0.0.1:18391/); static=$(rate http://127.0.0.1:18392/asset.txt)
asset=$(rate http://127.0.0.1:18390/asset.txt); hello=$(rate http://127.0.0.1:18390/)
echo "# assets benchmark — $(date -u +%FT%TZ), $(nproc) cores, wrk -t2 -c$CONNS -d${DURATION}s, one run (shared machine: noisy)"
echo "| target | req/s | / nginx static |"
echo "|---|---:|---:|"
for row in "nginx return 200:$ret" "nginx static file (10 KiB):$static" "generated site, 10 KiB asset:$asset" "generated site → hello worker:$hello"; do
  name=${row%%:*}; value=${row##*:}
  echo "| $name | $value | $(python3 -c "print(f'{$value/$static:.2f}')") |"
done
python3 -c "import sys; r=$asset/$static; print(f'asset / nginx static = {r:.2f} (target ≥ 0.80): ' + ('met' if r >= 0.8 else 'NOT met'))"
