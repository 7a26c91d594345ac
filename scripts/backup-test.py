#!/usr/bin/env python3
"""A whole deployment backed up and restored: `telaah backup`, then `telaah restore` into an empty one.

On SQLite (no DATABASE_URL) or, inside scripts/with-postgres, on PostgreSQL (the evidence then in
the database itself). Seeds the demo, starts the server, uploads a file through the API, backs up
while the server runs, restores into a new data folder (SQLite) or a new database (PostgreSQL)
with the kept audit key, and checks that:
  1. the restored audit chain verifies with every evidence file matching its hash;
  2. a restored server serves the uploaded file byte for byte;
  3. a second backup into the same folder copies no file again;
  4. a restore refuses a deployment that is not empty, and names a file the backup lost.
Prints "N passed, N failed" and exits non-zero on any failure.
"""
import hashlib
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PASSWORD = "rahasia-cadangan"
PORT = 18091
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


class Client:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def send(self, method, path, data=None, content_type="application/json"):
        req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=data, method=method)
        req.add_header("Content-Type", content_type)
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def json(self, method, path, body=None):
        status, raw = self.send(method, path, json.dumps(body).encode() if body is not None else None)
        return status, json.loads(raw or b"null")


def serve(env):
    server = subprocess.Popen([BIN, "serve", "--port", str(PORT), "--log-level", "warning"], env=env)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1):
                return server
        except Exception:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def signed_in(username):
    client = Client()
    status, body = client.json("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
    if status != 200:
        raise SystemExit(f"sign-in {username}: {status} {body}")
    client.csrf = body["csrf_token"]
    return client


def run(env, *args):
    return subprocess.run([BIN, *args], env=env, capture_output=True, text=True)


def main():
    postgres = os.environ.get("DATABASE_URL")
    engine = "PostgreSQL" if postgres else "SQLite"
    work = tempfile.mkdtemp(prefix="telaah-cadangan-")
    source = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=f"{work}/asal")
    run(source, "migrate")
    run(source, "seed-demo")
    server = serve(source)
    pdf = b"%PDF-1.4\n% cadangan\n" + os.urandom(2_000_000) + b"\n%%EOF\n"
    try:
        op = signed_in("operator.setda")
        status, me = op.json("GET", "/api/v1/me")
        status, periods = op.json("GET", "/api/v1/periods")
        period = periods["periods"][0]["id"]
        unit = me["user"]["unit_id"]
        base = f"/api/v1/periods/{period}/units/{unit}"
        query = urllib.parse.urlencode({"target": "1.a.1", "name": "Renstra Setda 2024.pdf"})
        status, body = op.send("POST", f"{base}/evidence?{query}", pdf, "application/octet-stream")
        check(f"{engine}: the PD uploads a file", status == 201, (status, body[:200]))
        file_url = json.loads(body)["url"]
        # The backup runs while the server serves.
        backup = f"{work}/cadangan"
        made = run(source, "backup", backup)
        check(f"{engine}: telaah backup while the server runs", made.returncode == 0, made.stderr + made.stdout)
        sums = open(f"{backup}/bukti/SHA256SUMS").read().split("\n")
        check(f"{engine}: the backup lists both files with their hashes",
              sum(1 for line in sums if line.strip()) == 2 and any(hashlib.sha256(pdf).hexdigest() in s for s in sums),
              sums)
        if postgres:
            dump = os.path.getsize(f"{backup}/telaah.pgdump")
            check("PostgreSQL: the dump leaves the files' bytes to bukti/", dump < len(pdf), dump)
        again = run(source, "backup", backup)
        check(f"{engine}: a second backup into the same folder copies no file again",
              again.returncode == 0 and "(0 baru" in again.stdout, again.stdout + again.stderr)
    finally:
        server.terminate()
        server.wait()

    # A new deployment: the kept audit key first, then the backup.
    target = dict(source, TELAAH_DATA_DIR=f"{work}/pulih")
    os.makedirs(f"{work}/pulih", mode=0o700)
    shutil.copy(f"{work}/asal/audit.key", f"{work}/pulih/audit.key")
    if postgres:
        admin = postgres.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-q", "-c", "CREATE DATABASE telaah_pulih"], check=True)
        target["DATABASE_URL"] = postgres.rsplit("/", 1)[0] + "/telaah_pulih"
    restored = run(target, "restore", backup)
    check(f"{engine}: telaah restore into an empty deployment", restored.returncode == 0,
          restored.stdout + restored.stderr)
    check(f"{engine}: the restore verifies the audit chain", "Jejak audit utuh" in restored.stdout, restored.stdout)
    verified = run(target, "audit", "verify")
    check(f"{engine}: audit verify on the restored deployment: chain and files intact",
          verified.returncode == 0 and "2 berkas cocok" in verified.stdout, verified.stdout + verified.stderr)
    refused = run(target, "restore", backup)
    check(f"{engine}: a restore into a deployment that is not empty is refused",
          refused.returncode != 0 and ("sudah ada" in refused.stderr or "sudah berisi" in refused.stderr),
          refused.stdout + refused.stderr)

    server = serve(target)
    try:
        status, raw = signed_in("ketua.tim").send("GET", file_url)
        check(f"{engine}: the restored server serves the uploaded file byte for byte",
              status == 200 and raw == pdf, (status, len(raw)))
    finally:
        server.terminate()
        server.wait()

    # A backup that lost a file: the restore names it and fails.
    lost = f"{work}/cadangan-rusak"
    shutil.copytree(backup, lost)
    sha = hashlib.sha256(pdf).hexdigest()
    os.remove(f"{lost}/bukti/{sha[:2]}/{sha}")
    broken = dict(target, TELAAH_DATA_DIR=f"{work}/pulih2")
    os.makedirs(f"{work}/pulih2", mode=0o700)
    shutil.copy(f"{work}/asal/audit.key", f"{work}/pulih2/audit.key")
    if postgres:
        subprocess.run(["psql", admin, "-q", "-c", "CREATE DATABASE telaah_pulih2"], check=True)
        broken["DATABASE_URL"] = postgres.rsplit("/", 1)[0] + "/telaah_pulih2"
    partial = run(broken, "restore", lost)
    check(f"{engine}: a restore names the file its backup lacks",
          partial.returncode == 1 and "Renstra Setda 2024.pdf" in partial.stderr, partial.stdout + partial.stderr)

    shutil.rmtree(work, ignore_errors=True)
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
