# shellcheck shell=bash
# scripts/lib/tests.sh — ./dev test and ./dev lint-workflows. Needs common.sh, toolchain.sh and build.sh.

# One test per workflow file: it passes when actionlint reports nothing for it.
# Sets LINT_PASSED and LINT_FAILED; returns non-zero when one failed.
lint_workflows() {
  ensure_actionlint
  ensure_shellcheck
  LINT_PASSED=0 LINT_FAILED=0
  local wf out
  for wf in "$ROOT"/.github/workflows/*.yml "$ROOT"/.github/workflows/*.yaml; do
    [ -e "$wf" ] || continue
    wf="${wf#"$ROOT"/}"
    # -pyflakes= : no Python in our run: scripts, and no check that depends on what is installed.
    if out="$(cd "$ROOT" && "$ACTIONLINT" -no-color -shellcheck="$(command -v shellcheck)" -pyflakes= "$wf" 2>&1)" && [ -z "$out" ]; then
      echo "ok   actionlint $wf"; LINT_PASSED=$(( LINT_PASSED + 1 ))
    else
      echo "FAIL actionlint $wf"; printf '%s\n' "$out"; LINT_FAILED=$(( LINT_FAILED + 1 ))
    fi
  done
  [ "$LINT_FAILED" = 0 ]
}

lint_workflows_command() {
  say "GitHub workflows: actionlint $ACTIONLINT_VERSION"
  local status=0
  lint_workflows || status=1
  echo "$LINT_PASSED passed, $LINT_FAILED failed"
  return "$status"
}

# Sums the per-module totals Surefire prints ("Tests run: N, Failures: N, Errors: N, Skipped: N"
# without " -- in <class>"): its XML reports cannot be summed, since two engines of one class
# (JUnit Jupiter and jqwik) write the same report file. Prints "passed failed".
count_maven_tests() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+/ && !/ -- in / {
      gsub(/,/, ""); for (i = 1; i <= NF; i++) {
        if ($i == "run:") t += $(i+1); if ($i == "Failures:") f += $(i+1);
        if ($i == "Errors:") e += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
    END { print t - f - e - s, f + e }'
}

run_tests() {
  select_java
  ensure_kubo
  ensure_chromium
  ensure_actionlint
  ensure_shellcheck
  mkdir -p "$RUN"
  say "building the client site and the extension (the end-to-end tests use both)"
  build_client
  build_extension dev
  local status=0 log="$RUN/test-maven.log" passed failed
  say "Java: mvn verify (every module's tests)"
  # Every module runs even when one has failing tests (they would skip all that depend on it);
  # the failures are counted below and make the run fail.
  mvn_run -Dstyle.color=never -Dmaven.test.failure.ignore=true verify 2>&1 | tee "$log" || status=1
  read -r passed failed < <(count_maven_tests "$log")
  if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
    failed=1; warn "the Maven build failed outside the tests (compile or setup error): counted as one failure"
  fi
  say "GitHub workflows: actionlint $ACTIONLINT_VERSION (one test per workflow file)"
  lint_workflows || status=1
  passed=$(( passed + LINT_PASSED )); failed=$(( failed + LINT_FAILED ))
  local part p f part_log path
  for part in "${JS_PARTS[@]}"; do
    [ -f "$ROOT/$part/package.json" ] || continue
    say "JavaScript: $part (npm test)"
    npm_ci
    part_log="$RUN/test-${part//\//-}.log"
    path="$(node_path "$part")" || exit 1
    if in_dir "$ROOT/$part" env PATH="$path" npm test 2>&1 | tee "$part_log"; then :; else status=1; fi
    p=$(grep -E '^# pass [0-9]+' "$part_log" | tail -1 | awk '{print $3}')
    f=$(grep -E '^# fail [0-9]+' "$part_log" | tail -1 | awk '{print $3}')
    if [ -z "$p" ]; then p=0; f=1; warn "$part's tests printed no summary: counted as one failure"; fi
    passed=$(( passed + p )); failed=$(( failed + ${f:-0} ))
  done
  echo
  echo "$passed passed, $failed failed"
  [ "$status" = 0 ] && [ "$failed" = 0 ]
}
