#!/usr/bin/env bash
# Every check and test, in the order CI runs them. Ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf reports && mkdir -p reports
status=0
step() {
  echo "::: $*"
  "$@" || { echo "::: FAILED: $*"; status=1; }
}
step npm run --silent typecheck
step npm run --silent lint
step npm run --silent build
step npm run --silent check:bundles
step npm run --silent package:check
step npm run --silent check:electronegativity
step npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json
step npx playwright test
node scripts/summarise-reports.mjs || status=1
exit $status
