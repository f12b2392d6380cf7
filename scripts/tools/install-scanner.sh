#!/usr/bin/env bash
# Builds kube-score, the outside scanner CI runs on the rendered manifests, from its published Go
# module (through the Go module proxy) into ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/bin.
# Idempotent: rebuilt only when missing or built from another version (a stamp file records it,
# since a module build reports no version of its own).
set -euo pipefail
KUBE_SCORE_VERSION=v1.20.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/tools/env.sh
. "$ROOT/scripts/tools/env.sh"
BIN="$IM_PLATFORM_CACHE/bin"
STAMP="$IM_PLATFORM_CACHE/stamps/kube-score"
mkdir -p "$BIN" "$(dirname "$STAMP")"

if [ -x "$BIN/kube-score" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$KUBE_SCORE_VERSION" ]; then
  echo "==> kube-score $KUBE_SCORE_VERSION present in $BIN"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is required to build kube-score" >&2; exit 1; }
start=$SECONDS
echo "==> building kube-score $KUBE_SCORE_VERSION (github.com/zegl/kube-score/cmd/kube-score) ..."
GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOBIN="$BIN" \
  nice -n 10 go install "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
printf '%s' "$KUBE_SCORE_VERSION" >"$STAMP"
echo "==> kube-score $KUBE_SCORE_VERSION built in $((SECONDS - start))s"
