#!/usr/bin/env python3
"""Load simulation of the KYX check-in worker (issue 7), standard library only.

Two subcommands, both against a running `kyx-checkin dev` (nginx on a loopback port):

  day    One simulated day: --users users, each logging in through /dev/login (one session cookie)
         then --requests-per-user requests in the order the home page makes them (a deterministic,
         seeded mix), plus a small admin share. Keep-alive http.client connections, a thread pool.
         Writes a JSON result (client latencies per route + /api/admin/metrics after the run).
  speed  The same mix at full speed for --duration seconds with --procs processes × --threads
         threads (fresh users as they are needed); writes req/s and p50/p99.
  report Prints the markdown report from the JSON results of `day` (on, off) and `speed`.

scripts/kyx-loadsim.sh drives all of it; run that, not this file.
"""

import argparse
import http.client
import json
import multiprocessing
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

# The brief's expected reductions (checkin-app.md §6) and daily KV volume for 1000 users × 20.
TARGETS = {"sessions": 80.0, "user_stats": 70.0, "config": 95.0}
KV_READS_TARGET, KV_WRITES_TARGET = 20_000, 2_000
FAMILIES = ["sessions", "user_stats", "config", "rankings", "inventory", "general"]


class Client:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, host, port, timeout=60):
        self.host, self.port, self.timeout = host, port, timeout
        self.origin = f"http://{host}:{port}"
        self.conn = None
        self.cookies = {}
        self.headers = None  # the last response's headers

    def _connect(self):
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, content_type=None):
        """Answers (status, body bytes, elapsed seconds); reconnects once on a dropped keep-alive."""
        headers = {"Accept": "application/json, text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET":
            # What a browser sends on a same-origin POST; the worker's CSRF check reads both.
            headers["Origin"] = self.origin
            headers["Sec-Fetch-Site"] = "same-origin"
        if body is not None:
            headers["Content-Type"] = content_type
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
                continue
            elapsed = time.perf_counter() - started
            self.headers = response.headers
            for value in response.headers.get_all("Set-Cookie") or []:
                match = re.match(r"\s*([^=;]+)=([^;]*)", value)
                if match:
                    name, val = match.group(1), match.group(2)
                    if val:
                        self.cookies[name] = val
                    else:
                        self.cookies.pop(name, None)
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, data, elapsed
        raise RuntimeError("unreachable")


class Stats:
    """Latencies and outcomes per route, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.errors = {}
        self.checkins = {}
        self.first = {}  # route -> {cache source -> users}: each user's first read after login
        self.kv = {}  # route -> [requests, KV reads, writes, deletes] from X-KYX-KV

    def add(self, route, status, elapsed, headers=None):
        trace = headers.get("X-KYX-KV") if headers is not None else None
        with self.lock:
            if trace:
                counts = dict(part.split("=") for part in trace.split())
                row = self.kv.setdefault(route, [0, 0, 0, 0])
                row[0] += 1
                row[1] += int(counts.get("reads", 0))
                row[2] += int(counts.get("writes", 0))
                row[3] += int(counts.get("deletes", 0))
            self.latency.setdefault(route, []).append(elapsed * 1000.0)
            if status >= 400:
                self.errors[route] = self.errors.get(route, 0) + 1

    def first_read(self, route, source):
        with self.lock:
            counts = self.first.setdefault(route, {})
            counts[source] = counts.get(source, 0) + 1

    def outcome(self, name):
        with self.lock:
            self.checkins[name] = self.checkins.get(name, 0) + 1

    def merge(self, other):
        for route, values in other["latency"].items():
            self.latency.setdefault(route, []).extend(values)
        for route, n in other["errors"].items():
            self.errors[route] = self.errors.get(route, 0) + n
        for name, n in other["checkins"].items():
            self.checkins[name] = self.checkins.get(name, 0) + n
        for route, row in other.get("kv", {}).items():
            mine = self.kv.setdefault(route, [0, 0, 0, 0])
            for k in range(4):
                mine[k] += row[k]
        for route, counts in other.get("first", {}).items():
            for source, n in counts.items():
                self.first.setdefault(route, {})[source] = self.first.get(route, {}).get(source, 0) + n

    def as_dict(self):
        return {"latency": self.latency, "errors": self.errors, "checkins": self.checkins, "first": self.first,
                "kv": self.kv}


PAGE_LOAD = [
    ("GET", "/", "GET /"),
    ("GET", "/api/user", "GET /api/user"),
    ("GET", "/api/checkin/status", "GET /api/checkin/status"),
    ("GET", "/api/stats", "GET /api/stats"),
    ("GET", "/api/codes/recent?limit=5&page=1", "GET /api/codes/recent"),
    ("GET", "/api/ranking?type=today", "GET /api/ranking?type=today"),
]
CHECKIN = [
    ("POST", "/api/checkin", "POST /api/checkin"),
    ("GET", "/api/stats", "GET /api/stats"),  # the page reloads stats and codes after a check-in
    ("GET", "/api/codes/recent?limit=5&page=1", "GET /api/codes/recent"),
]
# The reads the login warm-up prepares; their first read per user is reported by cache level.
FIRST_READ_ROUTES = ("GET /api/stats", "GET /api/ranking?type=today")
STREAK_TAB = ("GET", "/api/ranking?type=streak", "GET /api/ranking?type=streak")
TODAY_TAB = ("GET", "/api/ranking?type=today", "GET /api/ranking?type=today")
ADMIN_VISIT = [
    ("GET", "/admin", "GET /admin"),
    ("GET", "/api/admin/stats", "GET /api/admin/stats"),
    ("GET", "/api/admin/charts", "GET /api/admin/charts"),
    ("GET", "/api/admin/codes?page=1&limit=20", "GET /api/admin/codes"),
    ("GET", "/api/admin/inventory", "GET /api/admin/inventory"),
    ("GET", "/api/admin/metrics", "GET /api/admin/metrics"),
]


def user_plan(seed, index, count):
    """The requests of user `index` after login: a first visit (page load, check-in, a ranking tab),
    then page reloads with the odd ranking-tab click or stats refresh, `count` requests in all."""
    rng = random.Random(f"{seed}:{index}")
    plan = list(PAGE_LOAD) + list(CHECKIN)
    if rng.random() < 0.6:
        plan.append(STREAK_TAB)
    while len(plan) < count:
        roll = rng.random()
        if roll < 0.55:
            plan.extend(PAGE_LOAD)  # a later visit or reload
        elif roll < 0.75:
            plan.append(STREAK_TAB)
        elif roll < 0.85:
            plan.append(TODAY_TAB)
        elif roll < 0.95:
            plan.append(("GET", "/api/stats", "GET /api/stats"))
        else:
            plan.append(("GET", "/api/checkin/status", "GET /api/checkin/status"))
    # Never cut the check-in off: it sits at position 6.
    return plan[: max(count, len(PAGE_LOAD) + 1)]


def run_user(host, port, name, plan, stats, deadline=None):
    client = Client(host, port)
    try:
        body = urllib.parse.urlencode({"username": name}).encode()
        status, _, elapsed = client.request("POST", "/dev/login", body, "application/x-www-form-urlencoded")
        stats.add("POST /dev/login", status, elapsed, client.headers)
        if "session" not in client.cookies:
            raise RuntimeError(f"dev login of {name} gave no session (HTTP {status})")
        done = 1
        seen = set()
        for method, path, route in plan:
            if deadline is not None and time.time() >= deadline:
                break
            status, data, elapsed = client.request(method, path)
            stats.add(route, status, elapsed, client.headers)
            done += 1
            if route in FIRST_READ_ROUTES and route not in seen:
                seen.add(route)
                stats.first_read(route, client.headers.get("X-KYX-Cache", "none"))
            if route == "POST /api/checkin":
                try:
                    answer = json.loads(data)
                    stats.outcome(answer.get("status") or ("error " + str(answer.get("error"))))
                except ValueError:
                    stats.outcome(f"HTTP {status}")
        return done
    finally:
        client.close()


def admin_login(host, port, username, password):
    client = Client(host, port)
    body = json.dumps({"username": username, "password": password}).encode()
    status, data, _ = client.request("POST", "/api/admin/login", body, "application/json")
    if "admin_session" not in client.cookies:
        raise SystemExit(f"admin login failed (HTTP {status}): {data[:200]!r}")
    client.close()
    return client.cookies["admin_session"]


def run_admin(host, port, cookie, stats):
    client = Client(host, port)
    client.cookies["admin_session"] = cookie
    try:
        for method, path, route in ADMIN_VISIT:
            status, _, elapsed = client.request(method, path)
            stats.add(route, status, elapsed, client.headers)
        return len(ADMIN_VISIT)
    finally:
        client.close()


def fetch_metrics(host, port, cookie):
    client = Client(host, port)
    client.cookies["admin_session"] = cookie
    status, data, _ = client.request("GET", "/api/admin/metrics")
    client.close()
    if status != 200:
        raise SystemExit(f"/api/admin/metrics answered HTTP {status}: {data[:200]!r}")
    return json.loads(data)["metrics"]


def cmd_day(args):
    cookie = admin_login(args.host, args.port, args.admin_user, args.admin_password)
    stats = Stats()
    jobs = []
    for i in range(args.users):
        jobs.append(("user", i))
        if args.admin_every and (i + 1) % args.admin_every == 0:
            jobs.append(("admin", i))
    started = time.perf_counter()
    total = 1  # the admin login
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        futures = []
        for kind, i in jobs:
            if kind == "user":
                plan = user_plan(args.seed, i, args.requests_per_user)
                futures.append(pool.submit(run_user, args.host, args.port, f"{args.prefix}{i}", plan, stats))
            else:
                futures.append(pool.submit(run_admin, args.host, args.port, cookie, stats))
        for future in futures:
            total += future.result()
    elapsed = time.perf_counter() - started
    metrics = fetch_metrics(args.host, args.port, cookie)
    result = {
        "label": args.label, "users": args.users, "requestsPerUser": args.requests_per_user,
        "threads": args.threads, "adminEvery": args.admin_every, "seed": args.seed,
        "requests": total, "seconds": elapsed, "client": stats.as_dict(), "metrics": metrics,
    }
    json.dump(result, open(args.out, "w"))
    print(f"{args.label}: {total} requests in {elapsed:.1f} s ({total / elapsed:.0f} req/s)", file=sys.stderr)


def speed_worker(spec):
    """One process of the full-speed phase: `threads` threads running users until the deadline."""
    host, port, seed, rpu, threads, deadline, prefix, proc, admin_cookie, admin_every = spec
    stats = Stats()
    cpu_started = time.process_time()
    counter = {"n": 0, "requests": 0}
    lock = threading.Lock()

    def loop():
        while time.time() < deadline:
            with lock:
                n = counter["n"]
                counter["n"] += 1
            if admin_every and n % admin_every == admin_every - 1:
                done = run_admin(host, port, admin_cookie, stats)
            else:
                done = run_user(host, port, f"{prefix}{proc}-{n}", user_plan(seed, n, rpu), stats, deadline)
            with lock:
                counter["requests"] += done

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    result = stats.as_dict()
    result["requests"] = counter["requests"]
    result["cpu"] = time.process_time() - cpu_started
    return result


def cmd_speed(args):
    cookie = admin_login(args.host, args.port, args.admin_user, args.admin_password)
    before = fetch_metrics(args.host, args.port, cookie)
    started = time.time()
    deadline = started + args.duration
    per = max(1, args.threads // args.procs)
    specs = [(args.host, args.port, args.seed, args.requests_per_user, per, deadline, args.prefix, p, cookie,
              args.admin_every) for p in range(args.procs)]
    with multiprocessing.Pool(args.procs) as pool:
        parts = pool.map(speed_worker, specs)
    elapsed = time.time() - started
    stats = Stats()
    for part in parts:
        stats.merge(part)
    after = fetch_metrics(args.host, args.port, cookie)
    in_window = sum(len(v) for v in stats.latency.values())
    result = {"duration": args.duration, "seconds": elapsed, "connections": per * args.procs,
              "clientCPU": sum(part["cpu"] for part in parts),
              "procs": args.procs, "requests": in_window, "adminEvery": args.admin_every, "client": stats.as_dict(),
              "metricsBefore": before, "metricsAfter": after}
    json.dump(result, open(args.out, "w"))
    print(f"speed: {in_window} requests in {elapsed:.1f} s", file=sys.stderr)


# ---------------------------------------------------------------------------------------------- report

def pct(values, q):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def fmt_int(n):
    return f"{int(n):,}"


def route_order(route):
    order = ["POST /dev/login", "GET /", "GET /api/user", "GET /api/checkin/status", "GET /api/stats",
             "POST /api/checkin", "GET /api/codes/recent", "GET /api/ranking?type=today",
             "GET /api/ranking?type=streak"]
    return (order.index(route) if route in order else len(order), route)


def cmd_report(args):
    on = json.load(open(args.on))
    off = json.load(open(args.off))
    speed = json.load(open(args.speed)) if args.speed else None
    out = []
    p = out.append
    p(f"# KYX check-in load simulation — {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
    p("")
    p(f"- Day: {fmt_int(on['users'])} users × {on['requestsPerUser']} requests after a dev login each (POST /dev/login, "
      f"then the home page's order: page load, check-in, ranking tabs, reloads), "
      f"plus an admin visit ({len(ADMIN_VISIT)} requests) every {on['adminEvery']} users; "
      f"{on['threads']} client threads, keep-alive, seed `{on['seed']}`; through nginx"
      + (f"; {fmt_int(args.stock)} $10 codes stocked in each setup." if args.stock else "."))
    p(f"- Requests: caching on {fmt_int(on['requests'])} in {on['seconds']:.1f} s "
      f"({on['requests'] / on['seconds']:.0f} req/s); caching off {fmt_int(off['requests'])} in "
      f"{off['seconds']:.1f} s ({off['requests'] / off['seconds']:.0f} req/s).")
    if args.command:
        p(f"- Command: `{args.command}`")
    p(f"- Machine: {args.machine}")
    p("")
    p("## Cache families (server counters, `/api/admin/metrics` after the day)")
    p("")
    p("| family | hit rate (on) | hits / misses / errors (on) | D1 queries on | D1 queries off "
      "| reduction | brief's target |")
    p("|---|---:|---:|---:|---:|---:|---|")
    con, coff = on["metrics"]["cache"], off["metrics"]["cache"]
    for fam in FAMILIES:
        a, b = con.get(fam, {}), coff.get(fam, {})
        q_on, q_off = a.get("d1Executed", 0), b.get("d1Executed", 0)
        red = f"−{100 * (1 - q_on / q_off):.1f} %" if q_off else "–"
        target = TARGETS.get(fam)
        if target is None:
            verdict = "–"
        elif q_off and 100 * (1 - q_on / q_off) >= target:
            verdict = f"−{target:.0f} % ✅"
        else:
            verdict = f"−{target:.0f} % ❌"
        p(f"| {fam} | {100 * a.get('hitRate', 0):.1f} % | {fmt_int(a.get('hits', 0))} / "
          f"{fmt_int(a.get('misses', 0))} / {fmt_int(a.get('errors', 0))} | {fmt_int(q_on)} | {fmt_int(q_off)} "
          f"| {red} | {verdict} |")
    d_on, d_off = on["metrics"]["d1"], off["metrics"]["d1"]
    tot_red = 100 * (1 - d_on["executed"] / d_off["executed"]) if d_off["executed"] else 0
    p(f"| **all cached families** | | | **{fmt_int(d_on['executed'])}** | **{fmt_int(d_off['executed'])}** "
      f"| **−{tot_red:.1f} %** | |")
    p("")
    p("D1 queries counted are the cache-managed reads (session lookup, user stats, reward config, "
      "rankings, inventory, dashboard stats); writes (check-in batch, session insert) are the same either way.")
    p("")
    p("## KV operations for the day (caching on)")
    p("")
    kv = on["metrics"].get("kv", {})
    kv_off = off["metrics"].get("kv", {})
    scale = 1000 * 20 / (on["users"] * on["requestsPerUser"])
    def met(value, target):
        return "met" if value * scale <= target else "not met"
    p("| | measured | per 1000 users × 20 | brief | within the brief |")
    p("|---|---:|---:|---:|---|")
    p(f"| KV reads (get) | {fmt_int(kv.get('reads', 0))} | {fmt_int(kv.get('reads', 0) * scale)} "
      f"| ≤ {fmt_int(KV_READS_TARGET)} | {met(kv.get('reads', 0), KV_READS_TARGET)} |")
    p(f"| KV writes (put) | {fmt_int(kv.get('writes', 0))} | {fmt_int(kv.get('writes', 0) * scale)} "
      f"| ≤ {fmt_int(KV_WRITES_TARGET)} | {met(kv.get('writes', 0), KV_WRITES_TARGET)} |")
    p(f"| KV deletes (invalidation) | {fmt_int(kv.get('deletes', 0))} | "
      f"{fmt_int(kv.get('deletes', 0) * scale)} | – | – |")
    billed = kv.get('writes', 0) + kv.get('deletes', 0)
    p(f"| **writes + deletes** (a delete is billed as a write) | {fmt_int(billed)} | {fmt_int(billed * scale)} "
      f"| ≤ {fmt_int(KV_WRITES_TARGET)} | {met(billed, KV_WRITES_TARGET)} |")
    p("")
    p("This day is compressed into a minute or two, so the memory level absorbs most reads: a lower bound. "
      "`scripts/kyx-loadsim.sh --paced` runs the same day at a realistic pace on a simulated clock.")
    routes_kv = on["client"].get("kv", {})
    if routes_kv:
        p("")
        p("Per route (caching on, `X-KYX-KV` of each response):")
        p("")
        p("| route | requests | KV reads | per request | KV writes | KV deletes |")
        p("|---|---:|---:|---:|---:|---:|")
        sums = [0, 0, 0, 0]
        for route in sorted(routes_kv, key=route_order):
            n, r, w, d = routes_kv[route]
            sums = [a + b for a, b in zip(sums, (n, r, w, d))]
            p(f"| `{route}` | {fmt_int(n)} | {fmt_int(r)} | {r / n:.2f} | {fmt_int(w)} | {fmt_int(d)} |")
        p(f"| after the responses (login warm-up, crons) and the admin login | | "
          f"{fmt_int(kv.get('reads', 0) - sums[1])} | | {fmt_int(kv.get('writes', 0) - sums[2])} | "
          f"{fmt_int(kv.get('deletes', 0) - sums[3])} |")
    memory = sum(con.get(f, {}).get("hits", 0) + con.get(f, {}).get("misses", 0) + con.get(f, {}).get("errors", 0)
                 - con.get(f, {}).get("kvReads", 0) for f in FAMILIES)
    p("")
    p(f"Lookups answered by the process's memory level (no KV read): {fmt_int(memory)}.")
    p("")
    p("Per family (reads / writes / deletes): " + ", ".join(
        f"{fam} {fmt_int(con.get(fam, {}).get('kvReads', 0))} / {fmt_int(con.get(fam, {}).get('kvWrites', 0))}"
        f" / {fmt_int(con.get(fam, {}).get('kvDeletes', 0))}" for fam in FAMILIES) + ".")
    p(f"Caching off: {fmt_int(kv_off.get('reads', 0))} reads, {fmt_int(kv_off.get('writes', 0))} writes, "
      f"{fmt_int(kv_off.get('deletes', 0))} deletes (invalidations still run with a family switched off).")
    p("")
    p("## First reads after login (stage 3: warm at login)")
    p("")
    p("Each user's first `GET /api/stats` and `GET /api/ranking?type=today` after the dev login, by the "
      "level that answered (`X-KYX-Cache`: memory, kv, d1 = a miss).")
    p("")
    nowarm = json.load(open(args.nowarm)) if args.nowarm else None
    p("| route | warm at login: hit rate (memory / kv / d1) | no warm-up: hit rate (memory / kv / d1) |")
    p("|---|---:|---:|")

    def first_cell(result, route):
        if result is None:
            return "–"
        counts = result["client"].get("first", {}).get(route, {})
        total = sum(counts.values())
        hits = counts.get("memory", 0) + counts.get("kv", 0)
        rate = f"{100 * hits / total:.1f} %" if total else "–"
        return (f"{rate} ({fmt_int(counts.get('memory', 0))} / {fmt_int(counts.get('kv', 0))} / "
                f"{fmt_int(counts.get('d1', 0))})")
    for route in FIRST_READ_ROUTES:
        p(f"| `{route}` | {first_cell(on, route)} | {first_cell(nowarm, route)} |")
    if nowarm:
        nkv = nowarm["metrics"].get("kv", {})
        ncache = nowarm["metrics"]["cache"]
        p("")
        p(f"Without the warm-up the same day made {fmt_int(nkv.get('reads', 0))} KV reads and "
          f"{fmt_int(nkv.get('writes', 0))} writes; user-stats D1 queries {fmt_int(ncache['user_stats']['d1Executed'])} "
          f"(with it {fmt_int(con['user_stats']['d1Executed'])}).")
    p("")
    p("## Latency per route (client side, through nginx)")
    p("")
    p("| route | requests | on p50 ms | on p99 ms | off p50 ms | off p99 ms | errors on/off |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    lon, loff = on["client"]["latency"], off["client"]["latency"]
    all_on, all_off = [], []
    for route in sorted(set(lon) | set(loff), key=route_order):
        a, b = lon.get(route, []), loff.get(route, [])
        all_on += a
        all_off += b
        p(f"| `{route}` | {fmt_int(len(a))} | {pct(a, .5):.2f} | {pct(a, .99):.2f} | {pct(b, .5):.2f} | "
          f"{pct(b, .99):.2f} | {on['client']['errors'].get(route, 0)}/{off['client']['errors'].get(route, 0)} |")
    p(f"| **all** | {fmt_int(len(all_on))} | {pct(all_on, .5):.2f} | {pct(all_on, .99):.2f} | "
      f"{pct(all_off, .5):.2f} | {pct(all_off, .99):.2f} | {sum(on['client']['errors'].values())}/"
      f"{sum(off['client']['errors'].values())} |")
    p("")
    p("Check-in outcomes — on: " + ", ".join(f"{k} {v}" for k, v in sorted(on["client"]["checkins"].items()))
      + "; off: " + ", ".join(f"{k} {v}" for k, v in sorted(off["client"]["checkins"].items())) + ".")
    b = on["metrics"].get("business", {})
    if b:
        p(f"Business figures (on): daily active users {fmt_int(b.get('dailyActiveUsers', 0))}, "
          f"completion rate {100 * b.get('checkinCompletionRate', 0):.1f} %.")
    p("")
    p(f"Total time: day on {on['seconds']:.1f} s + day off {off['seconds']:.1f} s"
      + (f" + full speed {speed['seconds']:.1f} s" if speed else "") + ".")
    if speed:
        p("")
        p(f"## Full speed: the same mix for {speed['duration']} s, caching on")
        p("")
        lat = speed["client"]["latency"]
        every = [v for vs in lat.values() for v in vs]
        errors = sum(speed["client"]["errors"].values())
        p(f"- {speed['connections']} concurrent clients ({speed['procs']} Python processes, "
          f"{speed.get('clientCPU', 0):.0f} CPU-s of the {speed['seconds']:.0f} s × 2 cores went to the client), "
          f"fresh users as needed (dev login, check-in each), admin visit every {speed.get('adminEvery', 50)} users.")
        p(f"- **{len(every) / speed['seconds']:.0f} requests/s**, p50 {pct(every, .5):.2f} ms, "
          f"**p99 {pct(every, .99):.2f} ms**, {fmt_int(len(every))} requests, {errors} errors (HTTP ≥ 400).")
        p("- Check-in outcomes: " + ", ".join(
            f"{k} {v}" for k, v in sorted(speed["client"]["checkins"].items())) + ".")
        mb, ma = speed["metricsBefore"]["cache"], speed["metricsAfter"]["cache"]
        rates = []
        for fam in FAMILIES:
            h = ma[fam]["hits"] - mb[fam]["hits"]
            m = ma[fam]["misses"] - mb[fam]["misses"]
            rates.append(f"{fam} {100 * h / (h + m):.1f} %" if h + m else f"{fam} –")
        p("- Hit rates during the phase: " + ", ".join(rates) + ".")
        p("")
        p("| route | requests | p50 ms | p99 ms |")
        p("|---|---:|---:|---:|")
        for route in sorted(lat, key=route_order):
            p(f"| `{route}` | {fmt_int(len(lat[route]))} | {pct(lat[route], .5):.2f} | {pct(lat[route], .99):.2f} |")
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)

    def common(sp):
        sp.add_argument("--host", default="127.0.0.1")
        sp.add_argument("--port", type=int, required=True)
        sp.add_argument("--admin-user", default="loadsim")
        sp.add_argument("--admin-password", required=True)
        sp.add_argument("--requests-per-user", type=int, default=20)
        sp.add_argument("--admin-every", type=int, default=50, help="one admin visit per N users (0: none)")
        sp.add_argument("--seed", default="kyx-issue-7")
        sp.add_argument("--prefix", default="sim")
        sp.add_argument("--out", required=True)

    day = sub.add_parser("day")
    common(day)
    day.add_argument("--users", type=int, default=1000)
    day.add_argument("--threads", type=int, default=16)
    day.add_argument("--label", default="on")
    day.set_defaults(func=cmd_day)

    speed = sub.add_parser("speed")
    common(speed)
    speed.add_argument("--duration", type=float, default=60)
    speed.add_argument("--threads", type=int, default=64, help="concurrent clients in all")
    speed.add_argument("--procs", type=int, default=2)
    speed.set_defaults(func=cmd_speed)

    report = sub.add_parser("report")
    report.add_argument("--on", required=True)
    report.add_argument("--off", required=True)
    report.add_argument("--speed")
    report.add_argument("--nowarm", help="the day's result with WARM_AT_LOGIN=false")
    report.add_argument("--machine", default="")
    report.add_argument("--command", default="")
    report.add_argument("--stock", type=int, default=0, help="codes stocked in each setup")
    report.set_defaults(func=cmd_report)

    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
