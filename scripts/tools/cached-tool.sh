# shellcheck shell=bash
# Sourced by the installers of single tools: the toolchain's environment, the cache's bin and
# stamp directories, and `current <tool> <version>`, true when that version is installed there.
# shellcheck source=scripts/tools/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
BIN="$IM_PLATFORM_CACHE/bin"
STAMPS="$IM_PLATFORM_CACHE/stamps"
mkdir -p "$BIN" "$STAMPS"

current() { [ -x "$BIN/$1" ] && [ "$(cat "$STAMPS/$1" 2>/dev/null)" = "$2" ]; }
