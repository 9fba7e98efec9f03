#!/usr/bin/env bash
# Security scan of a throwaway local instance with sqlmap and wapiti (Debian packages). Not part of CI:
# it takes minutes and writes junk data. Usage:
#   scripts/security-scan.sh [sqlite|postgres|both]     (postgres needs DATABASE_URL or TEST_DATABASE_URL)
# SCAN_SECONDS caps each sqlmap target (default 60), WAPITI_SECONDS each wapiti run's crawl (default 60;
# each attack module then gets a tenth of it), WAPITI_FOLDERS the folders wapiti scans.
# Reports go to data/security-scan/<time>/ ; the summary is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

WHICH="${1:-sqlite}"
SCAN_SECONDS="${SCAN_SECONDS:-60}"
WAPITI_SECONDS="${WAPITI_SECONDS:-60}"
OUT="$PWD/data/security-scan/$(date -u +%Y%m%dT%H%M%SZ)"
PG_URL="${DATABASE_URL:-${TEST_DATABASE_URL:-}}"
mkdir -p "$OUT"
command -v sqlmap >/dev/null && command -v wapiti >/dev/null || { echo "needs sqlmap and wapiti (apt-get install sqlmap wapiti)"; exit 1; }

npm run build >/dev/null

SERVER_PID=""
SCHEMA=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$SCHEMA" ]; then psql -q "$PG_URL" -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true; fi
  SERVER_PID=""; SCHEMA=""
}
trap cleanup EXIT

# Signs in with curl; prints the session cookie value. $1 base URL, $2 email, $3 password.
sign_in() {
  local jar; jar="$(mktemp)"
  local token
  token="$(curl -s -c "$jar" -b "$jar" "$1/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "email=$2" --data-urlencode "password=$3" "$1/login"
  awk '$6 == "salesbench.sid" { print $7 }' "$jar"
  rm -f "$jar"
}

# First id in a page's links: $1 base, $2 cookie, $3 path, $4 link prefix (e.g. /openings/).
first_id() {
  curl -s -b "salesbench.sid=$2" "$1$3" | grep -o "href=\"$4[0-9]*\"" | head -1 | grep -o '[0-9]*' || true
}

# sqlmap, time-boxed, low level and risk (no destructive payloads). $1 name, rest: sqlmap arguments.
run_sqlmap() {
  local name="$1"; shift
  echo "  sqlmap: $name"
  timeout "$SCAN_SECONDS" sqlmap --batch --level 1 --risk 1 --flush-session --output-dir "$OUT/sqlmap" "$@" >"$OUT/$DB-sqlmap-$name.log" 2>&1 || true
  if grep -Eq "is vulnerable|appears to be .*injectable|might be injectable" "$OUT/$DB-sqlmap-$name.log"; then
    echo "    FINDING:"; grep -E "is vulnerable|injectable" "$OUT/$DB-sqlmap-$name.log" | sed 's/^/      /' | sort -u
  else
    echo "    nothing injectable found ($(grep -c 'testing ' "$OUT/$DB-sqlmap-$name.log" || true) tests)"
  fi
}

scan() {
  DB="$1"
  local data_dir; data_dir="$(mktemp -d)"
  local env=(DATA_DIR="$data_dir" LOG_LEVEL=warn)
  if [ "$DB" = postgres ]; then
    [ -n "$PG_URL" ] || { echo "postgres needs DATABASE_URL or TEST_DATABASE_URL"; exit 1; }
    SCHEMA="scan_$(date +%s)"
    psql -q "$PG_URL" -c "create schema $SCHEMA" >/dev/null
    local sep='?'; case "$PG_URL" in *\?*) sep='&' ;; esac
    env+=(DATABASE_URL="${PG_URL}${sep}options=-c%20search_path%3D${SCHEMA}")
  fi
  echo "== $DB: seeding a demo company"
  local accounts; accounts="$(env "${env[@]}" node dist/scripts/demo.js)"
  local admin_email admin_pw iv_email iv_pw
  admin_email="$(awk '$1 == "admin" { print $2 }' <<<"$accounts")"; admin_pw="$(awk '$1 == "admin" { print $3 }' <<<"$accounts")"
  iv_email="$(awk '$1 == "interviewer" { print $2 }' <<<"$accounts")"; iv_pw="$(awk '$1 == "interviewer" { print $3 }' <<<"$accounts")"
  local port=$((20000 + RANDOM % 20000))
  env "${env[@]}" PORT="$port" node dist/src/server.js >"$OUT/$DB-server.log" 2>&1 &
  SERVER_PID=$!
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

  local admin iv opening candidate application interview
  admin="$(sign_in "$base" "$admin_email" "$admin_pw")"
  iv="$(sign_in "$base" "$iv_email" "$iv_pw")"
  opening="$(first_id "$base" "$admin" /openings /openings/)"
  candidate="$(first_id "$base" "$admin" /candidates /candidates/)"
  interview="$(first_id "$base" "$iv" /interviews /interviews/)"
  application="$(curl -s -b "salesbench.sid=$admin" "$base/candidates/$candidate" | grep -o 'href="/applications/[0-9]*"' | head -1 | grep -o '[0-9]*' || true)"
  echo "   instance $base: opening $opening, candidate $candidate, application $application, interview $interview"

  local A=(--cookie "salesbench.sid=$admin")
  run_sqlmap candidate-search -u "$base/candidates?q=anna&opening=$opening&stage=1&source=inbound&status=active&page=1" "${A[@]}"
  run_sqlmap comparison -u "$base/openings/$opening/compare?sort=total&status=all&stage=1&ids=$application" "${A[@]}"
  run_sqlmap new-candidate -u "$base/candidates" --data "_csrf=x&name=Scan+Test&email=scan%40example.test&phone=&linkedin_url=&source=referral&referrer=Ann&inbound_channel=&notes=n&opening_id=$opening" \
    --csrf-token _csrf --csrf-url "$base/candidates/new" "${A[@]}"
  run_sqlmap stage-change -u "$base/applications/$application/stage" --data "_csrf=x&stage_id=1&note=x" --csrf-token _csrf --csrf-url "$base/applications/$application" "${A[@]}"
  run_sqlmap scorecard -u "$base/interviews/$interview/scorecard" --data "_csrf=x&action=draft&key_takeaways=k&recommendation=yes" --csrf-token _csrf --csrf-url "$base/interviews/$interview" --cookie "salesbench.sid=$iv"
  # Sign-in is throttled after 10 failures (429): sqlmap sees that, not the query.
  run_sqlmap login -u "$base/login" --data "_csrf=x&email=a%40b.test&password=p" --csrf-token _csrf --csrf-url "$base/login" --ignore-code 401,429

  # wapiti 3.0.4's --exclude breaks on Python 3.11, so each run is scoped to one folder: /logout and
  # /language (which would end or change the session) lie outside them.
  echo "  wapiti (modules that stay on this host; ssrf/xxe/wapp/nikto reach outside, brute-force ones are left out)"
  for folder in ${WAPITI_FOLDERS:-candidates openings interviews}; do
    timeout $((WAPITI_SECONDS * 4 + 60)) wapiti -u "$base/$folder/" --scope folder -H "Cookie: salesbench.sid=$admin" \
      -m "sql,blindsql,exec,file,xss,permanentxss,crlf,redirect,csp,http_headers,cookieflags,methods,csrf,shellshock,htaccess" \
      --max-scan-time "$WAPITI_SECONDS" --max-attack-time $((WAPITI_SECONDS / 10 + 1)) --flush-session -f txt -o "$OUT/$DB-wapiti-$folder.txt" -v 0 >"$OUT/$DB-wapiti-$folder.log" 2>&1 || true
    if [ -f "$OUT/$DB-wapiti-$folder.txt" ]; then
      echo "    /$folder/: $(grep -c '^http\|^GET\|^POST' "$OUT/$DB-wapiti-$folder.txt" || true) request lines in the report; findings:"
      awk '/^Summary of vulnerabilities/,/^\*{10}/' "$OUT/$DB-wapiti-$folder.txt" | grep -E ':\s*[1-9]' | sed 's/^/      /' || echo "      none"
    else
      echo "    /$folder/: wapiti wrote no report (see $OUT/$DB-wapiti-$folder.log)"
    fi
  done
  cleanup
  rm -rf "$data_dir"
}

case "$WHICH" in
  sqlite) scan sqlite ;;
  postgres) scan postgres ;;
  both) scan sqlite; scan postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]"; exit 1 ;;
esac
echo "reports: $OUT"
