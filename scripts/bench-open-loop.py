#!/usr/bin/env python3
"""Saves answers at a fixed rate (an open loop) and reports the rate reached and the latency.

wrk keeps every connection busy (a closed loop: each save waits for the one before it), so its
latency depends on how many connections it runs. A target such as "1,000 saves a second with
p99 <= 20 ms" is read here instead: a save is due every 1/rate seconds whether or not the earlier
ones have been answered, and each save's latency counts from when it was due (a save that waits
for a free connection waits on the clock). Python's own delays count against the server, so the
figures are, if anything, too high.

Used by scripts/bench-server.sh; the arguments come from there:
  bench-open-loop.py HOST PORT COOKIE CSRF PERIOD UNITS CRITERIA RATE SECONDS [trivial]
UNITS and CRITERIA are comma-separated ids. Each PD's Y/T criteria are answered in turn,
alternating Y and T, each save based on the version the last one returned. With `trivial`, the
same client at the same rate asks for /healthz instead: the client's and the loopback's share
of the latency, measured in the same run.
"""
import asyncio
import collections
import json
import sys
import time


async def main():
    host, port, cookie, csrf, period, units, criteria, rate, seconds = sys.argv[1:10]
    trivial = sys.argv[10:11] == ["trivial"]
    port, rate, seconds = int(port), float(rate), float(seconds)
    units, criteria = units.split(","), criteria.split(",")
    ready = collections.deque(
        {"unit": u, "criterion": c, "version": 0, "flip": False} for u in units for c in criteria)
    due = asyncio.Queue()
    latencies, failures, done = [], collections.Counter(), []
    start = time.perf_counter() + 0.5
    warmup = 1.0  # seconds whose saves are not counted

    async def connection():
        reader, writer = await asyncio.open_connection(host, port)
        while True:
            at = await due.get()
            if at is None:
                writer.close()
                return
            item = ready.popleft()
            item["flip"] = not item["flip"]
            body = json.dumps({"code": "Y" if item["flip"] else "T", "version": item["version"]}).encode()
            path = f"/api/v1/periods/{period}/units/{item['unit']}/answers/{item['criterion']}"
            if trivial:
                writer.write(f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            else:
                writer.write(
                    f"PUT {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            answer = await reader.readexactly(length)
            now = time.perf_counter()
            if status != 200:
                failures[status] += 1
            elif not trivial:
                item["version"] = json.loads(answer)["answer"]["version"]
            ready.append(item)
            if at - start >= warmup:
                latencies.append(now - at)
            done.append(now)

    # Enough connections that a due save finds one free unless the server falls behind.
    workers = [asyncio.create_task(connection()) for _ in range(min(64, len(ready)))]
    count = int(rate * seconds)
    for i in range(count):
        at = start + i / rate
        delay = at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        due.put_nowait(at)
    for _ in workers:
        due.put_nowait(None)
    await asyncio.gather(*workers)
    counted = sorted(latencies)
    span = done[-1] - (start + warmup)
    pct = lambda p: counted[min(len(counted) - 1, int(p / 100 * len(counted)))] * 1000
    what = "request" if trivial else "save"
    print(f"offered {rate:.0f}/s for {seconds:.0f} s: answered {len(counted) / span:.0f}/s after the first"
          f" {warmup:.0f} s; latency from when each {what} was due: p50 {pct(50):.2f} ms, p90 {pct(90):.2f} ms,"
          f" p99 {pct(99):.2f} ms, max {counted[-1] * 1000:.2f} ms; not 200: {dict(failures) or 'none'}")


asyncio.run(main())
