#!/usr/bin/env bash
# Checks every GitHub workflow with actionlint, and each `run:` script in them with shellcheck
# (actionlint runs it when it is on PATH); both are installed into the kit's cache on first use.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/tools/install-actionlint.sh" >/dev/null
# shellcheck source=scripts/tools/env.sh
. "$ROOT/scripts/tools/env.sh"
cd "$ROOT"
actionlint -no-color "$@"
echo "actionlint: every workflow in .github/workflows passes (shellcheck $(shellcheck --version | sed -n 's/^version: //p'))"
