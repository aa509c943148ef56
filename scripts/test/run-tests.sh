#!/usr/bin/env bash
# scripts/test/run-tests.sh [REPORT.xml] — ./dev test's run_tests (scripts/lib/tests.sh) from the
# runners to the closing line, on a made-up repository in a temporary folder: Maven is a stub
# that writes reports (module a: tests and failures; module b: test classes but no report, as
# after a crash; module c: no tests) and exits 1, and three npm parts run node's test runner for
# real (p1 passes, p2 has a failing test, p3 exits before writing a report). Installing and
# building are stubbed out. Prints one line per check; exits non-zero when one failed.
# Settings and stubs below are read and called by the sourced scripts/lib files:
# shellcheck disable=SC2034,SC2317
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FAKE="$(mktemp -d)"
trap 'rm -rf "$FAKE"' EXIT
mkdir -p "$FAKE/scripts"
cp -r "$SRC/scripts/lib" "$FAKE/scripts/lib"
ROOT="$FAKE"
KUBO_VERSION=v0 ACTIONLINT_VERSION=v0
for lib in common toolchain build tests; do
  # shellcheck source=/dev/null
  source "$FAKE/scripts/lib/$lib.sh"
done
# The checks' own report, kept apart from the made-up run's.
OWN_CASES="" FAILED=0
check() { # name expected actual
  local saved="$JUNIT_CASES"; JUNIT_CASES="$OWN_CASES"
  if [ "$2" = "$3" ]; then echo "ok   $1"; junit_case "$1" ok
  else echo "FAIL $1: expected \"$2\", got \"$3\""; junit_case "$1" fail "expected \"$2\", got \"$3\""; FAILED=1; fi
  OWN_CASES="$JUNIT_CASES"; JUNIT_CASES="$saved"
}

# --- the made-up repository ---------------------------------------------------------------
printf '<project>\n  <modules>\n    <module>a</module>\n    <module>b</module>\n    <module>c</module>\n  </modules>\n</project>\n' > "$FAKE/pom.xml"
mkdir -p "$FAKE/a/src/test/java" "$FAKE/b/src/test/java" "$FAKE/c/src/main/java"
touch "$FAKE/a/src/test/java/ATest.java" "$FAKE/a/src/test/java/AIT.java" "$FAKE/b/src/test/java/BTest.java"
# A report of an earlier run (of a test class since removed): not counted as this run's.
mkdir -p "$FAKE/a/target/surefire-reports"
printf '<testsuite><testcase name="old"><failure/></testcase></testsuite>\n' > "$FAKE/a/target/surefire-reports/TEST-old.xml"
for p in p1 p2 p3; do mkdir -p "$FAKE/$p/test"; done
printf '{"name":"p1","private":true,"scripts":{"test":"node --test --test-reporter=tap test/*.test.js"}}\n' > "$FAKE/p1/package.json"
printf '{"name":"p2","private":true,"scripts":{"test":"node --test --test-reporter=tap test/*.test.js"}}\n' > "$FAKE/p2/package.json"
printf '{"name":"p3","private":true,"scripts":{"test":"echo the build failed && exit 3"}}\n' > "$FAKE/p3/package.json"
cat > "$FAKE/p1/test/one.test.js" <<'JS'
const test = require('node:test');
test('one', () => {});
test('parent', async (t) => { await t.test('child a', () => {}); await t.test('child b', () => {}); });
test('later', { todo: true }, () => {});
JS
cat > "$FAKE/p2/test/two.test.js" <<'JS'
const test = require('node:test'); const assert = require('node:assert');
test('passes', () => {});
test('fails', () => { assert.strictEqual(1, 2); });
JS

# --- stubs: nothing is installed or built -------------------------------------------------------
select_java() { :; }; ensure_kubo() { :; }; ensure_chromium() { :; }; ensure_caddy() { :; }; ensure_actionlint() { :; }
ensure_shellcheck() { :; }; build_client() { :; }; build_extension() { :; }; npm_ci() { :; }
node_path() { echo "$PATH"; }
JS_PARTS=(p1 p2 p3)
lint_workflows() { junit_case "actionlint stub.yml" ok; junit_write "$1" actionlint; }
mvn_run() {
  mkdir -p "$FAKE/a/target/surefire-reports" "$FAKE/a/target/failsafe-reports"
  printf '<testsuite tests="1"><testcase name="x"/><testcase name="y"><error/></testcase><testcase name="z"/></testsuite>\n' \
    > "$FAKE/a/target/surefire-reports/TEST-a.ATest.xml"
  printf '<testsuite><testcase name="it"/><testcase name="off"><skipped/></testcase></testsuite>\n' \
    > "$FAKE/a/target/failsafe-reports/TEST-a.AIT.xml"
  echo "[ERROR] BUILD FAILURE (module b did not compile)"
  return 1
}

status=0
run_tests > "$FAKE/out" 2>&1 || status=$?
line() { grep '^  ' "$FAKE/out" | tr -s ' ' | sed 's/^ //' | grep -F -- "$1" || true; }
check "maven a (surefire): this run's reports only" "maven a (surefire) 2 passed, 1 failed" "$(line 'maven a (surefire)')"
check "maven a (failsafe): skipped apart" "maven a (failsafe) 1 passed, 0 failed, 1 skipped" "$(line 'maven a (failsafe)')"
check "maven b (surefire): test classes and no report count one failure" "maven b (surefire) 0 passed, 1 failed" "$(line 'maven b (surefire)')"
check "maven b (failsafe) and c: no tests, no line" "" "$(line 'maven b (failsafe)')$(line 'maven c')"
check "actionlint" "actionlint 1 passed, 0 failed" "$(line 'actionlint')"
check "node p1: leaf tests counted, todo skipped" "node p1 3 passed, 0 failed, 1 skipped" "$(line 'node p1')"
check "node p2: a failing test" "node p2 1 passed, 1 failed" "$(line 'node p2')"
check "node p3: exited before any report" "node p3 0 passed, 1 failed" "$(line 'node p3')"
check "a part that failed in the background shows its log's end" "1" \
  "$(grep -c 'node-p3 exited with status 3; the end of' "$FAKE/out")"
check "the closing line totals every runner" "8 passed, 4 failed" "$(tail -n 1 "$FAKE/out")"
check "run_tests fails" "1" "$status"
if [ "$FAILED" != 0 ]; then echo "--- run_tests' output:"; cat "$FAKE/out"; fi

JUNIT_CASES="$OWN_CASES"
if [ -n "${1:-}" ]; then junit_write "$1" scripts/test/run-tests.sh; fi
exit "$FAILED"
