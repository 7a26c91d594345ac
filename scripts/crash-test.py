#!/usr/bin/env python3
"""Crashes and stops under load, on SQLite (evidence in a folder) or, inside scripts/with-postgres
(DATABASE_URL set), on PostgreSQL (evidence in the database).

1. kill -9 under load, several times: pages read and answers saved from many connections, and
   evidence uploads cut off in the middle. After each kill the server starts again and every
   acknowledged save is there; `telaah evidence gc --dry-run` names what the kills left (temporary
   uploads, files with no record), `telaah evidence gc --idle-minutes 0 --grace-hours 0` reclaims
   it, after which nothing is left and `telaah audit verify` is clean.
2. SIGTERM under load: the server stops within its shutdown time without a crash (exit 0, no
   fatal error), nothing listens on its port afterwards, and a new server on the same port answers
   within seconds.
Prints the counts after each cycle and "N passed, N failed"; exits non-zero on any failure.
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PASSWORD = "rahasia-uji-mogok"
PORT = int(os.environ.get("TELAAH_CRASH_PORT", "18091"))
CYCLES = int(os.environ.get("TELAAH_CRASH_CYCLES", "3"))
ENGINE = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + f"[{ENGINE}] {name}" + ("" if ok else f": {detail}"), flush=True)


SIGNED_IN = {}


class Session:
    """One keep-alive connection with an account's session (one sign-in per account and server:
    the sign-in limit counts per address)."""

    def __init__(self, username):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookie, self.csrf = SIGNED_IN.get(username, (None, None))
        if self.cookie:
            return
        status, body = self.call("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"sign-in of {username}: {status}")
        self.csrf = body["csrf_token"]
        SIGNED_IN[username] = (self.cookie, self.csrf)

    def call(self, method, path, body=None, raw=None, content_type="application/json"):
        headers = {"Accept": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None:
            headers["Content-Type"] = content_type
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("telaah_sesi="):
                self.cookie = value.split(";")[0]
        if response.headers.get("Connection", "").lower() == "close":
            self.conn.close()
        try:
            return response.status, json.loads(payload or b"null")
        except ValueError:
            return response.status, None


def env():
    return dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=DATA)


def start():
    server = subprocess.Popen(
        [BIN, "serve", "--port", str(PORT), "--log-level", "warning"], env=env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server, time.time()
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start")


def telaah(*args):
    done = subprocess.run([BIN, *args], env=env(), capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def leftovers():
    """What `evidence gc --dry-run` names: cut-off uploads and files with no record."""
    _, out = telaah("evidence", "gc", "--dry-run", "--idle-minutes", "0", "--grace-hours", "0")
    uploads = re.search(r"terputus akan dibersihkan: (\d+) \((\d+) B\)", out)
    orphans = re.search(r"Berkas tanpa catatan: (\d+)", out)
    if not uploads or not orphans:
        raise RuntimeError(out)
    return int(uploads.group(1)), int(uploads.group(2)), int(orphans.group(1))


class Load:
    """Readers and savers on keep-alive connections, and uploads sent slowly, until stopped."""

    def __init__(self, period, unit, criteria, readers=40):
        Session("ketua.tim")
        Session("operator.setda")
        self.stop = threading.Event()
        self.acknowledged = {}  # criterion -> the code the server acknowledged last
        self.pending = {}  # criterion -> the code sent and not yet answered (the kill may cut it)
        self.lock = threading.Lock()
        self.errors = []
        self.statuses = {}  # status of each save answered, to explain a cycle with few acknowledged
        self.threads = [threading.Thread(target=self.read, args=(period, unit)) for _ in range(readers)]
        self.threads += [threading.Thread(target=self.save, args=(period, unit, criteria[i::4])) for i in range(4)]
        self.threads += [threading.Thread(target=self.upload, args=(period, unit, n)) for n in range(2)]
        for t in self.threads:
            t.start()

    def read(self, period, unit):
        try:
            s = Session("ketua.tim")
            while not self.stop.is_set():
                for path in ["/", f"/periode/{period}/pd/{unit}", f"/api/v1/periods/{period}/units/{unit}"]:
                    s.call("GET", path)
        except (OSError, http.client.HTTPException, RuntimeError):
            pass

    def save(self, period, unit, criteria):
        try:
            s = Session("operator.setda")
            # The versions as stored, so that a restarted load does not begin with a 409 per criterion.
            _, lke = s.call("GET", f"/api/v1/periods/{period}/units/{unit}")
            answers = lke["values"]["unit"]["answers"]
            versions = {k: answers.get(k, {}).get("version", 0) for k in criteria}
            i = 0
            while not self.stop.is_set():
                k = criteria[i % len(criteria)]
                code = "Y" if (i // len(criteria)) % 2 == 0 else "T"
                i += 1
                with self.lock:
                    self.pending[k] = code
                status, body = s.call(
                    "PUT", f"/api/v1/periods/{period}/units/{unit}/answers/{k}",
                    {"actor": "unit", "code": code, "version": versions.get(k, 0)})
                with self.lock:
                    self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 200:
                    versions[k] = body["answer"]["version"]
                    with self.lock:
                        self.acknowledged[k] = code
                elif status == 409:
                    _, lke = s.call("GET", f"/api/v1/periods/{period}/units/{unit}")
                    versions[k] = lke["values"]["unit"]["answers"].get(k, {}).get("version", 0)
        except (OSError, http.client.HTTPException, RuntimeError, KeyError, TypeError):
            pass

    def upload(self, period, unit, n):
        """A 40 MB PDF sent a megabyte at a time: the kill comes in the middle of it."""
        try:
            s = Session("operator.setda")
            s.conn.putrequest("POST", f"/api/v1/periods/{period}/units/{unit}/evidence?target=1.a.{n + 1}&name=besar-{n}.pdf")
            s.conn.putheader("Cookie", s.cookie)
            s.conn.putheader("X-CSRF-Token", s.csrf)
            s.conn.putheader("Content-Type", "application/pdf")
            s.conn.putheader("Content-Length", str(40 << 20))
            s.conn.endheaders()
            s.conn.send(b"%PDF-1.4\n" + b"0" * ((1 << 20) - 9))
            for _ in range(39):
                if self.stop.is_set():
                    return
                time.sleep(0.1)
                s.conn.send(b"0" * (1 << 20))
        except (OSError, http.client.HTTPException, RuntimeError):
            pass

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=40)


def ids():
    s = Session("operator.setda")
    _, me = s.call("GET", "/api/v1/me")
    _, periods = s.call("GET", "/api/v1/periods")
    period = next(p["id"] for p in periods["periods"] if p["status"] == "open")
    unit = me["user"]["unit_id"]
    _, framework = s.call("GET", f"/api/v1/periods/{period}/framework")
    yes_no = {
        name for name, t in framework["answer_types"].items() if {"Y", "T"} <= {o["code"] for o in t["options"]}}
    criteria = [
        k["id"] for c in framework["components"] for sub in c["subcomponents"] for k in sub["criteria"]
        if k["answer"] in yes_no]
    return period, unit, criteria[:24]


def main():
    global DATA
    DATA = tempfile.mkdtemp(prefix="telaah-mogok-")
    migrated = subprocess.run([BIN, "migrate"], env=env(), check=True, capture_output=True, text=True)
    check("migrations run quietly (no migrator log lines)", "Migrator" not in migrated.stderr + migrated.stdout,
          migrated.stderr[:300])
    subprocess.run([BIN, "seed-demo"], env=env(), check=True, capture_output=True)
    server, _ = start()
    period, unit, criteria = ids()

    for cycle in range(1, CYCLES + 1):
        load = Load(period, unit, criteria)
        # The kill comes once saves are being acknowledged (a slow debug build on a busy machine may
        # take longer than the usual 3 s to answer the first), so every cycle tests some.
        time.sleep(3)
        deadline = time.time() + 60
        while time.time() < deadline:
            with load.lock:
                if len(load.acknowledged) >= 4:
                    break
            time.sleep(0.2)
        server.send_signal(signal.SIGKILL)
        server.wait()
        load.finish()
        with load.lock:
            acknowledged = dict(load.acknowledged)
            pending = dict(load.pending)
        uploads, upload_bytes, orphans = leftovers()
        print(f"[{ENGINE}] cycle {cycle}: {len(acknowledged)} criteria acknowledged; after the kill "
              f"{uploads} cut-off uploads ({upload_bytes} B), {orphans} files with no record; "
              f"saves answered by status {dict(sorted(load.statuses.items()))}", flush=True)
        server, _ = start()
        s = Session("operator.setda")
        _, lke = s.call("GET", f"/api/v1/periods/{period}/units/{unit}")
        stored = {k: v.get("code") for k, v in lke["values"]["unit"]["answers"].items()}
        # A save cut off by the kill may or may not have been committed; an acknowledged one must be.
        lost = [k for k, code in acknowledged.items() if stored.get(k) not in (code, pending.get(k))]
        check(f"cycle {cycle}: every acknowledged save survives kill -9", not lost and acknowledged, lost[:5])
        code, out = telaah("evidence", "gc", "--idle-minutes", "0", "--grace-hours", "0")
        check(f"cycle {cycle}: evidence gc reclaims what the kill left", code == 0, out)
        uploads, _, orphans = leftovers()
        check(f"cycle {cycle}: nothing left after gc", uploads == 0 and orphans == 0, (uploads, orphans))
        code, out = telaah("audit", "verify")
        check(f"cycle {cycle}: audit verify clean", code == 0, out[-400:])

    # SIGTERM under load: drains, exits 0, frees the port; the next server answers at once.
    load = Load(period, unit, criteria, readers=50)
    time.sleep(3)
    stopped = time.time()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=90)
    except subprocess.TimeoutExpired:
        server.kill()
    took = time.time() - stopped
    load.finish()
    stderr = server.stderr.read().decode(errors="replace")
    check("SIGTERM under load: exit 0", server.returncode == 0, (server.returncode, stderr[-800:]))
    check("SIGTERM under load: no crash", "Fatal error" not in stderr and "Crash" not in stderr, stderr[-800:])
    print(f"[{ENGINE}] SIGTERM under 50 connections: stopped in {took:.1f} s", flush=True)
    probe = socket.socket()
    free = probe.connect_ex(("127.0.0.1", PORT)) != 0
    probe.close()
    check("SIGTERM: nothing listens on the port afterwards", free)
    began = time.time()
    try:
        server, ready = start()
        check("a new server on the same port answers within seconds", ready - began < 15, ready - began)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    except RuntimeError as e:
        check("a new server on the same port answers within seconds", False, e)
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    try:
        main()
    finally:
        subprocess.run(["pkill", "-KILL", "-f", f"telaah serve --port {PORT}"], check=False)
