#!/usr/bin/env bash
# The real workload of a team, over loopback with wrk: 50 connections over the LKE pages of the 26
# PD of one team (Tim 1, signed in as its ketua), one request in ten saving an answer on one of
# those in the team's evaluation stage, so many page views follow a change and are rendered anew; the trivial route (/healthz)
# in the same run for comparison. Then the server CPU of one page rendered anew
# (scripts/bench-page-cpu.py). Bounded: TELAAH_BENCH_DURATION per measurement (baku 10s).
# Usage: scripts/bench-mixed.sh [path to a release telaah binary]
# On PostgreSQL with its default durability:
#   TELAAH_PG_DURABLE=1 scripts/with-postgres scripts/bench-mixed.sh [binary]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build-release/release/telaah}"
PORT="${TELAAH_BENCH_PORT:-18110}"
DURATION="${TELAAH_BENCH_DURATION:-10s}"
PASSWORD="rahasia-bench"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/telaah-mixed.XXXXXX)"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 3; }

if [ -n "${DATABASE_URL:-}" ]; then
  TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$work/data" "$BIN" seed-demo >/dev/null
  TELAAH_DATA_DIR="$work/data" "$BIN" serve --port "$PORT" --log-level error >"$work/serve.out" 2>"$work/serve.err" &
else
  TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$work/data" "$BIN" serve --demo --port "$PORT" --log-level error \
    >"$work/serve.out" 2>"$work/serve.err" &
fi
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
sleep 2

# The team's PD, their Y/T criteria and the versions of their answers now, as the Lua script's tables.
python3 - "$BASE" "$PASSWORD" >"$work/setup.lua" <<'PY'
import json, sys, urllib.request
base, password = sys.argv[1], sys.argv[2]
req = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"username": "ketua.tim", "password": password}).encode(),
                             headers={"Content-Type": "application/json"}, method="POST")
with urllib.request.urlopen(req) as r:
    cookie = r.headers["Set-Cookie"].split(";")[0]
    csrf = json.loads(r.read())["csrf_token"]
def get(path):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Cookie": cookie})) as r:
        return json.loads(r.read())
period = get("/api/v1/periods")["periods"][0]["id"]
overview = get(f"/api/v1/periods/{period}")["units"]
# The pages of every PD of the team; the saves on those whose evaluation is the team's turn.
units = [u["id"] for u in overview]
writable = [u["id"] for u in overview if "write_evaluation" in u["permissions"]]
found = []
def walk(x):
    if isinstance(x, dict):
        if x.get("answer") == "Y/T" and "id" in x: found.append(x["id"])
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
walk(get(f"/api/v1/periods/{period}/framework"))
slots = []
for unit in writable:
    answers = get(f"/api/v1/periods/{period}/units/{unit}")["values"].get("evaluator", {}).get("answers", {})
    for c in found:
        slots.append((unit, c, answers.get(c, {}).get("version", 0)))
print(f'cookie = "{cookie}"\ncsrf = "{csrf}"\nperiod = "{period}"')
print("units = {" + ",".join(f'"{u}"' for u in units) + "}")
print("slots = {" + ",".join(f'{{unit="{u}", criterion="{c}", version={v}, flip=false}}' for u, c, v in slots) + "}")
print(f"-- {len(units)} PD, {len(slots)} answers to save on {len(writable)} of them")
PY
grep -- "^--" "$work/setup.lua"

cat "$work/setup.lua" - >"$work/mixed.lua" <<'EOF2'
-- One request in ten saves an answer (a real update: Y and T in turn, on the version the answer
-- has); the others view the LKE page of one of the team's PD, at random. The saves go through
-- the team's answers in a shuffled order, so one answer is saved again only after all the others
-- (seconds later, long after its last save returned) and its version is known without reading
-- the answer: the script reads no response (wrk then keeps no body), so the client's own work
-- stays close to what it is for the trivial route. A stale version would show as a non-2xx.
math.randomseed(2024)
local order = {}
local next_slot = 0
function init(args)
  for i = 1, #slots do order[i] = i end
  for i = #order, 2, -1 do
    local j = math.random(i)
    order[i], order[j] = order[j], order[i]
  end
  wrk.headers["Cookie"] = cookie
end
function request()
  if math.random(10) == 1 then
    next_slot = next_slot % #order + 1
    local slot = slots[order[next_slot]]
    slot.flip = not slot.flip
    local body = string.format('{"code":"%s","version":%d}', slot.flip and "Y" or "T", slot.version)
    slot.version = slot.version + 1
    -- wrk.format uses the headers it is given instead of wrk.headers: a save names its cookie.
    return wrk.format("PUT",
      "/api/v1/periods/" .. period .. "/units/" .. slot.unit .. "/answers/" .. slot.criterion,
      {["Cookie"] = cookie, ["Content-Type"] = "application/json", ["X-CSRF-Token"] = csrf}, body)
  end
  return wrk.format("GET", "/periode/" .. period .. "/pd/" .. units[math.random(#units)])
end
EOF2

run() { # name, then wrk arguments
  local name="$1"; shift
  echo "== $name"
  wrk --latency -d "$DURATION" "$@" | tee "$work/$name.txt" | grep -E "Requests/sec|Non-2xx|Socket errors|  50%|  99%|requests in"
}
run trivial -t 1 -c 50 "$BASE/healthz"
run mixed -t 1 -c 50 -s "$work/mixed.lua" "$BASE/"
echo "== a page rendered anew: server CPU"
python3 scripts/bench-page-cpu.py "$BASE" "$PASSWORD" "$server"
echo "== memory: $(( $(ps -o rss= -p "$server" | tr -d ' ') / 1024 )) MB after the runs"
