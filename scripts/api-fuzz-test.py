#!/usr/bin/env python3
"""Schemathesis against the demo as every role: the API must answer what /openapi.json declares.

For each demo account (and once with no account) it starts a fresh `telaah serve --demo`, signs
in, and runs Schemathesis on every operation with the account's session cookie and CSRF token and
with the path parameters set to records of the demo (a period, the PD the account works on, a
criterion, a team, a user), so the operations reach their logic rather than a 404. Checks: no
server error, every status code and content type declared, every response body in its schema.
Signing out (DELETE /api/v1/session) is left out: it would end the session the run uses.
Prints "N passed, N failed"; the failing runs' reports are kept in artifacts/.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PORT = int(os.environ.get("TELAAH_FUZZ_PORT", "18095"))
PASSWORD = "rahasia-fuzz"
BASE = f"http://127.0.0.1:{PORT}"
EXAMPLES = os.environ.get("TELAAH_FUZZ_EXAMPLES", "10")
ARTIFACTS = os.environ.get("TELAAH_ARTIFACTS", "artifacts")
# Each account with the PD it works on.
ROLES = [
    ("anonim", "Dinas Kesehatan"), ("admin", "Dinas Sosial"), ("inspektur", "Badan Pendapatan Daerah"),
    ("pengendali.mutu", "Dinas Kesehatan"), ("pengendali.teknis", "Inspektorat"),
    ("ketua.tim", "Dinas Pendidikan dan Kebudayaan"), ("anggota.tim", "Dinas Kesehatan"),
    ("anggota.tim2", "Kecamatan Betung"), ("operator.dinkes", "Dinas Kesehatan"),
    ("operator.setda", "Sekretariat Daerah"), ("pimpinan", "Badan Pendapatan Daerah"),
]
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def wait():
    for _ in range(300):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            return
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def call(method, path, cookie=None, body=None):
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode() if body is not None else None,
                                 method=method, headers=headers)
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers, json.loads(r.read())


def sign_in(username):
    try:
        headers, body = call("POST", "/api/v1/session", body={"username": username, "password": PASSWORD})
        return headers["Set-Cookie"].split(";")[0], body["csrf_token"]
    except urllib.error.HTTPError as e:
        raise SystemExit(f"sign-in of {username}: {e.code} {e.read()[:300]}")


def demo_ids(unit_name):
    """Records of the demo, read as the admin."""
    cookie, _ = sign_in("admin")
    _, periods = call("GET", "/api/v1/periods", cookie)
    period = periods["periods"][0]["id"]
    _, units = call("GET", "/api/v1/admin/units", cookie)
    unit = next(u["id"] for u in units["units"] if u["name"] == unit_name)
    _, users = call("GET", "/api/v1/admin/users", cookie)
    user = next(u["id"] for u in users["users"] if u["username"] == "anggota.tim")
    _, teams = call("GET", f"/api/v1/admin/periods/{period}/teams", cookie)
    team = teams["teams"][0]["id"]
    return {"period": period, "unit": unit, "criterion": "4.a.1", "subcomponent": "4.a",
            "team": team, "user": user}


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    passed = failed = 0
    for role, unit_name in ROLES:
        data = tempfile.mkdtemp(prefix="telaah-fuzz-")
        env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=data)
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(PORT), "--log-level", "error"], env=env,
                                  stdout=subprocess.DEVNULL)
        try:
            wait()
            ids = demo_ids(unit_name)
            config = os.path.join(data, "schemathesis.toml")
            with open(config, "w") as f:
                f.write("[parameters]\n" + "".join(f'"path.{k}" = "{v}"\n' for k, v in ids.items()))
            command = ["schemathesis", "--no-color", "--config-file", config, "run", BASE + "/openapi.json",
                       "--checks", CHECKS, "--max-examples", EXAMPLES, "--seed", "2024",
                       "--phases", "examples,coverage,fuzzing", "--exclude-method", "DELETE"]
            if role != "anonim":
                cookie, csrf = sign_in(role)
                command += ["-H", f"Cookie: {cookie}", "-H", f"X-CSRF-Token: {csrf}",
                            "--exclude-path", "/api/v1/session"]
            run = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
            ok = run.returncode == 0
            summary = [line for line in run.stdout.splitlines() if "generated" in line]
            print(("ok   " if ok else "FAIL ") + f"schemathesis as {role}" + (f" ({summary[-1].strip()})" if summary else ""),
                  flush=True)
            if os.environ.get("TELAAH_FUZZ_KEEP"):
                with open(os.path.join(ARTIFACTS, f"schemathesis-{role}.log"), "w") as f:
                    f.write(run.stdout)
            if ok:
                passed += 1
            else:
                failed += 1
                with open(os.path.join(ARTIFACTS, f"schemathesis-{role}.txt"), "w") as f:
                    f.write(run.stdout + run.stderr)
                print("\n".join(run.stdout.splitlines()[-40:]), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
