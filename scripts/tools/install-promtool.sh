#!/usr/bin/env bash
# Builds promtool, Prometheus's own rule checker and rule unit-test runner, from the Prometheus Go
# module (through the Go module proxy) into ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/bin, for
# `npm run rules` and `npm run test:rules`. Prometheus 3.x is tagged v0.3xx.y in Go
# (v0.316.0 = Prometheus 3.16.0).
# Idempotent: a stamp file records the version it was built at.
set -euo pipefail
PROMETHEUS_MODULE_VERSION=v0.316.0

# shellcheck source=scripts/tools/cached-tool.sh
. "$(dirname "${BASH_SOURCE[0]}")/cached-tool.sh"

if current promtool "$PROMETHEUS_MODULE_VERSION"; then
  echo "==> promtool $PROMETHEUS_MODULE_VERSION present in $BIN"
else
  command -v go >/dev/null || { echo "error: go is required to build promtool" >&2; exit 1; }
  # v0.MMm.p -> 3.m.p: what `promtool --version` reports (set as upstream's release build does).
  release="$(sed -E 's/^v0\.3([0-9]{2})\.([0-9]+)$/3.\1.\2/; s/^3\.0([0-9])/3.\1/' <<<"$PROMETHEUS_MODULE_VERSION")"
  start=$SECONDS
  echo "==> building promtool $PROMETHEUS_MODULE_VERSION (Prometheus $release, github.com/prometheus/prometheus/cmd/promtool) ..."
  # remove_all_sd leaves out Prometheus's service-discovery plugins (cloud SDKs, client-go): rules
  # and their unit tests need none, and they are most of the build.
  GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOBIN="$BIN" \
    nice -n 10 go install -trimpath -tags netgo,remove_all_sd \
    -ldflags "-s -w -X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Branch=HEAD" \
    "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_MODULE_VERSION"
  printf '%s' "$PROMETHEUS_MODULE_VERSION" >"$STAMPS/promtool"
  echo "==> promtool $PROMETHEUS_MODULE_VERSION built in $((SECONDS - start))s: $("$BIN/promtool" --version 2>&1 | head -n1)"
fi
