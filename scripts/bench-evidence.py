#!/usr/bin/env python3
"""The evidence targets (issue 14), on a release binary over loopback:
  1. one 500 MB upload: its rate, and how much the server's RSS rises meanwhile (sampled every
     20 ms from /proc);
  2. 20 uploads of 20 MB at once: every one answered 201, listed, and stored under its own hash.
SQLite with the files in the data folder by default; inside scripts/with-postgres (DATABASE_URL
set; TELAAH_PG_DURABLE=1 for PostgreSQL's default durability) the files go into the database.
Usage: scripts/bench-evidence.py [path to a release telaah binary]
"""
import concurrent.futures
import hashlib
import http.client
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build-release/release/telaah"
PORT = int(os.environ.get("TELAAH_BENCH_PORT", "18140"))
PASSWORD = "rahasia-bench"
MB = 1 << 20


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def session(username):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/api/v1/session", method="POST",
        data=json.dumps({"username": username, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"})
    body = json.loads(opener.open(req).read())
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return opener, cookie, body["csrf_token"]


def body(size, seed):
    """A PDF of `size` bytes made of one random MB repeated, each MB stamped with its number."""
    block = bytearray(os.urandom(MB))
    head = b"%PDF-1.4\n"
    sent = 0
    n = 0
    while sent < size:
        chunk = block[: min(MB, size - sent)]
        stamp = f"{seed}:{n}".encode()
        chunk[: len(stamp)] = stamp
        if sent == 0:
            chunk[: len(head)] = head
        yield bytes(chunk)
        sent += len(chunk)
        n += 1


def digest(size, seed):
    """The SHA-256 the same body has (`body` draws new random bytes, so both are made together)."""
    h = hashlib.sha256()
    parts = []
    for chunk in body(size, seed):
        h.update(chunk)
        parts.append(chunk)
    return h.hexdigest(), parts


def upload(base, cookie, csrf, name, parts, size):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    query = urllib.parse.urlencode({"target": "1.a.1", "name": name})
    conn.putrequest("POST", f"{base}/evidence?{query}")
    conn.putheader("Content-Type", "application/octet-stream")
    conn.putheader("Content-Length", str(size))
    conn.putheader("Cookie", cookie)
    conn.putheader("X-CSRF-Token", csrf)
    conn.endheaders()
    for chunk in parts:
        conn.send(chunk)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def main():
    work = tempfile.mkdtemp(prefix="telaah-bench-bukti-")
    env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=work)
    postgres = "DATABASE_URL" in os.environ
    subprocess.run([BIN, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    # The limits raised for the benchmark: 1 GB a file, 4000 MB a PD.
    sql = "UPDATE governments SET evidence_file_limit_mb = 1024, evidence_unit_limit_mb = 4000"
    if postgres:
        subprocess.run(["psql", os.environ["DATABASE_URL"], "-q", "-c", sql], check=True)
    else:
        subprocess.run(["sqlite3", f"{work}/telaah.sqlite", sql], check=True)
    server = subprocess.Popen([BIN, "serve", "--port", str(PORT), "--log-level", "error"], env=env)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        opener, cookie, csrf = session("operator.setda")
        me = json.loads(opener.open(f"http://127.0.0.1:{PORT}/api/v1/me").read())
        period = json.loads(opener.open(f"http://127.0.0.1:{PORT}/api/v1/periods").read())["periods"][0]["id"]
        base = f"/api/v1/periods/{period}/units/{me['user']['unit_id']}"
        engine = "PostgreSQL (files in the database)" if postgres else "SQLite (files in the data folder)"
        print(f"== {engine}")

        # Warm: one small upload, so the baseline includes what the first request allocates.
        sha, parts = digest(1 * MB, "warm")
        upload(base, cookie, csrf, "panas.pdf", parts, MB)
        time.sleep(0.5)
        size = 500 * MB
        sha, parts = digest(size, "besar")
        baseline = rss_kb(server.pid)
        peak = [baseline]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kb(server.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        start = time.monotonic()
        status, data = upload(base, cookie, csrf, "besar.pdf", parts, size)
        elapsed = time.monotonic() - start
        done.set()
        sampler.join()
        ok = status == 201 and json.loads(data)["sha256"] == sha
        print(f"500 MB upload: {status}, hash {'matches' if ok else 'WRONG'}, {elapsed:.2f} s, "
              f"{size / MB / elapsed:.0f} MB/s; RSS {baseline / 1024:.1f} MB before, peak {peak[0] / 1024:.1f} MB, "
              f"rise {(peak[0] - baseline) / 1024:.1f} MB")
        del parts

        count, each = 20, 20 * MB
        bodies = [digest(each, f"serentak-{i}") for i in range(count)]
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(count) as pool:
            answers = list(pool.map(
                lambda i: upload(base, cookie, csrf, f"serentak-{i}.pdf", bodies[i][1], each), range(count)))
        elapsed = time.monotonic() - start
        created = [json.loads(d) for s, d in answers if s == 201]
        listed = json.loads(opener.open(f"http://127.0.0.1:{PORT}{base}/evidence").read())["items"]
        stored = {i["name"]: i["sha256"] for i in listed}
        intact = all(stored.get(f"serentak-{i}.pdf") == bodies[i][0] for i in range(count))
        print(f"20 × 20 MB at once: {len(created)}/{count} answered 201, {'all' if intact else 'NOT all'} listed "
              f"with their hashes, {elapsed:.2f} s ({count * each / MB / elapsed:.0f} MB/s together)")
        sys.exit(0 if ok and len(created) == count and intact else 1)
    finally:
        server.terminate()
        server.wait()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
