#!/usr/bin/env python3
"""Reminders by e-mail against a real local SMTP server (aiosmtpd) and the sendmail interface.

Starts `telaah serve --demo`; the Admin sets the sender and the SMTP relay and gives accounts
their addresses through the API; `telaah reminders send --today …` mails each account whose
turn it is one message (the period's deadline for its PD's stage, the rencana aksi's due date for
the PD's operator); a second run sends nothing; a relay that refuses leaves the reminders unsent,
logged as failed, and the next run sends them; the sendmail transport hands the message to the
program named by TELAAH_SENDMAIL. The Admin page lists the log. Prints "N passed, N failed".
"""
import base64
import datetime
import email
import email.header
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from aiosmtpd.controller import Controller

BIN = os.environ.get("TELAAH_BIN", ".build/debug/telaah")
PORT = int(os.environ.get("TELAAH_MAIL_PORT", "18097"))
SMTP_PORT = PORT + 1
PASSWORD = "rahasia-uji-surel"
BASE = f"http://127.0.0.1:{PORT}"
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


class Client:
    def __init__(self, username):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None
        _, body = self.call("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
        self.csrf = body["csrf_token"]

    def call(self, method, path, body=None, accept="application/json"):
        req = urllib.request.Request(BASE + path, data=json.dumps(body).encode() if body is not None else None,
                                     method=method, headers={"Content-Type": "application/json", "Accept": accept})
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=30) as r:
                data = r.read()
                return r.status, json.loads(data) if accept == "application/json" else data.decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


def subject(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def text(message):
    return base64.b64decode(message.get_payload()).decode()


def main():
    data = tempfile.mkdtemp(prefix="telaah-surel-")
    outbox = os.path.join(data, "sendmail-keluar.txt")
    fake = os.path.join(data, "sendmail")
    with open(fake, "w") as f:
        f.write(f"#!/bin/sh\necho \"ARGS $*\" >> {outbox}\ncat >> {outbox}\necho '=== akhir' >> {outbox}\n")
    os.chmod(fake, 0o755)
    env = dict(os.environ, TELAAH_DEMO_PASSWORD=PASSWORD, TELAAH_DATA_DIR=data, TELAAH_SENDMAIL=fake)
    env.pop("DATABASE_URL", None)
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    smtp.start()
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(PORT), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL)

    # `serve --demo` keeps its database in DATA/demo; the command reads the same one.
    demo = dict(env, TELAAH_DATA_DIR=os.path.join(data, "demo"))

    def send(*extra):
        done = subprocess.run([BIN, "reminders", "send", *extra], env=demo, capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        admin = Client("admin")
        _, g = admin.call("GET", "/api/v1/admin/government")
        update = {k: v for k, v in g.items() if k not in ("id", "code", "logo")}
        update.update(mail_transport="smtp", mail_from="telaah@banyuasinkab.go.id", smtp_host="127.0.0.1",
                      smtp_port=SMTP_PORT)
        status, body = admin.call("PUT", "/api/v1/admin/government", update)
        check("the Admin sets the sender and the SMTP relay", status == 200, (status, body))
        bad = dict(update, mail_from="bukan alamat")
        status, body = admin.call("PUT", "/api/v1/admin/government", dict(bad, version=body["version"]))
        check("a bad sender is refused with the reason", status == 422 and "tidak sah" in str(body), (status, body))
        _, users = admin.call("GET", "/api/v1/admin/users")
        addresses = {}
        for u in users["users"]:
            if u["username"] in ("ketua.tim", "anggota.tim", "operator.setda", "operator.dinkes", "pengendali.teknis"):
                addresses[u["username"]] = f"{u['username']}@banyuasinkab.go.id"
                change = {k: u[k] for k in ("display_name", "role", "unit_id", "nip", "rank", "version")}
                status, _ = admin.call("PUT", f"/api/v1/admin/users/{u['id']}", dict(change, email=addresses[u["username"]]))
                if status != 200:
                    check(f"the Admin gives {u['username']} an address", False, status)
        status, body = admin.call("PUT", f"/api/v1/admin/users/{users['users'][0]['id']}",
                                  dict({k: users["users"][0][k] for k in ("display_name", "role", "unit_id", "version")},
                                       email="a@b\r\nBcc: x@y.id"))
        check("an address that would inject a header is refused", status == 422, (status, body))

        # Today (WIB): the self-assessment's deadline passed three days ago (the demo's dates).
        today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
        code, out = send("--dry-run")
        check("a dry run counts and sends nothing", code == 0 and "akan dikirim" in out and not inbox.messages, out)
        code, out = send()
        time.sleep(0.5)
        to = sorted(r for rcpts, _ in inbox.messages for r in rcpts)
        check("the late self-assessment reaches Sekretariat Daerah's operator, by SMTP", code == 0
              and addresses["operator.setda"] in to, (out, to))
        setda = next(m for rcpts, m in inbox.messages if addresses["operator.setda"] in rcpts)
        check("one message per account, in Indonesian, naming the deadline and the PD",
              to.count(addresses["operator.setda"]) == 1 and "Pengingat batas waktu" in subject(setda)
              and "Penilaian mandiri dikirim: Sekretariat Daerah" in text(setda) and "lewat 3 hari" in text(setda),
              (subject(setda), text(setda)[:300]))
        before = len(inbox.messages)
        code, out = send()
        time.sleep(0.5)
        check("a second run sends nothing twice", code == 0 and len(inbox.messages) == before and "0 surel" in out, out)

        # Eleven days on, the team's draft is due that day: a new reminder, one message each.
        due = (today + datetime.timedelta(days=11)).isoformat()
        down = dict(update, smtp_port=SMTP_PORT + 50)
        _, g = admin.call("GET", "/api/v1/admin/government")
        admin.call("PUT", "/api/v1/admin/government", dict(down, version=g["version"]))
        code, out = send("--today", due)
        check("a relay that does not answer: the run says so (exit 1) and sends nothing", code == 1
              and len(inbox.messages) == before and "gagal: 0" not in out, out)
        _, g = admin.call("GET", "/api/v1/admin/government")
        admin.call("PUT", "/api/v1/admin/government", dict(update, version=g["version"]))
        code, out = send("--today", due)
        time.sleep(0.5)
        fresh = [(r, m) for r, m in inbox.messages[before:]]
        ketua = [m for r, m in fresh if addresses["ketua.tim"] in r]
        check("the next run sends what failed: the team's draft due today", code == 0 and len(ketua) == 1
              and "Rancangan LHE diajukan" in text(ketua[0]) and "(hari ini)" in text(ketua[0]), (out, len(fresh)))
        status, page = admin.call("GET", "/admin", accept="text/html")
        check("the Admin page logs the messages, the failed ones with why",
              status == 200 and "Surel pengingat" in page and "gagal:" in page and addresses["ketua.tim"] in page)

        # The machine's sendmail interface: the same message on its standard input.
        _, g = admin.call("GET", "/api/v1/admin/government")
        admin.call("PUT", "/api/v1/admin/government", dict(update, mail_transport="sendmail", version=g["version"]))
        code, out = send("--today", (today + datetime.timedelta(days=25)).isoformat())
        handed = open(outbox).read() if os.path.exists(outbox) else ""
        check("through sendmail -t -i: the messages on its input", code == 0 and "ARGS -t -i -f telaah@banyuasinkab.go.id"
              in handed and f"To: <{addresses['pengendali.teknis']}>" in handed, (out, handed[:300]))
    finally:
        server.terminate()
        server.wait(timeout=30)
        smtp.stop()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
