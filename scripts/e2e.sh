#!/usr/bin/env bash
# npm run test:e2e: builds the local tools if missing (cached outside the repository), starts the
# local control plane unless it already runs, runs test/e2e against it, and stops it again if
# this script started it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="$ROOT/scripts/local-cluster/cluster.sh"

bash "$ROOT/scripts/tools/install.sh"
started=0
if ! bash "$CLUSTER" status >/dev/null 2>&1; then
  bash "$CLUSTER" start
  started=1
fi
stop_if_started() { [ "$started" = 0 ] || bash "$CLUSTER" stop; }
trap stop_if_started EXIT

cd "$ROOT"
npx vitest run -c vitest.e2e.config.ts "$@"
