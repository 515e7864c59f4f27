#!/usr/bin/env bash
# Install whatever fairmatch needs to build, test and run that is missing.
# Idempotent and quiet when everything is there. Debian 12 packages only,
# plus playwright-core from npm for the browser tests (never a downloaded
# browser: it drives Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake pkg-config clang libclang-rt-14-dev
      libglpk-dev glpk-utils coinor-cbc libsqlite3-dev sqlite3 libcjson-dev
      libmicrohttpd-dev libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev
      libcriterion-dev valgrind clang-format curl wrk hyperfine unzip
      python3 chromium nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  # nodejs/npm may come from elsewhere on a developer machine: a working node is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    python3) command -v python3 >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Browser-test driver: pinned in tests/e2e/package-lock.json.
if [ -f tests/e2e/package.json ] && [ ! -d tests/e2e/node_modules/playwright-core ]; then
  echo "deps: installing playwright-core (npm)"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund >/dev/null)
fi
