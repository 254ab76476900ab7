#!/usr/bin/env bash
# crash.sh — what a worker crash costs: `hello serve` behind a private nginx on a loopback port,
# then, N times: kill -9 one worker process that is serving, and measure
#   1. recovery: with --processes 1, the time from the kill to the next answered request (the ready
#      spare is promoted; requests meanwhile wait in the listen queue);
#   2. failed requests per crash under a wrk load (-c 16) with the default pool (one process per core).
#
#   scripts/bench/crash.sh [BIN] [-n KILLS]      # BIN defaults to the release build of hello
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${1:-$(swift build -c release --show-bin-path)/hello}
KILLS=5
[ "${2:-}" = "-n" ] && KILLS=$3
W=$(mktemp -d /tmp/outpost-crash.XXXXXX)
SERVE=""; NGINX=""
cleanup() {
  [ -n "$NGINX" ] && kill "$NGINX" 2>/dev/null || true
  [ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null || true
  sleep 1; rm -rf "$W"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'name = "crash"\n[outpost]\nstatus_path = "/outpost-status"\n' >"$W/wrangler.toml"
mkdir -p "$W/nginx"
USERLINE=""; [ "$(id -u)" = 0 ] && USERLINE="user root root;"
cat >"$W/nginx/nginx.conf" <<CONF
$USERLINE
worker_processes 1;
daemon off;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $W/nginx/body;
    fastcgi_temp_path $W/nginx/fastcgi;
    server {
        listen 127.0.0.1:$PORT;
        location / {
            include /etc/nginx/fastcgi_params;
            fastcgi_pass unix:$W/outpost.sock;
        }
    }
}
CONF

start() { # $1 = extra serve flags
  "$BIN" serve --config "$W/wrangler.toml" --persist-to "$W/state" --listen "unix:$W/outpost.sock" \
    --threads 4 $1 2>"$W/serve.log" &
  SERVE=$!
  until grep -q "worker processes accepting" "$W/serve.log" 2>/dev/null; do sleep 0.1; done
  sleep 0.5
}
stop() { kill "$SERVE"; wait "$SERVE" 2>/dev/null || true; SERVE=""; }
pid_of_server() { curl -s "http://127.0.0.1:$PORT/outpost-status?json" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["pid"]))'; }

nginx -p "$W/nginx" -c "$W/nginx/nginx.conf" -e stderr 2>"$W/nginx.log" &
NGINX=$!

echo "# worker crash benchmark — $(date -u +%FT%TZ), $(nproc) cores, $BIN"
echo "## 1. recovery with --processes 1: kill -9 of the only accepting process → next 200 (ms)"
start "--processes 1"
for _ in $(seq "$KILLS"); do
  victim=$(pid_of_server)
  python3 - "$PORT" "$victim" <<'PY'
import http.client, os, sys, time
port, victim = int(sys.argv[1]), int(sys.argv[2])
t0 = time.monotonic()
os.kill(victim, 9)
while True:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/")
        if c.getresponse().status == 200:
            break
    except OSError:
        pass
print(f"{(time.monotonic() - t0) * 1000:.1f}")
PY
  sleep 1.5  # the new spare gets ready
done
stop

echo "## 2. failed requests per crash under wrk -c16 (default pool: $(nproc) processes × 4 threads + 1 spare)"
start ""
for _ in $(seq "$KILLS"); do
  ( sleep 1; kill -9 "$(pid_of_server)" ) &
  killer=$!
  report=$(wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT/")
  wait "$killer" || true
  requests=$(echo "$report" | awk '/requests in/ {print $1}')
  failed=$(echo "$report" | awk -F': ' '/Non-2xx/ {print $2}')
  errors=$(echo "$report" | awk -F': ' '/Socket errors/ {print $2}')
  echo "requests $requests, non-2xx ${failed:-0}, socket errors: ${errors:-none}"
  sleep 1.5
done
stop
echo "worker deaths logged in part 2: $(grep -c "worker process died" "$W/serve.log" || true)"
