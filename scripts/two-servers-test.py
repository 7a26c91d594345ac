#!/usr/bin/env python3
"""Two `telaah serve` processes on one PostgreSQL.

Run inside scripts/with-postgres (which sets DATABASE_URL). Migrates and seeds the demo, starts
two servers on two loopback ports, and checks that:
  1. a user signed in through one server is served by the other (sessions live in the database);
  2. concurrent writes through both servers (distinct criteria, and the same criterion raced
     from both sides) succeed or get 409, never overwrite silently, and leave a valid audit chain
     (`telaah audit verify`).
Prints "N passed, N failed" and exits non-zero on any failure.
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import http.cookiejar

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PASSWORD = "rahasia-dua-server"
PORTS = [18081, 18082]
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


class Client:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = None

    def call(self, method, port, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
        req.add_header("Content-Type", "application/json")
        req.add_header("Accept", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


def wait(port):
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return True
        except Exception:
            time.sleep(0.1)
    return False


def main():
    # One data folder for all: the servers share its audit key (and write their heads to its log).
    env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=tempfile.mkdtemp(prefix="telaah-dua-"))
    subprocess.run([BIN, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    servers = [
        subprocess.Popen([BIN, "serve", "--port", str(p), "--log-level", "warning"], env=env)
        for p in PORTS
    ]
    try:
        check("both servers start", all(wait(p) for p in PORTS))
        a = Client()
        status, body = a.call("POST", PORTS[0], "/api/v1/session", {"username": "ketua.tim", "password": PASSWORD})
        check("sign in through server 1", status == 200, status)
        a.csrf = body["csrf_token"]
        status, me = a.call("GET", PORTS[1], "/api/v1/me")
        check("the same session is served by server 2", status == 200 and me["user"]["username"] == "ketua.tim", (status, me))

        status, periods = a.call("GET", PORTS[1], "/api/v1/periods")
        period = periods["periods"][0]["id"]
        _, overview = a.call("GET", PORTS[0], f"/api/v1/periods/{period}")
        units = [
            u["id"] for u in overview["units"]
            if u["criteria_answered"] == 0 and "write_evaluation" in u["permissions"]
        ][:6]
        check("found unanswered PD for the write test", len(units) == 6, len(units))

        # Distinct criteria through alternating servers, 8 workers: every write must succeed.
        jobs = [(units[i % 6], f"1.a.{1 + i // 6}", PORTS[i % 2]) for i in range(42)]

        def write(job):
            unit, criterion, port = job
            return a.call("PUT", port, f"/api/v1/periods/{period}/units/{unit}/answers/{criterion}", {"code": "Y", "version": 0})[0]

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(write, jobs))
        check("42 concurrent writes through both servers all saved", statuses.count(200) == 42, statuses)

        # The same criterion raced from both servers at version 0: exactly one wins, the rest 409.
        race_unit = units[0]

        def race(port):
            return a.call("PUT", port, f"/api/v1/periods/{period}/units/{race_unit}/answers/2.a.1", {"code": "Y", "version": 0})[0]

        with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
            raced = list(pool.map(race, [PORTS[i % 2] for i in range(10)]))
        check("a raced write: one 200, the others 409", raced.count(200) == 1 and raced.count(409) == 9, raced)

        # Updates of one criterion, each based on the version it read, from both servers.
        version = 1
        lost = 0
        for i in range(10):
            status, body = a.call(
                "PUT", PORTS[i % 2], f"/api/v1/periods/{period}/units/{race_unit}/answers/2.a.1",
                {"code": "T" if i % 2 else "Y", "version": version})
            if status == 200:
                version = body["answer"]["version"]
            else:
                lost += 1
        check("sequential updates alternating servers keep the version chain", lost == 0 and version == 11, (lost, version))

        verify = subprocess.run([BIN, "audit", "verify"], env=env, capture_output=True, text=True)
        check("the audit chain is valid after concurrent writes", verify.returncode == 0, verify.stdout + verify.stderr)
        print(verify.stdout.strip())
    finally:
        for s in servers:
            s.terminate()
        for s in servers:
            try:
                s.wait(timeout=20)
            except subprocess.TimeoutExpired:
                s.kill()
        check("both servers stop gracefully on SIGTERM", all(s.returncode == 0 for s in servers), [s.returncode for s in servers])
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 0 if results["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
