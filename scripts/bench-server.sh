#!/usr/bin/env bash
# Server benchmark over loopback with wrk (Debian package), on the demo data (SQLite).
# Measures, in one run of one server: the trivial route (/healthz), the LKE page, and saving
# one answer (access check, validation, version check, audit entry, rescoring), each at 50
# concurrent connections, saving also at 12; and the server's idle memory. Bounded: 10 s per
# measurement.
# Usage: scripts/bench-server.sh [path to a release telaah binary]
# On PostgreSQL: scripts/with-postgres scripts/bench-server.sh [binary] (DATABASE_URL set).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build-release/release/telaah}"
PORT="${TELAAH_BENCH_PORT:-18100}"
DURATION="${TELAAH_BENCH_DURATION:-10s}"
PASSWORD="rahasia-bench"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/telaah-bench.XXXXXX)"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 3; }

if [ -n "${DATABASE_URL:-}" ]; then
  # On PostgreSQL (e.g. under scripts/with-postgres): the demo seeded into the empty database.
  TELAAH_DEMO_PASSWORD="$PASSWORD" "$BIN" seed-demo >/dev/null
  "$BIN" serve --port "$PORT" --log-level error >"$work/serve.out" 2>"$work/serve.err" &
else
  TELAAH_DEMO_PASSWORD="$PASSWORD" TELAAH_DATA_DIR="$work/data" "$BIN" serve --demo --port "$PORT" --log-level error \
    >"$work/serve.out" 2>"$work/serve.err" &
fi
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 300); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
sleep 2
idle_kb=$(ps -o rss= -p "$server" | tr -d ' ')

login=$(curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"ketua.tim\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session")
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
cookie="telaah_sesi=$(awk '$6=="telaah_sesi"{print $7}' "$work/cookies")"
period=$(curl -s -b "$work/cookies" "$BASE/api/v1/periods" | python3 -c 'import json,sys; print(json.load(sys.stdin)["periods"][0]["id"])')
units=$(curl -s -b "$work/cookies" "$BASE/api/v1/periods/$period" | python3 -c '
import json,sys
print(",".join("\"%s\"" % u["id"] for u in json.load(sys.stdin)["units"]
               if u["criteria_answered"] == 0 and "write_evaluation" in u["permissions"]))')
lke_unit=$(curl -s -b "$work/cookies" "$BASE/api/v1/periods/$period" | python3 -c '
import json,sys
print([u["id"] for u in json.load(sys.stdin)["units"] if u["name"] == "Inspektorat"][0])')

# The Y/T criteria of the period's framework: every save below is valid.
criteria=$(curl -s -b "$work/cookies" "$BASE/api/v1/periods/$period/framework" | python3 -c '
import json,sys
found = []
def walk(x):
    if isinstance(x, dict):
        if x.get("answer") == "Y/T" and "id" in x: found.append(x["id"])
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
walk(json.load(sys.stdin))
print(",".join("\"%s\"" % c for c in found))')

cat >"$work/put.lua" <<EOF
-- Each wrk thread writes on a PD of its own; its connections take turns over that PD's Y/T
-- criteria (more criteria than connections, so no two connections write the same answer at
-- once), alternating Y and T, each save based on the version the previous one returned: every
-- save is a real, valid update.
local units = {$units}
local criteria = {$criteria}
local period = "$period"
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  -- wrk ... -- N: start at the N-th PD (a second run on the same server writes other PD).
  unit = units[((id + (tonumber(args[1]) or 0)) % #units) + 1]
  ready = {}
  pending = {}
  for i, c in ipairs(criteria) do ready[i] = { criterion = c, version = 0, flip = false } end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = "$cookie"
  wrk.headers["X-CSRF-Token"] = "$csrf"
end
function request()
  local answer = table.remove(ready, 1)
  answer.flip = not answer.flip
  pending[answer.criterion] = answer
  local body = string.format('{"code":"%s","version":%d}', answer.flip and "Y" or "T", answer.version)
  return wrk.format("PUT", "/api/v1/periods/" .. period .. "/units/" .. unit .. "/answers/" .. answer.criterion, nil, body)
end
function response(status, headers, body)
  local criterion = body:match('"criterion":"([^"]+)"')
  local answer = criterion and pending[criterion]
  if answer then
    answer.version = tonumber(body:match('"version":(%d+)')) or answer.version
    pending[criterion] = nil
    table.insert(ready, answer)
  end
end
EOF

run() { # name, then wrk arguments
  local name="$1"; shift
  echo "== $name"
  wrk --latency -d "$DURATION" "$@" | tee "$work/$name.txt" | grep -E "Requests/sec|Non-2xx|Socket errors|  50%|  99%|requests in"
}
# One wrk thread for the reads: on two cores a second wrk thread, parsing 140 KB pages, takes
# the server's CPU and shows up as its tail latency (measured: p99 184 ms with two threads,
# 44 ms with one, at the same throughput).
run trivial -t 1 -c 50 "$BASE/healthz"
run lke-page -t 1 -c 50 -H "Cookie: $cookie" "$BASE/periode/$period/pd/$lke_unit"
run save-answer -t 2 -c 50 -s "$work/put.lua" "$BASE/"
# The save target is a rate and a latency (≥ 1,000/s, p99 ≤ 20 ms). wrk keeps every connection
# busy, so mean latency = connections ÷ rate: at 50 connections p99 ≤ 20 ms would need about
# 2,500 saves a second. The same saves at 12 connections (on two other PD) measure the latency
# at about the target rate.
run save-answer-12 -t 2 -c 12 -s "$work/put.lua" "$BASE/" -- 2
# The same target read at a fixed rate (an open loop, scripts/bench-open-loop.py) when asked:
# TELAAH_BENCH_OPEN_LOOP=1000 offers 1,000 saves a second on four more PD.
# The same client against /healthz at the same rate first: the client's own share of the latency.
if [ -n "${TELAAH_BENCH_OPEN_LOOP:-}" ]; then
  for mode in trivial save; do
    echo "== $mode-open-loop"
    python3 scripts/bench-open-loop.py 127.0.0.1 "$PORT" "$cookie" "$csrf" "$period" \
      "$(echo "$units" | tr -d '"' | cut -d, -f5-8)" "$(echo "$criteria" | tr -d '"')" \
      "$TELAAH_BENCH_OPEN_LOOP" "${DURATION%s}" "$([ $mode = trivial ] && echo trivial)"
  done
fi
busy_kb=$(ps -o rss= -p "$server" | tr -d ' ')
echo "== memory: idle $((idle_kb / 1024)) MB after start with the demo loaded; $((busy_kb / 1024)) MB after the runs"
echo "== audit entries written: $(curl -s -b "$work/cookies" "$BASE/api/v1/periods/$period/units/$lke_unit/history" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["entries"]))') on the LKE page's PD"
