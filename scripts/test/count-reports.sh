#!/usr/bin/env bash
# scripts/test/count-reports.sh [REPORT.xml] — the counting behind ./dev test's closing
# "N passed, N failed" (scripts/lib/tests.sh), checked on small report files shaped like those
# Surefire/Failsafe, node's junit reporter and junit_write produce. ./dev test runs it and counts
# its REPORT; on its own it prints one line per check and exits non-zero when one failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/common.sh
source "$ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/tests.sh
source "$ROOT/scripts/lib/tests.sh"

FIX="$(mktemp -d)"
trap 'rm -rf "$FIX"' EXIT
FAILED=0
check() { # name expected actual
  if [ "$2" = "$3" ]; then
    echo "ok   $1"; junit_case "$1" ok
  else
    echo "FAIL $1: expected \"$2\", got \"$3\""; junit_case "$1" fail "expected \"$2\", got \"$3\""; FAILED=1
  fi
}

# Surefire, one class run by JUnit Jupiter and jqwik: the attributes are one engine's (tests="2"),
# the five testcases are all there; output in CDATA may look like report XML.
cat > "$FIX/TEST-mixed.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="a.MixedTest" time="0.4" tests="2" errors="0" skipped="0" failures="0">
  <properties>
    <property name="java.version" value="25"/>
  </properties>
  <testcase name="jupiterPasses" classname="a.MixedTest" time="0.1"/>
  <testcase name="propertyPasses" classname="a.MixedTest" time="0.2">
    <system-out><![CDATA[printed <testcase name="fake"/> and </testsuite> < > &
on two lines]]></system-out>
  </testcase>
  <testcase name="fails" classname="a.MixedTest" time="0.01">
    <failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="org.opentest4j.AssertionFailedError"><![CDATA[org.opentest4j.AssertionFailedError: expected: <1> but was: <2>
	at a.MixedTest.fails(MixedTest.java:9)]]></failure>
    <system-out><![CDATA[<failure>]]></system-out>
  </testcase>
  <testcase name="throws" classname="a.MixedTest" time="0.01">
    <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom</error>
  </testcase>
  <testcase name="disabled" classname="a.MixedTest" time="0">
    <skipped message="not today"/>
  </testcase>
</testsuite>
XML
check "Surefire: testcases counted, not the attributes of one engine" "2 2 1" "$(count_reports "$FIX/TEST-mixed.xml")"

# node --test --test-reporter=junit: nested suites, skip and todo, a file that failed to load,
# attribute values holding ">" (node does not escape it), summary comments.
cat > "$FIX/node.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<testsuites>
	<testcase name="passes" time="0.001677" classname="test" file="/x/a.test.js"/>
	<testcase name="fails" time="0.001250" classname="test" file="/x/a.test.js" failure="1 == 2">
		<failure type="testCodeFailure" message="1 == 2">
[Error [ERR_TEST_FAILURE]: 1 == 2] at TestContext.&lt;anonymous> (/x/a.test.js:3:30)
		</failure>
	</testcase>
	<testcase name="skipped" time="0.000219" classname="test" file="/x/a.test.js">
		<skipped type="skipped" message="true"/>
	</testcase>
	<testcase name="todo" time="0.000209" classname="test" file="/x/a.test.js">
		<skipped type="todo" message="true"/>
	</testcase>
	<testsuite name="suite" time="0.007577" disabled="0" errors="0" tests="2" failures="1" skipped="0" hostname="vm">
		<testcase name="inner ok" time="0.000266" classname="suite" file="/x/a.test.js"/>
		<testcase name="a > b/" time="0.000181" classname="suite" file="/x/a.test.js" failure="x &lt;testcase> &amp; ]]>">
			<failure type="testCodeFailure" message="x &lt;testcase> &amp; ]]>">
Error [ERR_TEST_FAILURE]: x &lt;testcase> &amp; ]]>
			</failure>
		</testcase>
	</testsuite>
	<testsuite name="parent" time="0.003261" disabled="0" errors="0" tests="2" failures="0" skipped="0" hostname="vm">
		<testcase name="child1" time="0.000297" classname="parent" file="/x/a.test.js"/>
		<testcase name="child2" time="0.000245" classname="parent" file="/x/a.test.js"/>
	</testsuite>
	<testcase name="test/b.test.js" time="0.086245" classname="test" file="/x/b.test.js" failure="test failed">
		<failure type="testCodeFailure" message="test failed">
[Error: test failed] { code: 'ERR_TEST_FAILURE', failureType: 'testCodeFailure', cause: 'test failed', exitCode: 1, signal: null }
		</failure>
	</testcase>
	<!-- tests 10 -->
	<!-- pass 5 -->
	<!-- fail 3 -->
</testsuites>
XML
check "node junit reporter: leaf tests, todo as skipped, load failure as failed" "4 3 2" "$(count_reports "$FIX/node.xml")"
check "several files add up" "6 5 3" "$(count_reports "$FIX/TEST-mixed.xml" "$FIX/node.xml")"

# A runner that stopped while writing, or wrote an empty file: one failure each, never zero tests.
head -n 8 "$FIX/TEST-mixed.xml" > "$FIX/TEST-truncated.xml"
check "a truncated report counts its testcases and one failure" "2 1 0" "$(count_reports "$FIX/TEST-truncated.xml" 2>/dev/null)"
: > "$FIX/TEST-empty.xml"
check "an empty report counts as one failure" "0 1 0" "$(count_reports "$FIX/TEST-empty.xml" 2>/dev/null)"
check "a missing report counts as one failure" "6 6 3" "$(count_reports "$FIX/TEST-mixed.xml" "$FIX/none.xml" "$FIX/node.xml" 2>/dev/null)"
printf '<?xml version="1.0"?>\n<testsuite name="none" tests="0"/>\n' > "$FIX/TEST-zero.xml"
check "a complete report of no tests counts nothing" "0 0 0" "$(count_reports "$FIX/TEST-zero.xml")"

# tally: per runner and in total; no report, or a failed exit with nothing failed, is a failure.
TOTAL_PASSED=0 TOTAL_FAILED=0
tally "fixture runner" 0 "$FIX/TEST-mixed.xml" > "$FIX/tally.out" 2>&1
check "tally prints the runner's line" "fixture runner 2 passed, 2 failed, 1 skipped" "$(tr -s ' ' < "$FIX/tally.out" | sed 's/^ //')"
tally "crashed runner" 1 > /dev/null 2>&1
tally "runner that failed outside its tests" 2 "$FIX/TEST-zero.xml" > /dev/null 2>&1
tally "passing runner that failed anyway" 1 "$FIX/node.xml" > /dev/null 2>&1
check "totals: no report and a bare failed exit count one failure each" "6 7" "$TOTAL_PASSED $TOTAL_FAILED"

# junit_write, as actionlint's check and these tests write their reports.
junit_saved="$JUNIT_CASES"; JUNIT_CASES=""
junit_case "first" ok; junit_case 'second <&> "quoted"' ok
junit_case "third" fail $'line <one> & "two"\n]]> line three'
junit_write "$FIX/ours.xml" 'suite "ours"'
JUNIT_CASES="$junit_saved"
check "junit_write round trip" "2 1 0" "$(count_reports "$FIX/ours.xml")"

if [ -n "${1:-}" ]; then junit_write "$1" scripts/test/count-reports.sh; fi
exit "$FAILED"
