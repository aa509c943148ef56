# shellcheck shell=bash
# scripts/lib/tests.sh — ./dev test: every runner writes JUnit XML report files (Surefire and
# Failsafe per module, node's test runner through its junit reporter, actionlint and ./dev's own
# shell tests through junit_write below), and the closing "N passed, N failed" is counted from
# those files, per runner and in total. A runner that wrote no report, a truncated report, or
# a runner that failed while its reports show no failure, counts as one failure.
# Needs common.sh, toolchain.sh and build.sh.

# --- writing a report --------------------------------------------------------------------------
xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<< "$1"; }

JUNIT_CASES=""
junit_case() { # name ok|fail [output]
  local name; name="$(xml_escape "$1")"
  if [ "$2" = ok ]; then
    JUNIT_CASES+="  <testcase name=\"$name\"/>"$'\n'
  else
    JUNIT_CASES+="  <testcase name=\"$name\"><failure message=\"failed\">$(xml_escape "${3:-}")</failure></testcase>"$'\n'
  fi
}

junit_write() { # file suite-name: writes the cases collected by junit_case, and forgets them
  mkdir -p "$(dirname "$1")"
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="%s">\n%s</testsuite>\n' \
    "$(xml_escape "$2")" "$JUNIT_CASES" > "$1"
  JUNIT_CASES=""
}

# --- counting reports ----------------------------------------------------------------------------
# count_reports FILE...: prints "passed failed skipped" over the <testcase> elements of JUnit XML
# reports. A testcase fails with a <failure> or <error> child and is skipped with <skipped> (node's
# todo tests too); a file that is empty or does not end by closing its <testsuite>/<testsuites>
# adds one failure. The testsuite's tests/failures/errors/skipped attributes are not used: when
# JUnit Jupiter and jqwik both run tests of one class, Surefire writes one report file whose
# testcases are all there but whose attributes are one engine's.
count_reports() {
  local f files=() broken=0
  for f in "$@"; do
    if [ -s "$f" ]; then files+=("$f")
    else broken=$(( broken + 1 )); warn "$f is empty or missing: counted as one failure"; fi
  done
  if [ ${#files[@]} -eq 0 ]; then echo "0 $broken 0"; return; fi
  awk -v broken="$broken" '
    function finish() {
      if (file != "" && !closed) {
        broken++
        printf "\033[33mwarning:\033[0m %s is not a complete report (its runner stopped while writing it): counted as one failure\n", file > "/dev/stderr"
      }
    }
    BEGIN { RS = "<" }
    FNR == 1 { finish(); file = FILENAME; incdata = 0; incomment = 0; incase = 0; closed = 0 }
    {
      r = $0
      if (incdata) { if (index(r, "]]>")) incdata = 0; next }
      if (incomment) { if (index(r, "-->")) incomment = 0; next }
      if (substr(r, 1, 8) == "![CDATA[") { if (!index(substr(r, 9), "]]>")) incdata = 1; next }
      if (substr(r, 1, 3) == "!--") { if (!index(substr(r, 4), "-->")) incomment = 1; next }
      if (r == "" || substr(r, 1, 1) == "?" || substr(r, 1, 1) == "!") next
      match(r, /^[^ \t\r\n\/>]*/); name = substr(r, 1, RLENGTH)
      if (name == "" && substr(r, 1, 1) == "/") { match(r, /^\/[^ \t\r\n>]*/); name = substr(r, 1, RLENGTH) }
      tag = r; gsub(/"[^"]*"/, "", tag)            # attribute values may hold ">"
      end = index(tag, ">"); selfclosing = end > 1 && substr(tag, end - 1, 1) == "/"
      closed = name == "/testsuite" || name == "/testsuites" || ((name == "testsuite" || name == "testsuites") && selfclosing)
      if (name == "testcase") {
        cases++
        if (selfclosing) incase = 0; else { incase = 1; state = "" }
      } else if (name == "failure" || name == "error") {
        if (incase) state = "fail"
      } else if (name == "skipped") {
        if (incase && state == "") state = "skip"
      } else if (name == "/testcase") {
        if (incase) { if (state == "fail") failed++; else if (state == "skip") skipped++ }
        incase = 0
      }
    }
    END { finish(); print cases - failed - skipped, failed + broken, skipped + 0 }
  ' "${files[@]}"
}

# tally LABEL EXIT FILE...: counts one runner's reports, prints its line, adds to the totals.
# EXIT is the runner's exit status ("" when not its own): non-zero while its reports show no
# failure counts as one.
TOTAL_PASSED=0 TOTAL_FAILED=0
tally() {
  local label="$1" exit="$2"; shift 2
  local p f s
  if [ $# -eq 0 ]; then
    p=0 f=1 s=0; warn "$label wrote no report${exit:+ (exit status $exit)}: counted as one failure"
  else
    read -r p f s < <(count_reports "$@")
    if [ -n "$exit" ] && [ "$exit" != 0 ] && [ "$f" = 0 ]; then
      f=1; warn "$label exited with status $exit while its reports show no failure: counted as one failure"
    fi
  fi
  printf '  %-34s %5s passed, %s failed%s\n' "$label" "$p" "$f" "$([ "$s" = 0 ] || echo ", $s skipped")"
  TOTAL_PASSED=$(( TOTAL_PASSED + p )); TOTAL_FAILED=$(( TOTAL_FAILED + f ))
}

maven_modules() { sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$ROOT/pom.xml"; }

# Before mvn verify: the reports of an earlier run must not be counted as this run's.
clear_maven_reports() {
  local module
  while read -r module; do
    rm -rf "$ROOT/$module/target/surefire-reports" "$ROOT/$module/target/failsafe-reports"
  done < <(maven_modules)
}

# Maven: Surefire and Failsafe per module. A module with test classes of a plugin's naming and no
# report from it counts as one failure (it did not run: a compile error upstream, or a crashed
# fork). EXIT is mvn's: non-zero with no failure counted is a build failure outside the tests.
tally_maven() { # exit
  local exit="$1" module modules plugin dir files failed_before=$TOTAL_FAILED
  mapfile -t modules < <(maven_modules)
  for module in "${modules[@]}"; do
    for plugin in surefire failsafe; do
      dir="$ROOT/$module/target/$plugin-reports"
      mapfile -t files < <(find "$dir" -maxdepth 1 -name 'TEST-*.xml' 2>/dev/null | sort)
      if [ ${#files[@]} -eq 0 ] && ! has_tests_for "$plugin" "$ROOT/$module/src/test/java"; then continue; fi
      tally "maven $module ($plugin)" "" "${files[@]}"
    done
  done
  if [ "$exit" != 0 ] && [ "$TOTAL_FAILED" = "$failed_before" ]; then
    TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
    warn "the Maven build failed outside the tests (compile or setup error): counted as one failure"
  fi
}

has_tests_for() { # plugin test-sources: any class named as the plugin's default includes
  [ -d "$2" ] || return 1
  if [ "$1" = surefire ]; then
    [ -n "$(find "$2" \( -name 'Test*.java' -o -name '*Test.java' -o -name '*Tests.java' -o -name '*TestCase.java' \) -print -quit)" ]
  else
    [ -n "$(find "$2" \( -name 'IT*.java' -o -name '*IT.java' -o -name '*ITCase.java' \) -print -quit)" ]
  fi
}

# --- runners -------------------------------------------------------------------------------------
# One test per workflow file: it passes when actionlint reports nothing for it. Writes REPORT;
# returns non-zero when one failed.
lint_workflows() { # report
  ensure_actionlint
  ensure_shellcheck
  local wf out failed=0
  for wf in "$ROOT"/.github/workflows/*.yml "$ROOT"/.github/workflows/*.yaml; do
    [ -e "$wf" ] || continue
    wf="${wf#"$ROOT"/}"
    # -pyflakes= : no Python in our run: scripts, and no check that depends on what is installed.
    if out="$(cd "$ROOT" && "$ACTIONLINT" -no-color -shellcheck="$(command -v shellcheck)" -pyflakes= "$wf" 2>&1)" && [ -z "$out" ]; then
      echo "ok   actionlint $wf"; junit_case "actionlint $wf" ok
    else
      echo "FAIL actionlint $wf"; printf '%s\n' "$out"; junit_case "actionlint $wf" fail "$out"; failed=1
    fi
  done
  junit_write "$1" actionlint
  [ "$failed" = 0 ]
}

lint_workflows_command() {
  say "GitHub workflows: actionlint $ACTIONLINT_VERSION"
  local status=0 report="$RUN/test-reports/actionlint.xml" p f
  lint_workflows "$report" || status=1
  read -r p f _ < <(count_reports "$report")
  echo "$p passed, $f failed"
  return "$status"
}

# ./dev's own shell tests (scripts/test/*.sh): each takes the report file to write.
run_script_tests() { # reports-dir: sets SCRIPT_TESTS_EXIT
  local t; SCRIPT_TESTS_EXIT=0
  for t in "$ROOT"/scripts/test/*.sh; do
    [ -e "$t" ] || continue
    "$t" "$1/scripts-$(basename "$t" .sh).xml" || SCRIPT_TESTS_EXIT=1
  done
}

# npm test of one JavaScript part; node's junit reporter writes REPORT beside the part's own tap
# output. NODE_OPTIONS pairs reporters with destinations in order: junit to REPORT (ours, first),
# then the package's --test-reporter=tap to stdout.
npm_test() { # part report
  local path; path="$(node_path "$1")" || exit 1
  in_dir "$ROOT/$1" env PATH="$path" \
    NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--test-reporter=junit --test-reporter-destination=\"$2\" --test-reporter-destination=stdout" \
    npm test
}

# The workflows, ./dev's own scripts and the JavaScript parts need nothing Maven builds, so they run
# one after another in the background while Maven verifies: on two cores each keeps one busy, and
# the suite is shorter by their time (about 25 s). Each part's output goes to .run/test-<part>.log
# (shown when it fails) and its exit status to <report-dir>/<part>.exit, read by the tally.
other_tests() { # report-dir; each part in a subshell of its own, so that one that dies stops no other
  local dir="$1" part name rc
  rc=0; ( lint_workflows "$dir/actionlint.xml" ) > "$RUN/test-actionlint.log" 2>&1 || rc=$?
  echo "$rc" > "$dir/actionlint.exit"
  rc=0; ( run_script_tests "$dir"; exit "$SCRIPT_TESTS_EXIT" ) > "$RUN/test-scripts.log" 2>&1 || rc=$?
  echo "$rc" > "$dir/scripts.exit"
  for part in "${JS_PARTS[@]}"; do
    [ -f "$ROOT/$part/package.json" ] || continue
    name="node-${part//\//-}"
    rc=0; ( npm_ci && npm_test "$part" "$dir/$name.xml" ) > "$RUN/test-$name.log" 2>&1 || rc=$?
    echo "$rc" > "$dir/$name.exit"
  done
}

# exit_of REPORT-DIR NAME LOG: the exit status other_tests recorded for NAME (1 when it recorded
# none: it did not get there); when not 0, LOG's last lines go to stderr, so that a CI log shows why.
exit_of() {
  local rc; rc="$(cat "$1/$2.exit" 2>/dev/null || echo 1)"
  if [ "$rc" != 0 ]; then
    warn "$2 exited with status $rc; the end of $3:"
    tail -n 30 "$3" >&2 || true
  fi
  echo "$rc"
}

run_tests() {
  select_java
  ensure_kubo
  ensure_chromium
  ensure_caddy
  ensure_actionlint
  ensure_shellcheck
  mkdir -p "$RUN"
  say "building the client site and the extension (the end-to-end tests use both)"
  build_client
  build_extension dev
  local report_dir="$RUN/test-reports" maven_exit=0 part name others
  rm -rf "$report_dir"; mkdir -p "$report_dir"
  clear_maven_reports
  say "in the background: actionlint $ACTIONLINT_VERSION on the workflows, scripts/test/, npm test of ${JS_PARTS[*]} (logs: $RUN/test-*.log)"
  other_tests "$report_dir" &
  others=$!
  say "Java: mvn verify (every module's tests)"
  # Every module runs even when one has failing tests (they would skip all that depend on it);
  # the failures are counted from the reports below and make the run fail.
  mvn_run -Dstyle.color=never -Dmaven.test.failure.ignore=true verify 2>&1 | tee "$RUN/test-maven.log" || maven_exit=$?
  wait "$others" || true
  echo
  say "counted from the report files ($report_dir and each module's target/*-reports)"
  tally_maven "$maven_exit"
  tally "actionlint" "$(exit_of "$report_dir" actionlint "$RUN/test-actionlint.log")" "$report_dir/actionlint.xml"
  if compgen -G "$ROOT/scripts/test/*.sh" > /dev/null; then
    local script_reports=("$report_dir"/scripts-*.xml)
    [ -e "${script_reports[0]}" ] || script_reports=()
    tally "scripts/test" "$(exit_of "$report_dir" scripts "$RUN/test-scripts.log")" "${script_reports[@]}"
  fi
  for part in "${JS_PARTS[@]}"; do
    [ -f "$ROOT/$part/package.json" ] || continue
    name="node-${part//\//-}"
    if [ -e "$report_dir/$name.xml" ]; then tally "node $part" "$(exit_of "$report_dir" "$name" "$RUN/test-$name.log")" "$report_dir/$name.xml"
    else tally "node $part" "$(exit_of "$report_dir" "$name" "$RUN/test-$name.log")"; fi
  done
  echo
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  [ "$TOTAL_FAILED" = 0 ]   # every runner that failed counted at least one failure
}
