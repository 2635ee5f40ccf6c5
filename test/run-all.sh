#!/usr/bin/env bash
# Runs every test (typecheck, unit, integration through DuckDB-WASM, e2e through Chromium on the production build)
# and ends with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
out=$(mktemp -d)
fail_extra=0
pass_extra=0
echo "== typecheck"
if npx tsc --noEmit -p tsconfig.json; then pass_extra=$((pass_extra+1)); else fail_extra=$((fail_extra+1)); fi
echo "== lint"
if npx eslint . --max-warnings 20; then pass_extra=$((pass_extra+1)); else fail_extra=$((fail_extra+1)); fi
echo "== build"
if npx vite build --logLevel warn; then pass_extra=$((pass_extra+1)); else fail_extra=$((fail_extra+1)); fi
echo "== vitest (unit, integration, e2e)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
code=$?
node -e '
const fs = require("fs");
let passed = Number(process.argv[2]), failed = Number(process.argv[3]);
try {
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests;
  // A suite that failed to load counts as a failure even if it had no tests.
  failed += r.testResults.filter(t => t.status === "failed" && t.assertionResults.length === 0).length;
} catch (e) { failed += 1; console.error("no vitest results:", e.message); }
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
' "$out/vitest.json" "$pass_extra" "$fail_extra"
rc=$?
[ $code -ne 0 ] && [ $rc -eq 0 ] && rc=$code
exit $rc
