#!/usr/bin/env bash
# Bootstrap: make sure the machine has what `npm start`, `npm test` and `npm run bench` need.
#
#   - Debian packages: redis-server, chromium, fonts-noto-cjk, poppler-utils (apt-get, as root or via sudo)
#   - node_modules in step with package-lock.json (`npm ci`, tracked by node_modules/.bootstrap-stamp,
#     which holds the sha256 of package-lock.json)
#
# Idempotent and silent when there is nothing to do; progress lines start with "[bootstrap]".
# Runs before every npm start/test/bench, so the fast path only reads a few files.
#
# Environment:
#   BOOTSTRAP_SKIP_APT=1   do not check or install system packages (e.g. a non-Debian dev machine)
#   BOOTSTRAP_SKIP_NPM=1   do not check node_modules
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(redis-server chromium fonts-noto-cjk poppler-utils)
STAMP="node_modules/.bootstrap-stamp"

log() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

# --- system packages -------------------------------------------------------------------------------------------

# Prints the packages of APT_PACKAGES that are not installed, space separated.
missing_apt_packages() {
  local missing=() pkg
  if command -v dpkg-query >/dev/null 2>&1; then
    # One dpkg-query call (fast path). Only "install ok installed" counts: dpkg -s also succeeds for removed
    # packages whose config files remain. Unknown packages are simply absent from the output.
    local installed
    installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)"
    for pkg in "${APT_PACKAGES[@]}"; do
      [[ $'\n'"$installed"$'\n' == *$'\n'"$pkg install ok installed"$'\n'* ]] || missing+=("$pkg")
    done
  else
    # Not a dpkg system: look for what the packages provide.
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    [[ -x /usr/bin/chromium ]] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  fi
  echo "${missing[*]:-}"
}

install_apt_packages() {
  local -a pkgs=("$@") sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "missing system packages: ${pkgs[*]}. Not root and no password-less sudo; install them with:
    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs[*]}
  (or set BOOTSTRAP_SKIP_APT=1 to skip this check)"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "missing system packages: ${pkgs[*]}, and apt-get is not available; install them with your package manager (or set BOOTSTRAP_SKIP_APT=1)"

  # apt and dpkg are chatty (debconf, invoke-rc.d in containers): keep their output, show it only on failure.
  local apt_log
  apt_log="$(mktemp "${TMPDIR:-/tmp}/bootstrap-apt.XXXXXX")"
  log "installing system packages: ${pkgs[*]} (apt-get update + install)"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$apt_log" 2>&1; then
    cat "$apt_log" >&2; rm -f "$apt_log"
    die "apt-get update failed"
  fi
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Use-Pty=0 "${pkgs[@]}" >"$apt_log" 2>&1; then
    cat "$apt_log" >&2; rm -f "$apt_log"
    die "apt-get install failed for: ${pkgs[*]}"
  fi
  rm -f "$apt_log"

  local still
  still="$(missing_apt_packages)"
  [[ -z "$still" ]] || die "still missing after apt-get install: $still"
  log "system packages installed"
}

# --- node_modules ----------------------------------------------------------------------------------------------

lock_hash() { local hash _; read -r hash _ < <(sha256sum package-lock.json); echo "$hash"; }

# True when node_modules has to be (re)installed.
npm_ci_needed() {
  [[ -f package-lock.json ]] || die "package-lock.json not found in $ROOT"
  [[ -d node_modules ]] || return 0
  [[ -f "$STAMP" && "$(<"$STAMP")" == "$(lock_hash)" ]] && return 1
  # No stamp or a stale one, but npm's own record of the tree (written by npm install/ci) is newer than the lock
  # file: node_modules was installed from this lock file (e.g. `npm install --save-dev x`), so just record it.
  if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
    lock_hash >"$STAMP"
    return 1
  fi
  return 0
}

# Install scripts of dependencies must not phone home (docs/security.md, "Install scripts"): @carbon/grid and
# @carbon/layout run IBM's telemetry in CI and containers; inferno's opencollective-postinstall prints a banner.
export IBM_TELEMETRY_DISABLED=true DISABLE_OPENCOLLECTIVE=1 ADBLOCK=1

run_npm_ci() {
  command -v npm >/dev/null 2>&1 || die "npm not found"
  log "npm ci (node_modules missing or older than package-lock.json)"
  local out
  if ! out="$(npm ci --no-audit --no-fund 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "npm ci failed"
  fi
  lock_hash >"$STAMP"
  log "node_modules installed"
}

# --- main ------------------------------------------------------------------------------------------------------

main() {
  local missing="" need_npm=0
  [[ "${BOOTSTRAP_SKIP_APT:-}" == 1 ]] || missing="$(missing_apt_packages)"
  if [[ "${BOOTSTRAP_SKIP_NPM:-}" != 1 ]] && npm_ci_needed; then need_npm=1; fi
  [[ -z "$missing" && "$need_npm" -eq 0 ]] && return 0

  # Something to do: serialise concurrent runs (npm start and npm test in two terminals), then check again.
  if command -v flock >/dev/null 2>&1; then
    # Lock this script file itself (read-only fd): no lock file to create, clean up or share between users.
    exec 9<"${BASH_SOURCE[0]}"
    if ! flock -n 9; then
      log "waiting for another bootstrap run to finish"
      flock 9
    fi
    [[ "${BOOTSTRAP_SKIP_APT:-}" == 1 ]] || missing="$(missing_apt_packages)"
    need_npm=0
    if [[ "${BOOTSTRAP_SKIP_NPM:-}" != 1 ]] && npm_ci_needed; then need_npm=1; fi
  fi

  # shellcheck disable=SC2086 # word splitting of the package list is intended
  [[ -z "$missing" ]] || install_apt_packages $missing
  [[ "$need_npm" -eq 0 ]] || run_npm_ci
}

main "$@"
