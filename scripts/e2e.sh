#!/usr/bin/env bash
# npm run test:e2e: builds the local tools if missing (cached outside the repository), starts a
# control plane of the suite's own (cluster "e2e": its own state, kubeconfig and ports, so a
# local deployment from `npm run up:local` is never touched) with kwok, metrics-server, KEDA and
# the Prometheus Operator's CRDs (with its `monitoring` namespace), and the local stack's simulated
# node pools, runs test/e2e against it, and stops it again if this script started it. The Redis TLS
# proxy's test runs the kit's rendered HAProxy config in Debian's HAProxy, installed if missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER="$ROOT/scripts/local-cluster/cluster.sh"
export IM_CLUSTER_NAME="${IM_E2E_CLUSTER_NAME:-e2e}"
export IM_CLUSTER_PORT_OFFSET="${IM_E2E_CLUSTER_PORT_OFFSET:-100}"

bash "$ROOT/scripts/tools/install.sh"
# HAProxy and openssl from Debian's packages, for the managed Redis TLS proxy's test.
bash "$ROOT/scripts/tools/install-haproxy.sh"
started=0
if ! bash "$CLUSTER" status >/dev/null 2>&1; then
  # A fresh control plane each run: no state of an earlier, interrupted run can leak in.
  bash "$CLUSTER" reset >/dev/null
  started=1
fi
stop_if_started() { [ "$started" = 0 ] || bash "$CLUSTER" stop; }
trap stop_if_started EXIT
bash "$CLUSTER" start --with metrics-server --with keda --with monitoring-crds
bash "$CLUSTER" nodes --stack local

cd "$ROOT"
npx vitest run -c vitest.e2e.config.ts "$@"
