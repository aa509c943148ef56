# shellcheck shell=bash
# scripts/lib/topology.sh — the local network of ./dev up: LOCAL_SERVERS servers on 127.0.0.2,
# 127.0.0.3, ..., each a watcher that runs kubo, Payara Micro and the sync agent, and the client
# site. Their addresses, ports and settings are written once, in the testkit's LocalNetwork, which
# the end-to-end tests start too; this file only calls its launcher (LocalNetworkMain), which
# writes .run/network.json and a pid file per process it starts (processes.sh's format).
# Needs common.sh, toolchain.sh (select_java) and processes.sh; LOCAL_SERVERS is set in ./dev.

launcher() { "$JAVA_HOME/bin/java" -Dcomments.repo="$ROOT" -jar "$ROOT/testkit/target/testkit.jar" "$@"; }

network_is_running() { # true if a watcher ./dev up started still runs
  local pf
  for pf in "$RUN"/pids/server-*-watcher.pid; do
    [ -e "$pf" ] && is_ours "$(cat "$pf")" "$(cat "$pf.marker" 2>/dev/null)" && return 0
  done
  return 1
}

start_network() {
  say "starting $LOCAL_SERVERS servers (a watcher each: kubo, then Payara Micro, then the sync agent) and the client site"
  launcher up "$RUN" "$LOCAL_SERVERS" \
    || die "the local network did not start; logs: $RUN/server-*/logs/ (watcher.log, kubo.log, payara.log) and $RUN/client/"
  echo
  echo "The extension (dev build, opens the local client): open chrome://extensions, turn on Developer"
  echo "mode, choose Load unpacked and pick $ROOT/chrome-extension/dist-dev. Pin \"Comments on any page"
  echo "(dev)\", then click it (or press Alt+Shift+C) on any http(s) page."
  echo "./dev status shows what runs (and each watcher's children); ./dev stop stops it."
}

network_status() { # [--json]
  if [ ! -f "$ROOT/testkit/target/testkit.jar" ]; then
    if [ "${1:-}" = "--json" ]; then echo '{"servers":[],"client":null}'; else echo "nothing has been started (./dev up)"; fi
    return
  fi
  select_java >/dev/null 2>&1
  launcher status "$RUN" "$@"
}

server_config() { echo "$RUN/server-$1/server.properties"; } # n: the settings file the launcher wrote
