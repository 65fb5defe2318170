#!/usr/bin/env bash
# Restores, builds (warnings are errors) and runs every test: unit tests, and integration tests that
# start the platform from the AppHost with real PostgreSQL, RabbitMQ and Redis processes.
set -euo pipefail
cd "$(dirname "$0")"

eng/install-prerequisites.sh

results=artifacts/test-results
rm -rf "$results"

dotnet restore ReliefPlatform.sln
dotnet build ReliefPlatform.sln --no-restore
status=0
dotnet test ReliefPlatform.sln --no-build --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" || status=$?

# One summary line over every test project (read from the TRX files).
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [[ -e $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"

if (( status != 0 || failed != 0 || passed == 0 )); then
  exit 1
fi
