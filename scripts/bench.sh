#!/usr/bin/env bash
# Benchmarks Outpost behind nginx beside its FastCGI peers, in one run (scripts/bench/peers.sh):
# nginx `return 200` (ceiling), a C libfcgi responder with the same thread count (floor of any
# libfcgi responder), php-fpm pm=static with as many children (the peer), php-fpm + PDO SQLite
# (the KV peer), and the `hello` worker: `/` (hello), `/kv-get` (one KV get) and `/d1-read`
# (one indexed D1 read). Then ratios, and Outpost's memory at idle and after long runs.
#
#   scripts/bench.sh                 # 3 repeats × 10 s; keep-conn off at 64 and 1 connections, on at 64 and 256
#   scripts/bench.sh --quick         # 1 repeat × 5 s
#   scripts/bench.sh --soak 3        # also: RSS after each of 3 runs of 1 million requests
#   scripts/bench.sh -t 8            # Outpost threads / C threads / php-fpm children (default 4)
#   scripts/bench.sh -p 1            # Outpost worker processes, each with -t threads (default: cores)
#                                    # (the backend-CPU target is also measured at the C responder's own
#                                    # layout, one process of -t threads: target `outpost1`)
#   scripts/bench.sh -P 2            # with keep-conn on: processes, each keeping connections / P (default 1)
#   scripts/bench.sh -c "64" -C "256" # connection counts with keep-conn off (-c) and on (-C)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REPEAT=3; DURATION=10; CONNS="64 1"; KCONNS="64 256"; THREADS=4; SOAK=0; PROCS=$(nproc); KPROCS=1
while [ $# -gt 0 ]; do
  case "$1" in
    -r) REPEAT=$2; shift 2;;
    -d) DURATION=$2; shift 2;;
    -c) CONNS=$2; shift 2;;
    -C) KCONNS=$2; shift 2;;
    -t) THREADS=$2; shift 2;;
    -p) PROCS=$2; shift 2;;
    -P) KPROCS=$2; shift 2;;
    --quick) REPEAT=1; DURATION=5; shift;;
    --soak) SOAK=$2; shift 2;;
    -h|--help) sed -n '2,14p' "$0"; exit 0;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2;;
  esac
done
[[ -x /opt/swift/usr/bin/swift ]] && export PATH="$PATH:/opt/swift/usr/bin"
scripts/setup.sh
missing=()
for p in wrk gcc spawn-fcgi php-fpm php-sqlite3 libnginx-mod-http-lua redis-server; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [ ! -e /usr/sbin/policy-rc.d ] && { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; RM_POLICY=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

swift build -c release --product hello >/dev/null
BIN="$(swift build -c release --show-bin-path)/hello"
W=$(mktemp -d /tmp/outpost-bench.XXXXXX); chmod 755 "$W"
cat >"$W/wrangler.toml" <<TOML
name = "bench"
[[kv_namespaces]]
binding = "KV"
id = "bench"
[[d1_databases]]
binding = "DB"
database_name = "bench"
migrations_dir = "$ROOT/Sources/hello/migrations"
[outpost]
state_dir = "$W/state"
request_timeout_ms = 30000
TOML
cfg=(--config "$W/wrangler.toml")
"$BIN" d1 migrations apply DB "${cfg[@]}" >/dev/null
"$BIN" kv key put greeting hello --binding KV "${cfg[@]}" >/dev/null
# 10,000 more keys, like the php-fpm + SQLite peer's table.
python3 - "$W/bulk.json" <<'PY'
import json, sys
json.dump([{"key": f"k{i}", "value": "x" * 64} for i in range(10000)], open(sys.argv[1], "w"))
PY
"$BIN" kv bulk put "$W/bulk.json" --binding KV "${cfg[@]}" >/dev/null

# The same worker with its KV on Redis (a private redis-server on a unix socket, stopped by PID at exit).
redis-server --port 0 --unixsocket "$W/redis.sock" --unixsocketperm 700 --save '' --appendonly no \
  --dir "$W" --logfile "$W/redis.log" --daemonize yes --pidfile "$W/redis.pid"
for _ in $(seq 50); do [ -S "$W/redis.sock" ] && [ -s "$W/redis.pid" ] && break; sleep 0.1; done
# The PID is read now: the work directory (and its pid file) is removed before the EXIT trap runs.
REDIS_PID=$(cat "$W/redis.pid")
trap 'kill "$REDIS_PID" 2>/dev/null || true; [ -z "${RM_POLICY:-}" ] || rm -f /usr/sbin/policy-rc.d' EXIT
sed -e 's|^id = "bench"$|id = "bench"\nbackend = "redis"\nurl = "unix://'"$W"'/redis.sock"|' \
  "$W/wrangler.toml" >"$W/wrangler-redis.toml"
cfgr=(--config "$W/wrangler-redis.toml")
"$BIN" kv key put greeting hello --binding KV "${cfgr[@]}" >/dev/null
"$BIN" kv bulk put "$W/bulk.json" --binding KV "${cfgr[@]}" >/dev/null

SOCK="$W/outpost.sock"; SOCK1="$W/outpost-1.sock"; SOCK64="$W/outpost-kc.sock"; SOCKR="$W/outpost-redis.sock"
echo "# Outpost benchmark — $(date -u +%FT%TZ), $(nproc) cores, threads/children = $THREADS, Outpost processes = $PROCS"
echo "# hello: $BIN"
echo
echo "## keep-conn off (Debian's default): every target with $THREADS threads/children"
scripts/bench/peers.sh -r "$REPEAT" -d "$DURATION" -c "$CONNS" --only static,php4,phpsqlite,c4 --no-install \
  --csv "$W/off.csv" \
  --extra outpost=unix:"$SOCK" --extra-cmd outpost="$BIN serve ${cfg[*]} --listen unix:$SOCK --threads $THREADS --processes $PROCS" \
  --extra outpost1=unix:"$SOCK1" --extra-cmd outpost1="$BIN serve ${cfg[*]} --listen unix:$SOCK1 --threads $THREADS --processes 1" \
  --extra kvget=unix:"$SOCK" --extra-path kvget="/kv-get?k=greeting" \
  --extra d1read=unix:"$SOCK" --extra-path d1read="/d1-read?id=1" \
  --extra kvredis=unix:"$SOCKR" --extra-cmd kvredis="$BIN serve ${cfgr[*]} --listen unix:$SOCKR --threads $THREADS --processes $PROCS" \
  --extra-path kvredis="/kv-get?k=greeting"
echo
echo "## keep-conn on: C libfcgi with $THREADS threads (pinned threads stall), Outpost's kept-connection pool"
# The layout `nginx-site --keep-conn` writes for: each process keeps connections / processes connections
# (`kept_connections`), served by its $THREADS threads whichever has a request, and the upstream's
# `keepalive` and `max_conns` are the connections. Each connection count gets its own run. One process
# (-P 1, the default) gave the best figures on 2 cores (256 connections: 1 × 4 threads 38–42k req/s,
# 2 × 4 35–36k, 2 × 8 34–35k, p99 10–12 ms). `outpostkc0` is libfcgi's own model, for contrast: no pool,
# one accept thread per connection (kept_connections = 0, threads = connections / processes).
for c in $KCONNS; do
  kept=$(( (c + KPROCS - 1) / KPROCS ))
  scripts/bench/peers.sh -r "$REPEAT" -d "$DURATION" -c "$c" -k on -K "$c" -M "$c" --only c4,php4 --no-install \
    --port 18180 --csv "$W/on.csv" \
    --extra outpostkc=unix:"$SOCK64" \
    --extra-cmd outpostkc="$BIN serve ${cfg[*]} --listen unix:$SOCK64 --threads $THREADS --processes $KPROCS --kept-connections $kept" \
    --extra outpostkc0=unix:"$SOCK64-0" \
    --extra-cmd outpostkc0="$BIN serve ${cfg[*]} --listen unix:$SOCK64-0 --threads $kept --processes $KPROCS --kept-connections 0"
done

python3 - "$W/off.csv" "$W/on.csv" "$KCONNS" "$KPROCS" "$THREADS" "$PROCS" <<'PY'
import csv, statistics, sys
rows = [r for f in sys.argv[1:3] for r in csv.DictReader(open(f))]
KEEP_CONNS = [int(c) for c in sys.argv[3].split()]
KEEP_PROCS = int(sys.argv[4])
THREADS, PROCS = int(sys.argv[5]), int(sys.argv[6])
NOISY = []
def med(target, conns, field, keep=None):
    """Median over the quiet runs (others' CPU <= 10 %, as peers.sh's summary). A noisy repeat is left
    out and flagged; when every repeat was noisy the figure is marked NOISY, never averaged in."""
    mine = [r for r in rows if r["target"] == target and r["conns"] == str(conns)
            and (keep is None or r["keep_conn_target"] == keep) and r[field] not in ("", "-")]
    quiet = [r for r in mine if r["foreign_cpu_pct"] not in ("", "-") and float(r["foreign_cpu_pct"]) <= 10]
    if len(quiet) < len(mine):
        NOISY.append(f"{target} @{conns}: {len(mine) - len(quiet)} of {len(mine)} repeats noisy"
                     + ("" if quiet else " (all: figure marked NOISY)"))
    vals = [float(r[field]) for r in (quiet or mine)]
    return (statistics.median(vals) if vals else float("nan")), bool(quiet)
def line(name, pair, target, test):
    value, quiet = pair
    met = "yes" if test(value) else "NO"
    print(f"| {name} | {value:.2f} | {target} | {met if quiet else met + ' (NOISY)'} |")
def ratio(a, b):
    return (a[0] / b[0], a[1] and b[1])
o64, c64, p64 = med("outpost", 64, "req_per_s"), med("c4", 64, "req_per_s", "off"), med("php4", 64, "req_per_s", "off")
print("\n## Against the targets (medians of the quiet repeats; issue 12's list)")
print("| figure | value | target | met |")
print("|---|---:|---|---|")
# Per-request cost like for like: the C responder is one process of THREADS threads, and so is `outpost1`.
c_cpu = med("c4", 64, "backend_cpu_us_per_req", "off")
line(f"backend CPU µs/request @64: Outpost / C libfcgi, both 1 process × {THREADS} threads",
     ratio(med("outpost1", 64, "backend_cpu_us_per_req"), c_cpu), "≤ 1.30", lambda v: v <= 1.3)
pool_cpu = ratio(med("outpost", 64, "backend_cpu_us_per_req"), c_cpu)
print(f"| backend CPU µs/request @64: Outpost's pool ({PROCS} processes × {THREADS} threads) / C libfcgi, "
      f"for contrast | {pool_cpu[0]:.2f} | (the pool's price) | |")
line("hello req/s @64: Outpost / C libfcgi", ratio(o64, c64), "≥ 0.90", lambda v: v >= 0.9)
line("hello req/s @64: Outpost / php-fpm", ratio(o64, p64), "≥ 1.30", lambda v: v >= 1.3)
kv, d1, pdo = med("kvget", 64, "req_per_s"), med("d1read", 64, "req_per_s"), med("phpsqlite", 64, "req_per_s")
line("KV-get req/s @64 / hello", ratio(kv, o64), "≥ 0.85", lambda v: v >= 0.85)
line("D1-read req/s @64 / hello", ratio(d1, o64), "≥ 0.85", lambda v: v >= 0.85)
for c in KEEP_CONNS:
    threads = f"{KEEP_PROCS} × {THREADS} threads, keeping {-(-c // KEEP_PROCS)} each"
    line(f"keep-conn on @{c}: Outpost ({threads}) / php-fpm req/s",
         ratio(med("outpostkc", c, "req_per_s"), med("php4", c, "req_per_s", "on")), "≥ 1.50", lambda v: v >= 1.5)
    line(f"keep-conn on @{c}: Outpost ({threads}) p99 ms", med("outpostkc", c, "p99_ms"), "≤ 20",
         lambda v: v <= 20)
    print(f"| keep-conn on @{c}: Outpost without the pool ({-(-c // KEEP_PROCS)} threads × {KEEP_PROCS}) / php-fpm "
          f"req/s, p99 ms, for contrast | {ratio(med('outpostkc0', c, 'req_per_s'), med('php4', c, 'req_per_s', 'on'))[0]:.2f}, "
          f"{med('outpostkc0', c, 'p99_ms')[0]:.2f} | (a thread per connection) | |")
    print(f"| keep-conn on @{c}: C libfcgi (4 threads) p99 ms, for contrast | "
          f"{med('c4', c, 'p99_ms', 'on')[0]:.2f} | (pinned threads) | |")
print("\n## Further targets of this benchmark (not in issue 12's list)")
print("| figure | value | target | met |")
print("|---|---:|---|---|")
line("hello p99 @64: Outpost / php-fpm", ratio(med("outpost", 64, "p99_ms"), med("php4", 64, "p99_ms", "off")),
     "≤ 1.00", lambda v: v <= 1)
line("hello p50 @1: Outpost / C libfcgi", ratio(med("outpost", 1, "p50_ms"), med("c4", 1, "p50_ms", "off")),
     "≤ 1.20", lambda v: v <= 1.2)
line("KV-get on Redis (unix socket) req/s @64 / hello", ratio(med("kvredis", 64, "req_per_s"), o64), "≥ 0.70",
     lambda v: v >= 0.7)
line("KV-get req/s @64 / php-fpm + PDO SQLite", ratio(kv, pdo), "≥ 2.50", lambda v: v >= 2.5)
if NOISY:
    print("\nNoisy repeats (foreign CPU > 10 %), left out of the medians: " + "; ".join(NOISY))
PY

if [ "$SOAK" -gt 0 ]; then
  echo
  echo "## Memory: RSS of the worker process at idle and after each run of 1,000,000 requests"
  "$BIN" serve "${cfg[@]}" --listen unix:"$W/soak.sock" --threads "$THREADS" 2>"$W/soak.log" &
  SUP=$!
  sleep 1
  "$BIN" nginx-site "${cfg[@]}" --fastcgi unix:"$W/soak.sock" --listen 127.0.0.1:18299 \
      --standalone "$W/ngx" --out "$W/soak-nginx.conf"
  mkdir -p "$W/ngx"; nginx -p "$W/ngx" -c "$W/soak-nginx.conf" -e "$W/ngx/err.log" & NGX=$!
  sleep 1
  worker=$(pgrep -P "$SUP" | head -1)
  rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$worker/status"; }
  echo "| after | worker RSS |"; echo "|---|---:|"; echo "| idle | $(rss) |"
  for i in $(seq 1 "$SOAK"); do
    done_requests=0
    while [ "$done_requests" -lt 1000000 ]; do
      n=$(wrk -t2 -c64 -d20s http://127.0.0.1:18299/ 2>/dev/null | awk '/requests in/ {print $1}')
      done_requests=$((done_requests + ${n:-0}))
    done
    echo "| run $i ($done_requests requests) | $(rss) |"
  done
  kill "$NGX" "$SUP"; wait "$SUP" 2>/dev/null || true
fi
rm -rf "$W"
