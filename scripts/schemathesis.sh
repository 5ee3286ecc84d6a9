#!/usr/bin/env bash
# Checks the HTTP API against docs/openapi.json with schemathesis (pinned
# version, all checks, a bounded number of examples per operation) on a
# dvc-server it starts on loopback with a fresh database: as a citizen, as
# counter staff, as field staff (sign-in and sign-out routes left out, so
# the tokens live and the lockouts do not trip) and with no token (every
# route). Exits non-zero on any failure. Run by scripts/test.sh.
# Usage: scripts/schemathesis.sh [max-examples]   (default 25)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${DVC_CACHE:-$HOME/.cache/dvc}
version=4.32.5
venv=$cache/schemathesis-$version
examples=${1:-25}
if [[ ! -x $venv/bin/schemathesis ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$version"
fi
# dvc-server from the tests' build.
"$root/scripts/build-debug.sh"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
server=$root/target/debug/dvc-server
db=$work/db.sqlite3
for user in counter-hk:counter field-hk:field; do
  DVC_STAFF_PASSWORD=schemathesis-pass "$server" --db "$db" --create staff add \
    --user "${user%%:*}" --office vnp-hoan-kiem --role "${user##*:}" >/dev/null 2>&1
done
port=$((20000 + RANDOM % 20000))
"$server" --db "$db" --listen "127.0.0.1:$port" --dev --sign-ins-per-address 1000000 --now 2026-12-02T08:30:00+07:00 >"$work/out.log" 2>&1 &
pid=$!
url=http://127.0.0.1:$port
for _ in $(seq 50); do curl -sf "$url/v1/health" >/dev/null && break; sleep 0.1; done
post() { curl -sf -X POST "$url$1" -H 'content-type: application/json' -d "$2"; }
token() { python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
post /v1/auth/otp '{"phone":"0912345678"}' >/dev/null
code=$(grep -o 'code=[0-9]*' "$work/out.log" | tail -n1 | cut -d= -f2)
citizen=$(post /v1/auth/citizen "{\"phone\":\"0912345678\",\"code\":\"$code\"}" | token)
counter=$(post /v1/auth/staff '{"username":"counter-hk","password":"schemathesis-pass"}' | token)
field=$(post /v1/auth/staff '{"username":"field-hk","password":"schemathesis-pass"}' | token)
status=0
for who in citizen counter field; do
  echo "== as $who"
  # Signing out would end the token mid-run; sign-in routes lock on purpose.
  "$venv/bin/schemathesis" run "$root/docs/openapi.json" --url "$url" \
    -H "Authorization: Bearer ${!who}" --checks all --max-examples "$examples" \
    --exclude-path /v1/auth/logout --exclude-path /v1/auth/otp \
    --exclude-path /v1/auth/citizen --exclude-path /v1/auth/staff \
    --seed 20261201 --no-color || status=1
done
echo "== with no token"
"$venv/bin/schemathesis" run "$root/docs/openapi.json" --url "$url" \
  --checks all --max-examples "$examples" --seed 20261201 --no-color || status=1
exit "$status"
