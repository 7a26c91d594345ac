#!/usr/bin/env bash
# The cycle's speed targets (issue 13), on a release binary, SQLite, loopback, wrk at 50
# connections for 10 s each:
#   1. the home page (the period page with "Menunggu Anda") as the Inspektur and as the Ketua Tim,
#      on the demo (51 PD at their various stages);
#   2. the panel's view over 51 PD × 12 sub-components (seed-demo --lengkap: every PD graded);
#   3. signing one LHE (the DOCX made, sealed and stored; the PDF left to the background job):
#      51 signatures one after the other, each timed by curl.
# Usage: scripts/bench-cycle.sh [path to a release telaah binary]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build-release/release/telaah}"
PORT="${TELAAH_BENCH_PORT:-18130}"
DURATION="${TELAAH_BENCH_DURATION:-10s}"
PASSWORD="rahasia-bench"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/telaah-bench-cycle.XXXXXX)"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 3; }
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: apt-get install sqlite3" >&2; exit 3; }
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

start() {  # start DATA_DIR
  TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$1" "$BIN" serve --port "$PORT" --log-level error \
    >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 300); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
cookie() {  # cookie USER → prints the session cookie, and the CSRF token into $work/csrf
  local jar="$work/jar-$1"
  local login
  login=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session")
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login" >"$work/csrf"
  echo "telaah_sesi=$(awk '$6=="telaah_sesi"{print $7}' "$jar")"
}
measure() {  # measure LABEL COOKIE PATH
  echo "== $1"
  wrk -t2 -c50 -d"$DURATION" --latency -H "Cookie: $2" "$BASE$3" | grep -E "Requests/sec|Latency |  50%|  99%|Non-2xx"
}

# 1. The home page on the demo as it starts.
TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$work/demo" "$BIN" seed-demo >/dev/null 2>&1
start "$work/demo"
period=$(curl -s -b "$(cookie admin)" "$BASE/api/v1/periods" | python3 -c 'import json,sys; print(json.load(sys.stdin)["periods"][0]["id"])')
for user in inspektur ketua.tim; do
  c=$(cookie "$user")
  waiting=$(curl -s -b "$c" "$BASE/periode/$period" | grep -o 'id="waiting"' | wc -l)
  [ "$waiting" = 1 ] || { echo "no waiting list for $user" >&2; exit 1; }
  measure "home page with its waiting list, $user" "$c" "/periode/$period"
done
# The same while the team saves answers without pause on one connection (a PD's values change
# between views: that PD is scored again).
c=$(cookie ketua.tim)
csrf=$(cat "$work/csrf")
python3 - "$BASE" "$period" "$c" "$csrf" "$work/saves" <<'PY' &
import http.client, json, sys, time
base, period, cookie, csrf, out = sys.argv[1:]
host, port = base.split("//")[1].split(":")
conn = http.client.HTTPConnection(host, int(port))
def call(method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body else None,
                 headers={"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"})
    r = conn.getresponse()
    return r.status, json.loads(r.read() or b"null")
_, o = call("GET", f"/api/v1/periods/{period}")
units = [u["id"] for u in o["units"] if "write_evaluation" in u["permissions"]][:8]
versions, saved, i = {}, 0, 0
end = time.time() + 12
while time.time() < end:
    unit, k = units[i % len(units)], f"1.a.{1 + (i // len(units)) % 7}"
    status, body = call("PUT", f"/api/v1/periods/{period}/units/{unit}/answers/{k}",
                        {"code": "Y" if i % 2 else "T", "version": versions.get((unit, k), 0)})
    if status == 200: versions[(unit, k)] = body["answer"]["version"]; saved += 1
    elif status == 409:
        _, lke = call("GET", f"/api/v1/periods/{period}/units/{unit}")
        versions[(unit, k)] = ((lke["values"].get("evaluator") or {}).get("answers") or {}).get(k, {}).get("version", 0)
    i += 1
open(out, "w").write(str(saved))
PY
saver=$!
sleep 1
measure "home page while the team saves answers, inspektur" "$(cookie inspektur)" "/periode/$period"
wait $saver
echo "   (answers saved meanwhile: $(cat "$work/saves"))"
stop

# 2 and 3. Every PD evaluated to the end, then all 51 back at signing without a sealed LHE.
TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$work/full" "$BIN" seed-demo --lengkap >/dev/null 2>&1
start "$work/full"
c=$(cookie inspektur)
period=$(curl -s -b "$c" "$BASE/api/v1/periods" | python3 -c 'import json,sys; print(json.load(sys.stdin)["periods"][0]["id"])')
rows=$(curl -s -b "$c" "$BASE/periode/$period/panel" | grep -o '<tr' | wc -l)
echo "panel rows (with the header): $rows"
measure "panel view, 51 PD x 12 sub-components, inspektur" "$c" "/periode/$period/panel"
measure "panel view sorted by distance from the cluster" "$c" "/periode/$period/panel?urut=selisih"
stop
sqlite3 "$work/full/telaah.sqlite" "DELETE FROM lhe_documents; UPDATE assessments SET stage = 'signing';"
start "$work/full"
c=$(cookie inspektur)
csrf=$(cat "$work/csrf")
units=$(curl -s -b "$c" "$BASE/api/v1/periods/$period" | python3 -c 'import json,sys; print(" ".join(u["id"] for u in json.load(sys.stdin)["units"]))')
: >"$work/sign-times"
for unit in $units; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$c" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' -d '{"action":"sign","from":"signing"}' "$BASE/api/v1/periods/$period/units/$unit/cycle" \
    >>"$work/sign-times"
done
echo "== signing one LHE (51 in a row; DOCX made, sealed, stored)"
python3 - "$work/sign-times" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
bad = [r for r in rows if r[0] != "200"]
t = sorted(float(r[1]) * 1000 for r in rows if r[0] == "200")
q = lambda p: t[min(len(t) - 1, int(round(p * (len(t) - 1))))]
print(f"signed {len(t)}, refused {len(bad)}; median {q(0.5):.0f} ms, p95 {q(0.95):.0f} ms, max {t[-1]:.0f} ms")
PY
stop
