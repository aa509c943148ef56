# shellcheck shell=bash
# scripts/lib/topology.sh — the local network of ./dev up (docs/architecture.md, "Configuration"):
# LOCAL_SERVERS servers on 127.0.0.2, 127.0.0.3, ..., each a watcher that runs kubo, Payara Micro
# and the sync agent, and the client site at CLIENT_URL. Needs common.sh, toolchain.sh (IPFS,
# select_java) and processes.sh; LOCAL_SERVERS and CLIENT_URL are set in ./dev.

server_ip()   { echo "127.0.0.$(( $1 + 1 ))"; }
rpc_url()     { echo "http://$(server_ip "$1"):5001"; }
gateway_url() { echo "http://$(server_ip "$1"):8080"; }
api_url()     { echo "http://$(server_ip "$1"):8000"; }
kubo_answers() { curl -sf -m 2 -X POST "$1/api/v0/id" ; }
peer_id()     { IPFS_PATH="$RUN/server-$1/ipfs" "$IPFS" config Identity.PeerID; }

kubo_configure() { # n [--bootstrap ...]: the one script that configures a server's daemon
  local n="$1"; shift
  "$ROOT/scripts/kubo-configure" --ipfs "$IPFS" --repo "$RUN/server-$n/ipfs" --ip "$(server_ip "$n")" \
    --api-port 5001 --gateway-port 8080 --swarm-port 4001 --ws-port 4002 \
    --http-announce "/ip4/$(server_ip "$n")/tcp/8000/http" "$@" > /dev/null
}

payara_jar() { # the first of server-war/target/payara-micro-*.jar, or nothing
  local jars=("$ROOT"/server-war/target/payara-micro-*.jar)
  if [ -e "${jars[0]}" ]; then echo "${jars[0]}"; fi
}
# Our app answers /health with JSON (200, or 503 while its daemon is down); while Payara is
# still deploying, the container itself answers 500 or 503 without it.
server_answers() { curl -s -m 2 "$1/health" | grep -q '"status"'; }
client_answers() { curl -sf -m 2 -o /dev/null "${CLIENT_URL}config.json"; }

# Everything a server's processes read: one data folder (.run/server-n: kubo repo, comment store,
# logs, Payara's files, the watcher's pid files and status) and the binaries ./dev built.
server_env() { # n: sets SERVER_ENV
  local n="$1" ip; ip="$(server_ip "$n")"
  SERVER_ENV=(COMMENTS_DATA_DIR="$RUN/server-$n" COMMENTS_HTTP_HOST="$ip" COMMENTS_HTTP_PORT=8000
    COMMENTS_IPFS_API="$(rpc_url "$n")" COMMENTS_ANNOUNCE="/ip4/$ip/tcp/8000/http"
    COMMENTS_WATCHER_IPFS="$IPFS" COMMENTS_WATCHER_PAYARA_JAR="$(payara_jar)"
    COMMENTS_WATCHER_WAR="$ROOT/server-war/target/server-war.war"
    COMMENTS_WATCHER_SYNC_JAR="$ROOT/sync-agent/target/sync-agent.jar")
  [ -n "${COMMENTS_SYNC_INTERVAL_MS:-}" ] && SERVER_ENV+=(COMMENTS_SYNC_INTERVAL_MS="$COMMENTS_SYNC_INTERVAL_MS")
  return 0
}

start_watcher() { # n: one watcher per server starts kubo, then Payara Micro, then the sync agent
  local n="$1"; server_env "$n"
  start_bg "server-$n-watcher" "$RUN/server-$n" "$RUN/server-$n/logs/watcher.log" \
    env "${SERVER_ENV[@]}" "$JAVA_HOME/bin/java" -Xmx64m -Dcomments.server="$RUN/server-$n" \
      -jar "$ROOT/watcher-agent/target/watcher-agent.jar"
}

watcher_status() { # n
  local n="$1"; shift; server_env "$n"
  env "${SERVER_ENV[@]}" "$JAVA_HOME/bin/java" -jar "$ROOT/watcher-agent/target/watcher-agent.jar" status "$@" 2>/dev/null
}

# Configures every server's kubo repo, then starts a watcher per server.
start_servers() {
  mkdir -p "$RUN"
  # Initialise every repo first, so that each daemon can be bootstrapped to the others' PeerIDs.
  local n m bootstrap
  for n in $(seq 1 "$LOCAL_SERVERS"); do mkdir -p "$RUN/server-$n/logs"; kubo_configure "$n"; done
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    bootstrap=()
    for m in $(seq 1 "$LOCAL_SERVERS"); do
      [ "$m" = "$n" ] && continue
      bootstrap+=(--bootstrap "/ip4/$(server_ip "$m")/tcp/4001/p2p/$(peer_id "$m")")
    done
    kubo_configure "$n" "${bootstrap[@]}"
  done
  for n in $(seq 1 "$LOCAL_SERVERS"); do start_watcher "$n"; done
}

# Waits for every server, then serves the client site with a config naming them.
start_client_when_servers_answer() {
  local n servers=()
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    wait_for "server $n" 180 server_answers "$(api_url "$n")" \
      || die "server $n did not answer in 180 s; logs: $RUN/server-$n/logs/ (watcher.log, kubo.log, payara.log)"
  done
  for n in $(seq 1 "$LOCAL_SERVERS"); do servers+=(--server "$(server_ip "$n")"); done
  mkdir -p "$RUN/client"
  node "$ROOT/client-site/scripts/local-config.mjs" "${servers[@]}" --out "$RUN/client/config.json" > /dev/null \
    || die "could not write the client's config for the local network"
  start_bg client-site "$ROOT/client-site/scripts/serve.mjs" "$RUN/client/serve.log" \
    node "$ROOT/client-site/scripts/serve.mjs" --host 127.0.0.1 --port 4173 --config "$RUN/client/config.json"
  wait_for "client site" 30 client_answers || die "the client site did not answer in 30 s; log: $RUN/client/serve.log"
}

print_network() {
  local n
  echo
  say "started the local network:"
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    printf '  server-%s  comment API %s  (data and logs in %s)\n' "$n" "$(api_url "$n")" "$RUN/server-$n"
    printf '            kubo PeerID %s\n' "$(peer_id "$n")"
    printf '            Kubo RPC %s  gateway %s  libp2p /ip4/%s/tcp/4001 and /tcp/4002/ws\n' \
      "$(rpc_url "$n")" "$(gateway_url "$n")" "$(server_ip "$n")"
  done
  echo
  echo "Each server runs under its watcher (kubo, then Payara Micro, then the sync agent when built),"
  echo "which restarts whatever dies, hangs or leaks. Try: curl $(api_url 1)/health"
  echo
  echo "Open the client: ${CLIENT_URL}  (paste any URL, or open ${CLIENT_URL}#<urlHash>)"
  echo
  echo "The extension (dev build, opens the local client): open chrome://extensions, turn on Developer"
  echo "mode, choose Load unpacked and pick $ROOT/chrome-extension/dist-dev. Pin \"Comments on any page"
  echo "(dev)\", then click it (or press Alt+Shift+C) on any http(s) page."
  echo "./dev status shows what runs (and each watcher's children); ./dev stop stops it."
}

network_status() { # [--json]
  local json=0; [ "${1:-}" = "--json" ] && json=1
  local n entries=() up
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    [ -d "$RUN/server-$n" ] || continue
    up=false
    if curl -sf -m 2 -o /dev/null "$(api_url "$n")/health"; then up=true; fi  # health 200: store and daemon answer
    entries+=("{\"name\":\"server-$n\",\"api\":\"$(api_url "$n")\",\"rpc\":\"$(rpc_url "$n")\",\"gateway\":\"$(gateway_url "$n")\",\"up\":$up}")
  done
  if [ "$json" = 1 ]; then
    local IFS=,
    local client=null
    client_answers && client="\"$CLIENT_URL\""
    printf '{"servers":[%s],"client":%s}\n' "${entries[*]}" "$client"
    return
  fi
  if [ ${#entries[@]} -eq 0 ]; then echo "nothing has been started (./dev up)"; return; fi
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    [ -d "$RUN/server-$n" ] || continue
    if kubo_answers "$(rpc_url "$n")" >/dev/null 2>&1; then up="up"; else up="down"; fi
    local api="down"; server_answers "$(api_url "$n")" && api="up"
    printf 'server-%s  api %-4s %s  kubo %-4s rpc %s  gateway %s\n' "$n" "$api" "$(api_url "$n")" "$up" \
      "$(rpc_url "$n")" "$(gateway_url "$n")"
  done
  for n in $(seq 1 "$LOCAL_SERVERS"); do
    [ -f "$RUN/server-$n/watcher/status.json" ] || continue
    echo; echo "server-$n watcher:"; select_java >/dev/null 2>&1; watcher_status "$n" || true
  done
  echo
  if client_answers; then echo "client site: $CLIENT_URL"; else echo "client site: not running"; fi
}
