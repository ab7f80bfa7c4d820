#!/usr/bin/env bash
# The whole test suite: typecheck, lint, unit (vitest), build, end-to-end (Playwright in Debian's
# Chromium through web mode; Electron specs skip where no Electron binary exists).
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_browser() {
  local need=()
  command -v "${OBSERVER_CHROMIUM:-chromium}" >/dev/null 2>&1 || need+=(chromium)
  command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
  # No grep -q here: with pipefail an early grep exit would fail fc-list with SIGPIPE.
  fc-list 2>/dev/null | grep -i 'CJK\|Nanum\|Noto Sans KR' >/dev/null || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "== installing ${need[*]} (Debian packages for the browser tests)"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "Browser tests need: ${need[*]} (install them with your package manager)" >&2
      exit 1
    fi
  fi
}

step() { echo; echo "== $*"; }

step "typecheck"
npx tsc -p tsconfig.json --noEmit
npx tsc -p tsconfig.web.json --noEmit

step "lint"
npx eslint --max-warnings 0 .
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

step "build"
npx electron-vite build >/dev/null

step "end-to-end tests (Playwright, Chromium, web mode)"
ensure_browser
mkdir -p test-results/screenshots
npx playwright test

step "summary"
node scripts/test-summary.mjs
