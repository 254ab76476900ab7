#!/usr/bin/env bash
# The load simulation of issue 7 for the KYX check-in worker (scripts/kyx_loadsim.py does the HTTP).
# Builds kyx-checkin in release, then for caching on and for every cache family off: a fresh temp
# state dir and config (dev login on, low PBKDF2 iterations), `d1 migrations apply`, `create-admin`,
# codes stocked through the D1 CLI, `kyx-checkin dev` (the worker behind its own nginx on loopback),
# one simulated day (users × requests, seeded mix); then the same mix at full speed against caching
# on. Prints a markdown report: per family hit rate and D1 queries on vs off against the brief's
# targets, KV reads/writes for the day, p50/p99 per route, requests/s and p99 at full speed.
#
#   scripts/kyx-loadsim.sh                          # 1000 users × 20, 60 s full speed (~5 min)
#   scripts/kyx-loadsim.sh --users 100 --duration 10  # a quick run
#   options: --users N  --requests-per-user N  --duration S  --threads N (day clients, 16)
#            --speed-threads N (full-speed clients, 64)  --worker-threads N (Outpost threads, 8)
#            --port P (18787; P+1 caching off, P+2 no warm-up)  --seed S  --keep (keep the temp dir)  --out FILE
#            --debug (a debug build: quicker to build, same KV counts)  --no-warm-compare (skip the day
#            without the login warm-up that the first-read table compares against)
#   scripts/kyx-loadsim.sh --paced [--users N] [--visits V] [--var NAME=value]...
#            paced mode (issue 18): the brief's day at a realistic pace on a simulated clock, in-process
#            through the worker's fetch and scheduled (KVBudgetTests' PacedDay: 24 h of arrivals, a
#            seventh of the users logging in, crons every 5 min and hourly; default 1000 users × 20
#            requests, 1 sitting a user, V sittings 1-4 h apart); prints the day's KV reads, writes and
#            deletes and the D1 reductions against caching off beside the brief's budget, met / not met;
#            --var sets a worker var on top of the production ones (e.g. CACHE_USER_STATS_TTL=86400).
#            About 1-2 min after the test build; exits non-zero when a figure is not met.
#   scripts/kyx-loadsim.sh --bench [--duration S] [--connections C]
#            benchmark mode (issue 12): logs a real session in, then wrk (C connections, default 64,
#            S seconds each, default 10) on the static /login page and on /api/user, /api/stats and
#            /api/checkin/status with that session's cookie, through nginx; prints each route's
#            req/s, p99 and ratio to /login beside the target (>= 0.7x /login) and met / not met.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COMMAND="scripts/kyx-loadsim.sh $*"
USERS=1000; RPU=20; DURATION=60; THREADS=16; SPEED_THREADS=64; WORKER_THREADS=8; PORT=18787
SEED=kyx-issue-7; KEEP=0; OUT=""; BENCH=0; PACED=0; VISITS=1; PACED_VARS=""; CONNECTIONS=64; DURATION_SET=0; CONFIGURATION=release; NOWARM=1
while [ $# -gt 0 ]; do
  case "$1" in
    --users) USERS=$2; shift 2;;
    --requests-per-user) RPU=$2; shift 2;;
    --duration) DURATION=$2; DURATION_SET=1; shift 2;;
    --bench) BENCH=1; shift;;
    --paced) PACED=1; shift;;
    --visits) VISITS=$2; shift 2;;
    --var) PACED_VARS="${PACED_VARS:+$PACED_VARS,}$2"; shift 2;;
    --connections) CONNECTIONS=$2; shift 2;;
    --threads) THREADS=$2; shift 2;;
    --speed-threads) SPEED_THREADS=$2; shift 2;;
    --worker-threads) WORKER_THREADS=$2; shift 2;;
    --port) PORT=$2; shift 2;;
    --seed) SEED=$2; shift 2;;
    --keep) KEEP=1; shift;;
    --debug) CONFIGURATION=debug; shift;;
    --no-warm-compare) NOWARM=0; shift;;
    --out) OUT=$2; shift 2;;
    -h|--help) sed -n '2,29p' "$0"; exit 0;;
    *) echo "kyx-loadsim.sh: unknown option $1" >&2; exit 2;;
  esac
done
[[ -x /opt/swift/usr/bin/swift ]] && export PATH="$PATH:/opt/swift/usr/bin"
scripts/setup.sh
command -v python3 >/dev/null || { echo "kyx-loadsim.sh: python3 is required" >&2; exit 1; }

# Paced mode: the simulated day runs in the test target (no nginx, no wall-clock waits).
if [ "$PACED" = 1 ]; then
  echo "loadsim: building the tests (debug) for the paced day" >&2
  swift build --build-tests >&2
  REPORT=$(mktemp /tmp/kyx-paced.XXXXXX.md)
  T0=$(date +%s)
  STATUS=0
  KYX_PACED_USERS=$USERS KYX_PACED_VISITS=$VISITS KYX_PACED_VARS=$PACED_VARS KYX_PACED_REPORT=$REPORT \
    swift test --skip-build --filter 'KVBudgetTests/thePacedDayStaysWithinTheBriefsBudget' >"$REPORT.log" 2>&1 ||
    STATUS=$?
  if [ ! -s "$REPORT" ]; then tail -40 "$REPORT.log" >&2; rm -f "$REPORT" "$REPORT.log"; exit 1; fi
  cat "$REPORT"
  echo
  echo "- Command: \`$COMMAND\`; $(($(date +%s) - T0)) s wall time (build excluded), load average $(cut -d' ' -f1-3 /proc/loadavg)."
  [ -n "$OUT" ] && cp "$REPORT" "$OUT"
  rm -f "$REPORT" "$REPORT.log"
  exit "$STATUS"
fi

echo "loadsim: building kyx-checkin ($CONFIGURATION)" >&2
swift build -c "$CONFIGURATION" --product kyx-checkin >&2
BIN="$(swift build -c "$CONFIGURATION" --show-bin-path)/kyx-checkin"
W=$(mktemp -d /tmp/kyx-loadsim.XXXXXX); chmod 755 "$W"
ADMIN_PASSWORD="loadsim-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
DEV_PID=""
cleanup() {
  if [ -n "$DEV_PID" ] && kill -0 "$DEV_PID" 2>/dev/null; then
    kill -INT "$DEV_PID" 2>/dev/null || true; wait "$DEV_PID" 2>/dev/null || true
  fi
  if [ "$KEEP" = 1 ]; then echo "loadsim: kept $W" >&2; else rm -rf "$W"; fi
}
trap cleanup EXIT

# One config per setup: the production vars plus dev login, fast PBKDF2 and the six cache switches.
write_config() { # name caching(true|false) [warm at login (true|false)] [X-KYX-KV trace header (true|false)]
  local name=$1 on=$2 warm=${3:-true} trace=${4:-true}
  mkdir -p "$W/$name"
  cat >"$W/$name/wrangler.toml" <<TOML
name = "kyx-checkin"
main = "Sources/KYXCheckin/KYXWorker.swift"
compatibility_date = "2025-11-01"

[vars]
TIMEZONE_OFFSET_MINUTES = "480"
MAX_CONSECUTIVE_BREAK_DAYS = "1"
ADMIN_PBKDF2_ITERATIONS = "1000"
DEV_LOGIN_ENABLED = "true"
CACHE_SESSIONS_ENABLED = "$on"
CACHE_USER_STATS_ENABLED = "$on"
CACHE_CONFIG_ENABLED = "$on"
CACHE_RANKINGS_ENABLED = "$on"
CACHE_INVENTORY_ENABLED = "$on"
CACHE_GENERAL_ENABLED = "$on"
WARM_AT_LOGIN = "$warm"
KV_TRACE_HEADER = "$trace"

[[kv_namespaces]]
binding = "KV"
id = "kyx-kv"

[[d1_databases]]
binding = "DB"
database_name = "kyx-db"
migrations_dir = "$ROOT/migrations"

[triggers]
crons = ["*/5 * * * *", "0 * * * *"]

[outpost]
listen = "unix:$W/$name/state/outpost.sock"
threads = $WORKER_THREADS
max_body_bytes = 10485760
request_timeout_ms = 30000
state_dir = "$W/$name/state"
TOML
}

# Schema, admin and codes (enough for every simulated check-in, written before the worker starts
# so the day's counters see only the simulated traffic).
prepare() { # name codes
  local name=$1 codes=$2 cfg=(--config "$W/$1/wrangler.toml")
  "$BIN" d1 migrations apply DB "${cfg[@]}" >"$W/$name/prepare.log" 2>&1
  KYX_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$BIN" create-admin loadsim "${cfg[@]}" >>"$W/$name/prepare.log" 2>&1
  "$BIN" d1 execute DB "${cfg[@]}" -y --command "INSERT INTO redemption_codes (code, amount_cents, created_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $codes)
    SELECT printf('LOADSIM%07d', i), 1000, '2026-01-01T00:00:00Z' FROM n" >>"$W/$name/prepare.log" 2>&1
}

start() { # name port
  local name=$1 port=$2
  "$BIN" dev --config "$W/$name/wrangler.toml" --port "$port" >"$W/$name/dev.log" 2>&1 &
  DEV_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/login" 2>/dev/null && return 0
    kill -0 "$DEV_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "loadsim: the worker did not come up on :$port" >&2; tail -20 "$W/$name/dev.log" >&2; exit 1
}

stop() {
  kill -INT "$DEV_PID" 2>/dev/null || true
  wait "$DEV_PID" 2>/dev/null || true
  DEV_PID=""
}

# Benchmark mode: one real session, wrk on three authenticated routes beside the static page.
bench() {
  command -v wrk >/dev/null || { echo "kyx-loadsim.sh: wrk is required for --bench" >&2; exit 1; }
  [ "$DURATION_SET" = 1 ] || DURATION=10
  # No X-KYX-KV trace header: nobody reads it here, and production runs without it.
  write_config bench true true false
  prepare bench 100
  start bench "$PORT"
  local cookie
  cookie=$(curl -fsS -o /dev/null -D - -X POST -H "Origin: http://127.0.0.1:$PORT" \
      --data "username=bench-user" "http://127.0.0.1:$PORT/dev/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(session=[0-9a-f]*\);.*/\1/p' | head -1)
  [ -n "$cookie" ] || { echo "loadsim: the bench login got no session cookie" >&2; exit 1; }
  # A warm-up request per route: the session and stats are in KV, as for a returning user.
  for path in /api/user /api/stats /api/checkin/status; do
    curl -fsS -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path" ||
      { echo "loadsim: $path refused the bench session" >&2; exit 1; }
  done
  echo "# KYX flagship benchmark — $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $COMMAND: wrk -t 4 -c $CONNECTIONS -d ${DURATION}s through nginx, $WORKER_THREADS worker threads, release build"
  echo
  echo "| route | req/s | p99 | non-2xx | ratio to /login | target | met |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  local base="" path out rps p99 bad ratio met
  for path in /login /api/user /api/stats /api/checkin/status; do
    out=$(wrk -t 4 -c "$CONNECTIONS" -d "${DURATION}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); bad=${bad:-0}
    if [ -z "$base" ]; then
      base=$rps
      echo "| $path (static) | $rps | $p99 | $bad | 1.00 | – | – |"
    else
      ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a / b}')
      met=$(awk -v r="$ratio" 'BEGIN {print (r >= 0.7) ? "met" : "not met"}')
      echo "| $path | $rps | $p99 | $bad | $ratio | ≥ 0.70 | $met |"
    fi
  done
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: > $(nproc) means the figures are noisy)"
  stop
}
if [ "$BENCH" = 1 ]; then bench; exit 0; fi

SIM=(python3 "$ROOT/scripts/kyx_loadsim.py")
COMMON=(--admin-password "$ADMIN_PASSWORD" --requests-per-user "$RPU" --seed "$SEED")
T0=$(date +%s); LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# The same stock in both setups (the admin routes scan the codes table): every day check-in plus
# plenty for the full-speed phase's fresh users.
CODES=$((USERS + 20000))
write_config on true
prepare on "$CODES"
start on "$PORT"
echo "loadsim: day with caching on ($USERS users × $RPU)" >&2
"${SIM[@]}" day --port "$PORT" "${COMMON[@]}" --users "$USERS" --threads "$THREADS" --label on --out "$W/on.json"
if [ "$DURATION" != 0 ]; then
  echo "loadsim: full speed for ${DURATION} s, caching on, $SPEED_THREADS clients" >&2
  "${SIM[@]}" speed --port "$PORT" "${COMMON[@]}" --duration "$DURATION" --threads "$SPEED_THREADS" \
    --prefix fast --out "$W/speed.json"
fi
stop

if [ "$NOWARM" = 1 ]; then
  write_config nowarm true false
  prepare nowarm "$CODES"
  start nowarm $((PORT + 2))
  echo "loadsim: day with caching on, no warm-up at login ($USERS users × $RPU)" >&2
  "${SIM[@]}" day --port $((PORT + 2)) "${COMMON[@]}" --users "$USERS" --threads "$THREADS" --label nowarm \
    --out "$W/nowarm.json"
  stop
fi

write_config off false
prepare off "$CODES"
start off $((PORT + 1))
echo "loadsim: day with every cache family off ($USERS users × $RPU)" >&2
"${SIM[@]}" day --port $((PORT + 1)) "${COMMON[@]}" --users "$USERS" --threads "$THREADS" --label off --out "$W/off.json"
stop

MACHINE="$(nproc) cores, load average $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), total wall time $(($(date +%s) - T0)) s (build excluded)"
SPEED_ARG=(); [ -f "$W/speed.json" ] && SPEED_ARG=(--speed "$W/speed.json")
[ -f "$W/nowarm.json" ] && SPEED_ARG+=(--nowarm "$W/nowarm.json")
if [ -n "$OUT" ]; then
  "${SIM[@]}" report --on "$W/on.json" --off "$W/off.json" "${SPEED_ARG[@]}" --machine "$MACHINE" --command "$COMMAND" --stock "$CODES" | tee "$OUT"
else
  "${SIM[@]}" report --on "$W/on.json" --off "$W/off.json" "${SPEED_ARG[@]}" --machine "$MACHINE" --command "$COMMAND" --stock "$CODES"
fi
