#!/usr/bin/env bash
# Runs every test of Bridges on a fresh Debian machine with the .NET SDK (as root, for the test servers):
#  1. starts the real test servers (InspIRCd + Anope, Postfix + Dovecot, PostgreSQL) from testenv/;
#  2. builds the solution (warnings are errors) and runs all tests against the in-process homeserver;
#  3. runs the end-to-end echo tests again against a homeserver started as a separate process,
#     reached only through BRIDGES_TEST_HOMESERVER_URL / BRIDGES_TEST_REGISTRATION (real-homeserver mode);
#  4. prints "N passed, N failed[, N skipped]" as its last line and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$PWD
RESULTS=$ROOT/artifacts/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
status=0

bash testenv/up.sh || { echo "test servers failed to start"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1091
source "${BRIDGES_TESTENV_DIR:-/tmp/bridges-testenv}/env.sh"

dotnet build Bridges.sln -nologo -v minimal || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

runs_failed=0
# One test project at a time (-m:1): the end-to-end suites share two cores, the IRC server and PostgreSQL, and
# running them side by side only trades a few minutes for timing noise. A test stuck for 15 minutes is dumped and
# killed (--blame-hang-timeout), so a hang fails the run with its name instead of using up the CI budget.
dotnet test Bridges.sln --no-build -nologo -m:1 --blame-hang-timeout 15m --logger "trx" --results-directory "$RESULTS/main" || { status=1; runs_failed=$((runs_failed + 1)); }

# Real-homeserver mode: the same echo tests through the public switch, against the test homeserver as its own process.
HS_DIR=$(mktemp -d)
# The homeserver takes a free port itself and prints it (--port 0). The bridge's port must be in the registration
# before it starts, so it is drawn below the kernel's ephemeral range (32768-60999 on Debian), where outgoing
# connections never sit: a draw inside that range was once taken by one and failed the run. Above the testenv's ports.
BRIDGE_PORT=$(( 20000 + RANDOM % 12000 ))
cat > "$HS_DIR/config.yaml" <<YAML
homeserver:
  server_name: localhost
appservice:
  address: 127.0.0.1
  port: $BRIDGE_PORT
YAML
dotnet bridges/Bridges.Host/bin/Debug/net10.0/bridges.dll generate-registration -c "$HS_DIR/config.yaml" -b echo \
  -o "$HS_DIR/registration.yaml" --extra-user-regex '@e2e_.*:localhost' >/dev/null || status=1
dotnet framework/Bridges.Testing.Homeserver.Server/bin/Debug/net10.0/bridges-test-homeserver.dll \
  --port 0 --server-name localhost --registration "$HS_DIR/registration.yaml" > "$HS_DIR/homeserver.log" 2>&1 &
HS_PID=$!
for _ in $(seq 1 60); do grep -q "listening on" "$HS_DIR/homeserver.log" && break; sleep 0.5; done
HS_PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$HS_DIR/homeserver.log")
if [ -n "$HS_PORT" ]; then
  BRIDGES_TEST_HOMESERVER_URL="http://127.0.0.1:$HS_PORT" BRIDGES_TEST_REGISTRATION="$HS_DIR/registration.yaml" \
    dotnet test tests/Bridges.Core.Tests --no-build -nologo --filter "FullyQualifiedName~EchoBridgeTests" \
    --logger "trx" --results-directory "$RESULTS/real-homeserver" || { status=1; runs_failed=$((runs_failed + 1)); }
else
  echo "the separate-process homeserver did not start:"; cat "$HS_DIR/homeserver.log"; status=1
fi
kill "$HS_PID" 2>/dev/null; wait "$HS_PID" 2>/dev/null
rm -rf "$HS_DIR"

# One summary over every run, from the TRX counters.
read -r passed failed skipped < <(find "$RESULTS" -name '*.trx' -print0 | xargs -0 -r grep -ho '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
      if (kv[1] == "passed") p += kv[2]; else if (kv[1] == "failed") f += kv[2]; else if (kv[1] == "notExecuted") s += kv[2];
      else if (kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") f += kv[2] } }
  END { printf "%d %d %d\n", p, f, s }')
[ "${failed:-0}" -gt 0 ] && status=1
# A crashed or aborted test host fails its run without a failed test in the counters: count the run as a failure.
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=$(( runs_failed > 0 ? runs_failed : 1 )); fi
[ "${passed:-0}" -eq 0 ] && status=1
if [ "${skipped:-0}" -gt 0 ]; then echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"; else echo "${passed:-0} passed, ${failed:-0} failed"; fi
exit $status
