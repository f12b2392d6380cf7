# shellcheck shell=bash
# Source this file (". scripts/tools/env.sh") to use the tools built by scripts/tools/install.sh.
# It only sets variables; it never builds or starts anything. Safe to source more than once.

# Everything lives outside the repository, in one cache directory.
export IM_PLATFORM_CACHE="${IM_PLATFORM_CACHE:-$HOME/.cache/im-platform}"

case ":$PATH:" in
  *":$IM_PLATFORM_CACHE/bin:"*) ;;
  *) export PATH="$IM_PLATFORM_CACHE/bin:$PATH" ;;
esac

# Pulumi keeps its plugin cache, credentials and workspace settings here instead of ~/.pulumi, so
# the kubernetes provider installed by install.sh is the one the engine finds, and nothing
# depends on (or pollutes) a developer's own ~/.pulumi.
export PULUMI_HOME="$IM_PLATFORM_CACHE/pulumi-home"

# No network access to pulumi.com / GitHub: don't check for CLI updates, don't try to download
# plugins (a missing plugin fails fast with a clear error instead of a download timeout).
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true

# Local stacks use the passphrase secrets provider. Unless the caller chose a passphrase (or a
# passphrase file), use the empty passphrase: these stacks hold throw-away local test state only.
if [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ]; then
  export PULUMI_CONFIG_PASSPHRASE=""
fi

# Kubeconfig written by scripts/local-cluster/cluster.sh start (context "im-platform-local").
export IM_PLATFORM_KUBECONFIG="$IM_PLATFORM_CACHE/cluster/kubeconfig"
