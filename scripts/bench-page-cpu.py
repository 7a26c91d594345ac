#!/usr/bin/env python3
"""The server CPU of one LKE page rendered anew (its values changed since it was last rendered).

One client, one request at a time, over the team's PD in turn: first N saves alone, then N saves
each followed by a view of the PD just changed, then N views of unchanged pages. The server process's CPU time (utime + stime from
/proc) over each sequence, divided by N: the second minus the first is one page rendered anew
(access check, values read and scored, the page written). Used by scripts/bench-mixed.sh:
  bench-page-cpu.py BASE PASSWORD SERVER_PID [N]
"""
import http.client
import json
import os
import sys
import urllib.parse


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    base, password, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)

    def call(method, path, body=None, headers=None):
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()

    status, headers, body = call("POST", "/api/v1/session", {"username": "ketua.tim", "password": password},
                                 {"Content-Type": "application/json"})
    cookie = next(v for k, v in headers if k.lower() == "set-cookie" and v.startswith("telaah_sesi=")).split(";")[0]
    csrf = json.loads(body)["csrf_token"]
    h = {"Cookie": cookie}
    period = json.loads(call("GET", "/api/v1/periods", headers=h)[2])["periods"][0]["id"]
    units = [u["id"] for u in json.loads(call("GET", f"/api/v1/periods/{period}", headers=h)[2])["units"]
             if "write_evaluation" in u["permissions"]]
    # Each PD's criterion 4.a.2 (Y/T), alternately Y and T, each save on the version it has.
    versions = {}
    for u in units:
        answers = json.loads(call("GET", f"/api/v1/periods/{period}/units/{u}", headers=h)[2])["values"]["evaluator"]["answers"]
        versions[u] = answers.get("4.a.2", {}).get("version", 0)
    w = {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}

    def save(i):
        u = units[i % len(units)]
        status, _, body = call("PUT", f"/api/v1/periods/{period}/units/{u}/answers/4.a.2",
                               {"code": "Y" if i % 2 else "T", "version": versions[u]}, w)
        assert status == 200, (status, body[:200])
        versions[u] = json.loads(body)["answer"]["version"]
        return u

    def view(u):
        status, _, body = call("GET", f"/periode/{period}/pd/{u}", headers=h)
        assert status == 200 and b"</html>" in body, status

    for i in range(200):  # warm up: every page rendered once, the connections and caches in use
        view(save(i))
    start = cpu_seconds(pid)
    for i in range(n):
        save(i)
    saves = (cpu_seconds(pid) - start) / n
    start = cpu_seconds(pid)
    for i in range(n):
        view(save(i))
    pairs = (cpu_seconds(pid) - start) / n
    start = cpu_seconds(pid)
    for i in range(n):
        view(units[i % len(units)])
    views = (cpu_seconds(pid) - start) / n
    print(f"saves alone: {saves * 1000:.2f} ms CPU each; save + view: {pairs * 1000:.2f} ms; "
          f"a page rendered anew: {(pairs - saves) * 1000:.2f} ms of server CPU; "
          f"a page whose values did not change: {views * 1000:.2f} ms ({n} of each)")


if __name__ == "__main__":
    main()
