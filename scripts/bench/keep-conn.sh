#!/usr/bin/env bash
# keep-conn.sh — which worker layout serves keep-conn best: hello behind nginx with fastcgi_keep_conn
# on (keepalive = max_conns = connections, as `nginx-site --keep-conn` writes), beside php-fpm, for
# several `processes`×`threads` layouts of the kept-connection pool and for one accept thread per
# connection (kept_connections = 0, libfcgi's own model: target `perconn`).
#
#   scripts/bench/keep-conn.sh                      # 256 connections, 2 repeats × 5 s, layouts 1x4 2x4 2x8
#   scripts/bench/keep-conn.sh -c 64 -r 3 -d 10 -l "1x4 1x8"
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNS=256; REPEAT=2; DURATION=5; LAYOUTS="1x4 2x4 2x8"
while [ $# -gt 0 ]; do
  case "$1" in
    -c) CONNS=$2; shift 2;;
    -r) REPEAT=$2; shift 2;;
    -d) DURATION=$2; shift 2;;
    -l) LAYOUTS=$2; shift 2;;
    -h|--help) sed -n '2,9p' "$0"; exit 0;;
    *) echo "keep-conn.sh: unknown option $1" >&2; exit 2;;
  esac
done
swift build -c release --product hello >/dev/null
BIN="$(swift build -c release --show-bin-path)/hello"
W=$(mktemp -d /tmp/outpost-keep-conn.XXXXXX); chmod 755 "$W"
trap 'rm -rf "$W"' EXIT
printf 'name = "bench"\n[outpost]\nstate_dir = "%s/state"\n' "$W" >"$W/wrangler.toml"
serve="$BIN serve --config $W/wrangler.toml"
targets=(--extra perconn=unix:"$W/perconn.sock"
  --extra-cmd perconn="$serve --listen unix:$W/perconn.sock --threads $CONNS --processes 1 --kept-connections 0")
for layout in $LAYOUTS; do
  processes=${layout%x*}; threads=${layout#*x}; kept=$(( (CONNS + processes - 1) / processes ))
  targets+=(--extra "pool$layout=unix:$W/pool$layout.sock"
    --extra-cmd "pool$layout=$serve --listen unix:$W/pool$layout.sock --threads $threads --processes $processes --kept-connections $kept")
done
scripts/bench/peers.sh -r "$REPEAT" -d "$DURATION" -c "$CONNS" -k on -K "$CONNS" -M "$CONNS" --only php4 \
  --no-install --port 18280 "${targets[@]}"
