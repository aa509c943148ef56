# shellcheck shell=bash
# scripts/lib/toolchain.sh — the tools ./dev installs or picks: a JDK, kubo and actionlint (built
# from their Go modules into .tools/bin), Debian's shellcheck, chromium, wrk and nginx.
# Needs common.sh; the pinned versions (KUBO_VERSION, KUBO_GO_MOD_EDITS, ACTIONLINT_VERSION)
# are set in ./dev, the one place.

# --- Java ----------------------------------------------------------------------------------
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }

# find_jdk MIN: prints the first JDK (JAVA_HOME first, then Temurin 25, then the newest under
# /usr/lib/jvm) whose Java is MIN or newer; fails when there is none. bench/run uses it too.
find_jdk() {
  local min="$1" jdk
  for jdk in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*24* /usr/lib/jvm/*23* \
             /usr/lib/jvm/*22* /usr/lib/jvm/*21*; do
    if [ -n "$jdk" ] && [ -x "$jdk/bin/javac" ] && [ "$(java_major "$jdk")" -ge "$min" ] 2>/dev/null; then
      echo "$jdk"; return 0
    fi
  done
  return 1
}

# Sets JAVA_HOME to a JDK 21+ (Temurin 25 preferred); the default `java` here is 17.
# With only 17 available it says so and builds for Java 17 / Payara Micro 6 (-Pjava17).
# shellcheck disable=SC2034 # MAVEN_PROFILE_ARGS: used by build.sh
MAVEN_PROFILE_ARGS=()
select_java() {
  local jdk
  if jdk="$(find_jdk 21)"; then
    export JAVA_HOME="$jdk"
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    return
  fi
  for jdk in /usr/lib/jvm/*17*; do
    if [ -x "$jdk/bin/javac" ]; then
      warn "no JDK 21+ under /usr/lib/jvm: building for Java 17 with Payara Micro 6 (install Temurin 25 for Payara Micro 7)"
      export JAVA_HOME="$jdk"
      # shellcheck disable=SC2034 # used by build.sh
      MAVEN_PROFILE_ARGS=(-Pjava17)
      return
    fi
  done
  die "no JDK found under /usr/lib/jvm: install one (Debian: apt-get install openjdk-17-jdk; better Temurin 25)"
}

# --- Debian's packages ----------------------------------------------------------------------
apt_install() { # why log-name package...: installs the packages with apt-get (sudo unless root)
  local why="$1" name="$2"; shift 2
  local what="$*"; what="${what// / and }"
  say "installing Debian's $what ($why)"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  mkdir -p "$TOOLS/logs"
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@"; } > "$TOOLS/logs/apt-$name.log" 2>&1 \
    || die "could not install $what with apt-get; see $TOOLS/logs/apt-$name.log"
}

# actionlint runs shellcheck on `run:` scripts only when it finds one: Debian's, installed here,
# makes the check the same on every machine (and in CI).
ensure_shellcheck() {
  command -v shellcheck >/dev/null && return
  apt_install "actionlint checks the workflows' run: scripts with it" shellcheck shellcheck
}

# Chromium for browser tests: Debian's packages, never a downloaded browser.
ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  apt_install "browser tests" chromium chromium chromium-driver
}

# The reverse proxy docs/deploy.md puts in front of a server; ServerBoundsIT runs its block.
ensure_caddy() {
  command -v caddy >/dev/null && return
  apt_install "the tests run the documented reverse proxy" caddy caddy
}

ensure_bench_tools() {
  if command -v wrk >/dev/null && command -v nginx >/dev/null; then return; fi
  apt_install "the benchmarks' load and reference" bench wrk nginx
}

# --- kubo, built from its Go module ---------------------------------------------------------
IPFS="$TOOLS/bin/ipfs"
kubo_is_current() { [ -x "$IPFS" ] && "$IPFS" version 2>/dev/null | grep -qx "ipfs version ${KUBO_VERSION#v}"; }

build_kubo_module() { # in kubo's module source: ./dev's go.mod edits, then the build
  go mod edit "${KUBO_GO_MOD_EDITS[@]}" && GOFLAGS=-mod=mod go build -trimpath -o "$IPFS" ./cmd/ipfs
}

ensure_kubo() {
  if kubo_is_current; then return; fi
  command -v go >/dev/null || die "Go is needed to build kubo $KUBO_VERSION (Debian: apt-get install golang, or Go from go.dev)"
  say "building kubo $KUBO_VERSION from the Go module proxy into .tools/bin (first time: a few minutes)"
  local dir src="$TOOLS/src/kubo-$KUBO_VERSION"
  mkdir -p "$TOOLS/bin" "$TOOLS/src" "$TOOLS/logs"
  dir="$(go mod download -json "github.com/ipfs/kubo@$KUBO_VERSION" | awk -F'"' '/"Dir"/ {print $4}')" \
    || die "could not download github.com/ipfs/kubo@$KUBO_VERSION from the Go module proxy"
  rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
  run_logged "$TOOLS/logs/kubo-build.log" "building kubo" in_dir "$src" build_kubo_module
  kubo_is_current || die "built kubo does not report version $KUBO_VERSION"
  say "kubo $("$IPFS" version --number) built: $IPFS"
}

# --- actionlint, built from its Go module ------------------------------------------------------
ACTIONLINT="$TOOLS/bin/actionlint"
actionlint_is_current() { [ -x "$ACTIONLINT" ] && [ "$("$ACTIONLINT" -version 2>/dev/null | head -1)" = "$ACTIONLINT_VERSION" ]; }

ensure_actionlint() {
  if actionlint_is_current; then return; fi
  command -v go >/dev/null || die "Go is needed to build actionlint $ACTIONLINT_VERSION (Debian: apt-get install golang, or Go from go.dev)"
  say "building actionlint $ACTIONLINT_VERSION from the Go module proxy into .tools/bin"
  mkdir -p "$TOOLS/bin"
  run_logged "$TOOLS/logs/actionlint-build.log" "building actionlint" \
    env GOBIN="$TOOLS/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  actionlint_is_current || die "built actionlint does not report version $ACTIONLINT_VERSION"
}

# --- Node ------------------------------------------------------------------------------------
# The machine's node is 20; the extension's browser tests (puppeteer-core) need Node 24, which
# its own script installs from the npm registry into chrome-extension/.node/ (git-ignored).
node_path() { # part: the PATH its npm runs with
  if [ "$1" = chrome-extension ]; then
    local bin; bin="$("$ROOT/chrome-extension/scripts/install-node.sh")" || die "could not install Node 24 for the extension's tests"
    echo "$bin:$PATH"
  else
    echo "$PATH"
  fi
}
