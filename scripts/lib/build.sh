# shellcheck shell=bash
# scripts/lib/build.sh — building what ./dev runs: the Java modules (Maven), the JavaScript parts
# (npm workspaces), the client site and the extension. Needs common.sh and toolchain.sh.

mvn_run() { mvn -B -ntp "${MAVEN_PROFILE_ARGS[@]}" -f "$ROOT/pom.xml" "$@"; }

# The one build of the Java modules and the agents' jars, tests neither compiled nor run (./dev test
# compiles and runs them; nothing that ./dev up, bench or dist starts needs a test class).
maven_install() {
  run_logged -n 40 "$RUN.build.log" "build" mvn_run -q -Dmaven.test.skip=true install
  rm -f "$RUN.build.log"
}

# The Java modules and the client site (with the extension when EXTENSION names its settings)
# share nothing, so ./dev up and ./dev bench build them at once: on two cores the build takes the
# longer of the two instead of their sum. Each half says what failed; this fails if either did.
build_java_and_client() { # [EXTENSION]
  local extension="${1:-}" client java_rc=0 client_rc=0
  ( build_client && if [ -n "$extension" ]; then build_extension "$extension"; fi ) &
  client=$!
  ( maven_install ) || java_rc=$?
  wait "$client" || client_rc=$?
  [ "$java_rc" = 0 ] && [ "$client_rc" = 0 ]
}

# --- JavaScript parts: npm workspaces (package.json at the root), one lock, node's test runner ---
# The protocol package first: the client site and the extension import it by name.
# shellcheck disable=SC2034 # used by tests.sh
JS_PARTS=(packages/protocol client-site chrome-extension)
NPM_CI_DONE=""
npm_ci() { # once per run: the root's npm ci installs every part's dependencies
  [ -n "$NPM_CI_DONE" ] && return 0
  run_logged "$TOOLS/logs/npm.log" "npm ci at the repository root" \
    in_dir "$ROOT" npm ci --no-audit --no-fund --loglevel=error
  NPM_CI_DONE=1
}

build_client() {
  npm_ci
  run_logged "$TOOLS/logs/client-build.log" "building the client site" in_dir "$ROOT/client-site" npm run build
}

build_extension() { # settings: prod or dev
  npm_ci
  local path; path="$(node_path chrome-extension)" || exit 1
  run_logged "$TOOLS/logs/extension-build.log" "building the extension" \
    env PATH="$path" node "$ROOT/chrome-extension/scripts/build.mjs" --settings "$1"
}

package_extension() {
  npm_ci
  local path; path="$(node_path chrome-extension)" || exit 1
  PATH="$path" node "$ROOT/chrome-extension/scripts/package.mjs"
}
