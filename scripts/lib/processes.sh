# shellcheck shell=bash
# scripts/lib/processes.sh — the processes ./dev started: each one's pid and marker under
# .run/pids, started in its own session, stopped by pid (and only while its command line still
# carries the marker). Needs common.sh.

pid_file() { echo "$RUN/pids/$1.pid"; }

# A pid counts as ours only if its command line still contains the marker we started it with.
is_ours() {
  local pid="$1" marker="$2"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$marker"
}

start_bg() { # name marker logfile command...
  local name="$1" marker="$2" log="$3"; shift 3
  mkdir -p "$RUN/pids" "$(dirname "$log")"
  local pf; pf="$(pid_file "$name")"
  if [ -f "$pf" ] && is_ours "$(cat "$pf")" "$marker"; then
    say "$name already running (pid $(cat "$pf"))"; return
  fi
  setsid "$@" >> "$log" 2>&1 < /dev/null &
  echo "$!" > "$pf"
  echo "$marker" > "$pf.marker"
}

stop_one() { # name
  local pf pid marker; pf="$(pid_file "$1")"
  [ -f "$pf" ] || return 0
  pid="$(cat "$pf")"; marker="$(cat "$pf.marker" 2>/dev/null || true)"
  if is_ours "$pid" "$marker"; then
    kill -TERM "$pid" 2>/dev/null || true
    # A watcher stops its children first (Payara up to 20 s, kubo up to 15 s).
    for _ in $(seq 1 900); do is_ours "$pid" "$marker" || break; sleep 0.1; done
    if is_ours "$pid" "$marker"; then kill -KILL "$pid" 2>/dev/null || true; fi
    say "stopped $1 (pid $pid)"
  fi
  rm -f "$pf" "$pf.marker"
}

stop_all() { # everything with a pid file
  local any=0 pf
  for pf in "$RUN"/pids/*.pid; do
    [ -e "$pf" ] || continue
    any=1; stop_one "$(basename "$pf" .pid)"
  done
  [ "$any" = 1 ] || say "nothing of ours is running"
}

wait_for() { # description seconds command...: until command succeeds; fails after seconds
  local secs="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
