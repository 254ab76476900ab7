#!/usr/bin/env bash
# Counts what one request costs a FastCGI responder: on-CPU time, context switches (thread
# hand-offs) and page faults per request (`perf stat` software events after a warm-up, startup
# excluded), a `perf record` profile, and syscalls per request under `strace -c -f`. Requests are
# sequential (one client, keep-conn off), so the counts do not depend on concurrency; on-CPU time
# still grows on a loaded machine (caches, frequency): compare targets from one run. Compares Outpost's `hello` worker process (one accept
# thread) with the C libfcgi responder (scripts/bench/hello_fcgi.c, one thread) on the same requests.
#
#   scripts/profile.sh                  # hello `/`, `/kv-get`, `/d1-read` and C, 3000 requests each
#   scripts/profile.sh -n 300 -p /      # fewer requests, one path
#   scripts/profile.sh --bin PATH       # another build of hello (e.g. an older commit's)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=3000; PATHS="/ /kv-get?k=greeting /d1-read?id=1"; BIN=""; TOP=12
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=$2; shift 2;;
    -p) PATHS=$2; shift 2;;
    --bin) BIN=$2; shift 2;;
    --top) TOP=$2; shift 2;;
    -h|--help) sed -n '2,9p' "$0"; exit 0;;
    *) echo "profile.sh: unknown option $1" >&2; exit 2;;
  esac
done
[[ -x /opt/swift/usr/bin/swift ]] && export PATH="$PATH:/opt/swift/usr/bin"
if [ -z "$BIN" ]; then
  swift build -c release --product hello >/dev/null
  BIN="$(swift build -c release --show-bin-path)/hello"
fi
W=$(mktemp -d /tmp/outpost-profile.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
cat >"$W/wrangler.toml" <<TOML
name = "profile"
[[kv_namespaces]]
binding = "KV"
id = "profile"
[[d1_databases]]
binding = "DB"
database_name = "profile"
migrations_dir = "$ROOT/Sources/hello/migrations"
[outpost]
state_dir = "$W/state"
threads = 1
TOML
"$BIN" d1 migrations apply DB --config "$W/wrangler.toml" >/dev/null
"$BIN" kv key put greeting hello --binding KV --config "$W/wrangler.toml" >/dev/null
cc -O2 -o "$W/hello_fcgi" scripts/bench/hello_fcgi.c -lfcgi -lpthread
LOAD="python3 $ROOT/scripts/bench/fcgi_load.py"

# Runs "$@" in the background on a fresh listening socket passed as fd 3 (as the supervisor passes it
# to a worker process), stderr to LOG; its PID in STARTED.
on_socket() {
  local log=$1 sock=$2; shift 2
  python3 - "$sock" "$@" >/dev/null 2>"$log" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(128)
for fd in (3, 0) if os.environ.get("LISTEN_ON_STDIN") else (3,):
    if s.fileno() != fd:
        os.dup2(s.fileno(), fd)
    os.set_inheritable(fd, True)
os.execvp(sys.argv[2], sys.argv[2:])
PY
  STARTED=$!
}
wait_for() { for _ in $(seq 600); do $LOAD "$1" 1 "$2" 2>/dev/null && return 0; sleep 0.2; done; return 1; }

# counters NAME PATH CMD...: on-CPU time (task-clock), context switches and page faults per request of
# CMD serving PATH (`perf stat` software events: this machine has no hardware counters, and valgrind
# 3.19 dies in Swift's libdispatch), then where the time goes (`perf record -e cpu-clock -g`).
counters() {
  local name=$1 path=$2; shift 2
  local sock="$W/$name.sock"
  on_socket "$W/$name.log" "$sock" "$@"
  local pid=$STARTED; PIDS+=("$pid")
  wait_for "$sock" "$path" || { echo "profile.sh: $name did not answer:" >&2; cat "$W/$name.log" >&2; exit 1; }
  $LOAD "$sock" 500 "$path"
  perf stat -x, -e task-clock,context-switches,cpu-migrations,page-faults -p "$pid" -o "$W/$name.stat" &
  local stat=$!
  sleep 1
  $LOAD "$sock" "$N" "$path"
  kill -INT "$stat"; wait "$stat" 2>/dev/null || true
  perf record -q -e cpu-clock -F 4999 -g -p "$pid" -o "$W/$name.data" 2>/dev/null &
  local rec=$!
  sleep 1
  $LOAD "$sock" "$N" "$path"
  kill -INT "$rec"; wait "$rec" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "### $name $path (perf stat software events, $N sequential requests after a warm-up)"
  awk -F, -v n="$N" '$3 == "task-clock" { printf "  on-CPU µs/request   %8.1f\n", $1 * 1000 / n }
      $3 != "task-clock" && $3 != "" { printf "  %-19s %8.2f/request\n", $3, $1 / n }' "$W/$name.stat"
  echo "  where the on-CPU time goes (perf record -e cpu-clock), by library:"
  perf report -i "$W/$name.data" --no-children --sort dso --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' | head -8 | awk '{ printf "    %7s  %s\n", $1, $2 }' || true
  echo "  top $TOP user-space functions (self %):"
  perf report -i "$W/$name.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9.]+%' | grep -v '\[k\]' | head -"$TOP" |
    awk '{ printf "    %7s  %-28s %s\n", $1, $2, substr($4, 1, 110) }' || true
  echo
}

# syscalls NAME PATH CMD...: syscalls per request of CMD serving PATH (strace -c -f).
syscalls() {
  local name=$1 path=$2; shift 2
  local sock="$W/$name-st.sock"
  on_socket "$W/$name.log" "$sock" "$@"
  local pid=$STARTED; PIDS+=("$pid")
  wait_for "$sock" "$path"
  $LOAD "$sock" 200 "$path"
  strace -c -f -p "$pid" -o "$W/$name.strace" 2>/dev/null & local tracer=$!
  sleep 2
  $LOAD "$sock" "$N" "$path"
  kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "### $name $path (strace -c -f attached after warm-up, $N requests)"
  awk -v n="$N" 'NR > 2 && $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { name = $NF; calls = ($4 ~ /^[0-9]+$/) ? $4 : 0;
      printf "  %-16s %6.2f/request\n", name, calls / n }' "$W/$name.strace" | sort -k2 -n -r | head -12
  echo
}

for path in $PATHS; do
  name=${path%%\?*}; name=${name//\//}
  counters "hello-${name:-root}" "$path" "$BIN" _worker --config "$W/wrangler.toml" --listen-fd 3
done
LISTEN_ON_STDIN=1 counters c / "$W/hello_fcgi" -t 1
for path in $PATHS; do
  name=${path%%\?*}; name=${name//\//}
  syscalls "hello-${name:-root}" "$path" "$BIN" _worker --config "$W/wrangler.toml" --listen-fd 3
done
LISTEN_ON_STDIN=1 syscalls c / "$W/hello_fcgi" -t 1
