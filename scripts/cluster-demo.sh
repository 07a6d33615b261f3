#!/usr/bin/env bash
# The scaled-out interview on this one machine: PostgreSQL, Redis, the web alone in two
# processes (`interview serve --workers 0 --processes 2`) and two `interview worker`
# processes, all in a throw-away
# folder. Ctrl+C stops everything and removes the folder.
#   scripts/cluster-demo.sh           run until Ctrl+C
#   scripts/cluster-demo.sh --check   start, answer one typed question end to end, stop
# Needs: scripts/setup.sh (the .venv), Debian's postgresql and redis-server packages
# (scripts/setup.sh --dev installs both). Ports: CLUSTER_WEB_PORT (8100), CLUSTER_PG_PORT
# (55432), CLUSTER_REDIS_PORT (56379); CLUSTER_WORKERS (2) worker processes,
# CLUSTER_WEB_PROCESSES (2) web processes.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=0
[ "${1:-}" = "--check" ] && CHECK=1
WEB_PORT=${CLUSTER_WEB_PORT:-8100}
PG_PORT=${CLUSTER_PG_PORT:-55432}
REDIS_PORT=${CLUSTER_REDIS_PORT:-56379}
WORKERS=${CLUSTER_WORKERS:-2}
WEB_PROCESSES=${CLUSTER_WEB_PROCESSES:-2}
say() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] error: %s\n' "$*" >&2; exit 1; }

[ -x .venv/bin/interview ] || die "no .venv: run scripts/setup.sh first"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || die "PostgreSQL is not installed (apt-get install postgresql)"
command -v redis-server >/dev/null || die "Redis is not installed (apt-get install redis-server)"

HERE=$(mktemp -d /tmp/interview-cluster-XXXXXX)
chmod 755 "$HERE"
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then  # PostgreSQL refuses to run as root
  AS_PG=(runuser -u postgres --)
  mkdir -p "$HERE/pg" && chown postgres: "$HERE/pg"
fi
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$HERE/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$HERE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "PostgreSQL on port $PG_PORT"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$HERE/pg/data" -U postgres --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$HERE/initdb.log"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$HERE/pg/data" -l "$HERE/pg/log" -w \
  -o "-p $PG_PORT -k $HERE/pg -c listen_addresses=127.0.0.1" start >/dev/null
"${AS_PG[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q \
  -c "create database interview" >/dev/null

say "Redis on port $REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$HERE" --save "" \
  --appendonly yes --logfile "$HERE/redis.log" &
PIDS+=($!)

export INTERVIEW_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/interview"
export INTERVIEW_QUEUE_URL="redis://127.0.0.1:$REDIS_PORT/0"
export INTERVIEW_DATA_DIR="$HERE/data"
export INTERVIEW_MEDIA_DIR="$HERE/media"  # on two machines: a shared (NFS) folder

say "the web on http://127.0.0.1:$WEB_PORT/ in $WEB_PROCESSES process(es) (no worker in them)"
.venv/bin/interview serve --workers 0 --processes "$WEB_PROCESSES" --port "$WEB_PORT" \
  >"$HERE/web.log" 2>&1 &
PIDS+=($!)
say "$WORKERS worker process(es), each loading the models once"
.venv/bin/interview worker --processes "$WORKERS" --threads 1 >"$HERE/workers.log" 2>&1 &
PIDS+=($!)

.venv/bin/python - "$WEB_PORT" "$WORKERS" "$CHECK" <<'PY'
import sys, time, httpx

port, workers, check = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
base = f"http://127.0.0.1:{port}"
deadline = time.monotonic() + 300
health: dict = {}
while time.monotonic() < deadline:
    try:
        health = httpx.get(f"{base}/health", timeout=5).json()
        if len(health.get("workers", [])) == workers:
            break
    except (httpx.TransportError, ValueError):
        pass
    time.sleep(1)
else:
    sys.exit(f"[cluster] error: {workers} worker(s) did not come up: {health}")
for worker in health["workers"]:
    print(f"[cluster] worker {worker['id']} on {worker['host']}: {worker['engine']}")
print(f"[cluster] ready: {len(health['workers'])} workers, database {health['database']}, "
      f"queue {health['queue']}")
if not check:
    sys.exit(0)
client = httpx.Client(base_url=base, timeout=30)
def post(url: str, body: dict) -> dict:
    token = client.cookies.get("interview_csrf")
    response = client.post(url, json=body, headers={"X-CSRF-Token": token} if token else {})
    response.raise_for_status()
    return response.json()
session = post("/api/practice-sessions", {"lang": "ko", "job_family": "office", "n_questions": 3})
question = session["questions"][0]
answer = post(f"/api/practice-sessions/{session['id']}/questions/{question['id']}/answers",
              {"text": "지난 학기 팀 프로젝트에서 일정이 밀렸을 때 제가 역할을 다시 나눠 "
                       "기한 안에 발표를 마쳤습니다. 그 결과 우리 팀이 최우수상을 받았습니다."})
while time.monotonic() < deadline:
    status = client.get(f"/api/answers/{answer['answer_id']}").json()
    if status["status"] in ("done", "failed"):
        break
    time.sleep(0.5)
if status["status"] != "done":
    sys.exit(f"[cluster] error: the answer ended {status['status']}: {status.get('error')}")
print(f"[cluster] check passed: a typed answer went web -> Redis -> worker -> PostgreSQL "
      f"and its report is ready (overall {status['report']['scores']['overall']})")
PY

if [ "$CHECK" = 1 ]; then
  exit 0
fi
say "open http://127.0.0.1:$WEB_PORT/ ; logs in $HERE ; Ctrl+C stops everything"
wait
