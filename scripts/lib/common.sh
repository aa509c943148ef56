# shellcheck shell=bash
# scripts/lib/common.sh — what every part of ./dev (and bench/run) uses: the folders, messages,
# and the one way to run a step with its output in a log (the log's tail is shown when it fails).

# shellcheck disable=SC2034 # TOOLS and RUN: used by the other files of scripts/lib
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
TOOLS="$ROOT/.tools"   # everything ./dev installs (git-ignored)
RUN="$ROOT/.run"       # pids, logs, data and reports of what ./dev runs (git-ignored)

say()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# run_logged [-n LINES] LOG WHAT COMMAND...: runs COMMAND with its output in LOG; when it fails,
# shows LOG's last LINES lines (20) and dies with "WHAT failed (log: LOG)".
run_logged() {
  local lines=20
  if [ "$1" = -n ]; then lines="$2"; shift 2; fi
  local log="$1" what="$2"; shift 2
  mkdir -p "$(dirname "$log")"
  "$@" > "$log" 2>&1 || { tail -n "$lines" "$log" >&2; die "$what failed (log: $log)"; }
}

in_dir() { # dir command...: runs command in dir (a subshell)
  ( cd "$1" && shift && "$@" )
}
