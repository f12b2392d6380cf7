#!/usr/bin/env bash
# Builds the local toolchain for the real-API-server tests without internet access beyond the
# package registries: compiled from published Go modules (through the Go module proxy) with the
# machine's Go toolchain, into ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/bin:
#
#   pulumi                      Pulumi CLI, version of the locked @pulumi/pulumi npm package
#   pulumi-language-nodejs      the engine's Node.js language host (see build_nodejs_host)
#   pulumi-resource-kubernetes  the Kubernetes provider plugin (see build_kubernetes_provider)
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl   from k8s.io/kubernetes
#   etcd                        go.etcd.io/etcd/server/v3 at the version Kubernetes pins
#   kwok                        sigs.k8s.io/kwok: simulated nodes and pod lifecycles (and its stage
#                               and metric configs, copied from the module to share/kwok)
#   metrics-server              sigs.k8s.io/metrics-server: the resource metrics HPAs read
#   keda-operator, keda-adapter github.com/kedacore/keda/v2 (and its CRDs, to share/keda)
#   (no binary)                 github.com/prometheus-operator/prometheus-operator: only its CRDs
#                               (PodMonitor, PrometheusRule, AlertmanagerConfig, ...), copied from
#                               the module to share/prometheus-operator, for the monitoring objects
#
# Idempotent: a binary is rebuilt only when it is missing or reports another version.
#
# Usage: scripts/tools/install.sh [--force] [--check]
#   --force   rebuild everything
#   --check   only report what is missing/outdated; exit 1 if anything is
# Environment:
#   IM_PLATFORM_CACHE   cache root (default ~/.cache/im-platform)
#   IM_KUBE_VERSION     k8s.io/kubernetes version to build (default below)
set -euo pipefail

KUBE_VERSION_DEFAULT=v1.34.4
# The simulation tools' releases; each builds in a module of its own, against the Kubernetes
# client libraries its own go.mod requires.
KWOK_VERSION=v0.8.0
METRICS_SERVER_VERSION=v0.9.0
KEDA_VERSION=v2.21.0
# The Prometheus Operator that kube-prometheus-stack 88.5.3 ships (the chart the kit installs,
# components/targets/prometheus-operator-schema.ts): only its CRDs are used, nothing is built.
PROMETHEUS_OPERATOR_VERSION=v0.93.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/tools/env.sh
. "$ROOT/scripts/tools/env.sh"

FORCE=0
CHECK_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

CACHE="$IM_PLATFORM_CACHE"
BIN="$CACHE/bin"
BUILD="$CACHE/build"
mkdir -p "$BIN" "$BUILD" "$PULUMI_HOME"

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "go is required (Go >= 1.25)"
command -v node >/dev/null || die "node is required"

# --- Versions, derived from the locked npm packages ---------------------------------------------
pkg_version() {
  # Installed package first (what the program really loads), then package-lock.json.
  local name="$1" v=""
  if [ -f "$ROOT/node_modules/$name/package.json" ]; then
    v="$(node -p "require(process.argv[1]).version" "$ROOT/node_modules/$name/package.json")"
  elif [ -f "$ROOT/package-lock.json" ]; then
    v="$(node -p "(require(process.argv[1]).packages['node_modules/$name']||{}).version||''" "$ROOT/package-lock.json")"
  fi
  [ -n "$v" ] || die "cannot determine the version of $name (run npm ci first)"
  printf '%s' "$v"
}
PULUMI_VERSION="v$(pkg_version @pulumi/pulumi)"
K8S_SDK_VERSION="$(pkg_version @pulumi/kubernetes)"
KUBE_VERSION="${IM_KUBE_VERSION:-$KUBE_VERSION_DEFAULT}"
KUBE_STAGING_VERSION="v0.${KUBE_VERSION#v1.}"               # k8s.io/api etc. are tagged v0.<minor>.<patch>

# --- Go environment ------------------------------------------------------------------------------
export GOTOOLCHAIN=local            # never try to download another Go toolchain
export CGO_ENABLED=0                # static binaries, as the upstream release builds
export GOFLAGS="-mod=mod -buildvcs=false"
# pkg/v3 at the pinned version is served by the proxy but has no entry in the checksum database;
# skip the sumdb lookup for that one module path only (everything else is still verified).
export GONOSUMDB="github.com/pulumi/pulumi/pkg${GONOSUMDB:+,$GONOSUMDB}"
NICE=(nice -n 10)                   # leave CPU to whatever else runs (tests, other builds)

# --- Helpers -------------------------------------------------------------------------------------
TIMINGS=()
timed() { # timed <label> <cmd...>: run and record wall time
  local label="$1"; shift
  local start=$SECONDS
  log "$label ..."
  "$@"
  local took=$((SECONDS - start))
  TIMINGS+=("$label: ${took}s")
  log "$label done in ${took}s"
}

# Print the replace directives a module's go.mod needs, with relative (in-repo) targets rewritten
# to published modules: <old> => <old> <version>, where version comes from map_relative <old>.
carry_replaces() { # carry_replaces <go.mod> <function mapping a module path to its version>
  local gomod="$1" mapper="$2"
  awk '
    /^replace[ \t]*\(/ { inblock=1; next }
    inblock && /^\)/   { inblock=0; next }
    inblock            { print; next }
    /^replace[ \t]/    { sub(/^replace[ \t]+/, ""); print }
  ' "$gomod" | sed 's://.*$::' | while read -r line; do
    [ -n "$line" ] || continue
    local old="${line%%=>*}" new="${line#*=>}"
    old="$(echo "$old" | awk '{print $1}')"
    new="$(echo "$new" | sed 's/^[ \t]*//;s/[ \t]*$//')"
    case "$new" in
      ./*|../*) echo "replace $old => $old $("$mapper" "$old")" ;;
      *) echo "replace $old => $new" ;;
    esac
  done
}

mod_info() { # mod_info <module@version> <GoMod|Dir>: download a module, print a path from its info
  # Run outside any module (in $BUILD) so the throwaway modules' settings don't apply.
  (cd "$BUILD" && GOFLAGS=-buildvcs=false "${NICE[@]}" go mod download -json "$1") | node -e '
    let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);
    if(j.Error){console.error(j.Error);process.exit(1)}console.log(j[process.argv[1]])})' "$2"
}

write_if_changed() { # write_if_changed <file>  (content on stdin)
  local tmp; tmp="$(mktemp)"; cat >"$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
  mv "$tmp" "$1"
}

# write_build_module <dir> <name> <upstream go.mod> <mapper> <module@version>...: the throwaway
# module that builds an upstream main, requiring the given modules, with the replace lines the
# upstream go.mod needs (see carry_replaces). A changed go.mod drops its go.sum for a fresh tidy.
write_build_module() {
  local dir="$1" name="$2" gomod="$3" mapper="$4" required; shift 4
  {
    printf 'module im-platform.local/build/%s\n\ngo %s\n\n' "$name" "$(awk '/^go /{print $2; exit}' "$gomod")"
    if [ "$#" -eq 1 ]; then
      printf 'require %s\n\n' "${1/@/ }"
    else
      printf 'require (\n'
      for required in "$@"; do printf '\t%s\n' "${required/@/ }"; done
      printf ')\n\n'
    fi
    carry_replaces "$gomod" "$mapper"
  } | write_if_changed "$dir/go.mod" && rm -f "$dir/go.sum" || true
}

bin_version() { # bin_version <name> -> prints the version the binary reports ("" if missing)
  local b="$BIN/$1"
  [ -x "$b" ] || return 0
  case "$1" in
    pulumi) "$b" version 2>/dev/null || true ;;
    kube-apiserver|kube-controller-manager|kube-scheduler) "$b" --version 2>/dev/null | awk '{print $2}' || true ;;
    kubectl) "$b" version --client 2>/dev/null | awk '/Client Version/{print $3}' || true ;;
    etcd) "$b" --version 2>/dev/null | awk '/etcd Version/{print $3}' || true ;;
  esac
}

# Binaries that cannot report their own version get a stamp file written after a good build.
STAMPS="$CACHE/stamps"
mkdir -p "$STAMPS"
stamp_of() { [ -f "$STAMPS/$1" ] && cat "$STAMPS/$1" || true; }
stamp() { printf '%s' "$2" >"$STAMPS/$1"; }

NEEDS=()
needs() { # needs <name> <expected-version>
  local name="$1" want="$2" have
  case "$name" in
    pulumi|kube-apiserver|kube-controller-manager|kube-scheduler|kubectl|etcd) have="$(bin_version "$name")" ;;
    *) have=""; [ -x "$BIN/$name" ] || [ -x "$CACHE/libexec/$name" ] && have="$(stamp_of "$name")" ;;
  esac
  if [ "$FORCE" = 1 ] || [ "$have" != "$want" ]; then
    NEEDS+=("$name (have '${have:-none}', want '$want')"); return 0
  fi
  return 1
}

# --- Pulumi CLI ----------------------------------------------------------------------------------
pulumi_map() { echo "$PULUMI_VERSION"; }   # ../sdk => github.com/pulumi/pulumi/sdk/v3 at the same tag

build_pulumi() {
  local dir="$BUILD/pulumi-$PULUMI_VERSION" gomod
  mkdir -p "$dir"
  gomod="$(mod_info "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" GoMod)"
  write_build_module "$dir" pulumi "$gomod" pulumi_map \
    "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' \
    | write_if_changed "$dir/tools.go" || true
  (cd "$dir" && "${NICE[@]}" go mod tidy)
  (cd "$dir" && "${NICE[@]}" go build -trimpath -o "$BIN/pulumi.new" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$BIN/pulumi.new" "$BIN/pulumi"
}

# --- Engine plugins ------------------------------------------------------------------------------
# The Node.js language host is published as a Go module only up to sdk/v3 v3.68.0 (after that it
# moved to github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which the module
# proxy refuses). That host runs programs under the current engine but predates RunPlugin, through
# which the engine starts policy packs, so scripts/tools/language-host adds it and forwards the
# rest. The adapter builds inside the CLI's module, so both use the same SDK.
NODEJS_HOST_VERSION=v3.68.0
ADAPTER_SRC="$ROOT/scripts/tools/language-host/main.go"
adapter_version() { echo "$PULUMI_VERSION+$(sha256sum "$ADAPTER_SRC" | cut -c1-12)"; }

build_nodejs_host() {
  local dir="$BUILD/pulumi-language-nodejs-$NODEJS_HOST_VERSION" gomod
  mkdir -p "$dir" "$CACHE/libexec"
  gomod="$(mod_info "github.com/pulumi/pulumi/sdk/v3@$NODEJS_HOST_VERSION" GoMod)"
  write_build_module "$dir" pulumi-language-nodejs "$gomod" pulumi_map "github.com/pulumi/pulumi/sdk/v3@$NODEJS_HOST_VERSION"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"\n' \
    | write_if_changed "$dir/tools.go" || true
  (cd "$dir" && "${NICE[@]}" go mod tidy)
  (cd "$dir" && "${NICE[@]}" go build -trimpath -o "$CACHE/libexec/pulumi-language-nodejs-upstream" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$NODEJS_HOST_VERSION" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
  stamp pulumi-language-nodejs-upstream "$NODEJS_HOST_VERSION"
}

build_language_adapter() {
  local dir="$BUILD/pulumi-$PULUMI_VERSION"
  [ -f "$dir/go.mod" ] || build_pulumi
  mkdir -p "$dir/language-host"
  cp "$ADAPTER_SRC" "$dir/language-host/main.go"
  (cd "$dir" && "${NICE[@]}" go build -trimpath -ldflags "-s -w" -o "$BIN/pulumi-language-nodejs" ./language-host)
  stamp pulumi-language-nodejs "$(adapter_version)"
}

# The proxy serves the Kubernetes provider's module (provider/v4, tagged apart from the SDK) at one
# pseudo-version only, a commit of 2026-01-15 between the v4.24.1 and v4.25.0 releases; every
# tagged version answers 403. The plugin reports that pseudo-version, and the engine takes it from
# $PATH (an ambient plugin, as provider developers run theirs), whatever version the SDK asks for.
K8S_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
K8S_PROVIDER_SDK_VERSION=v4.24.0   # the SDK module its go.mod requires (its replace points in-repo)
k8s_provider_map() { echo "$K8S_PROVIDER_SDK_VERSION"; }   # ../sdk => the published SDK module
K8S_PROVIDER_PLUGIN_VERSION="${K8S_PROVIDER_MODULE_VERSION#v}"

build_kubernetes_provider() {
  local dir="$BUILD/pulumi-kubernetes-$K8S_PROVIDER_MODULE_VERSION" src gomod
  src="$(mod_info "github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE_VERSION" Dir)"
  gomod="$src/go.mod"
  mkdir -p "$dir/cmd"
  write_build_module "$dir" pulumi-resource-kubernetes "$gomod" k8s_provider_map \
    "github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_PROVIDER_MODULE_VERSION"
  # The provider's main embeds a versioned, compacted schema that its release build generates
  # (go:generate); do the same here, from the module's own main, generator and schema.
  cp "$src/cmd/pulumi-resource-kubernetes/"{main.go,generate.go,schema.json,terraform-mapping.json} "$dir/cmd/"
  chmod u+w "$dir/cmd/"*
  (cd "$dir" && "${NICE[@]}" go mod tidy)
  (cd "$dir/cmd" && VERSION="$K8S_PROVIDER_PLUGIN_VERSION" "${NICE[@]}" go run ./generate.go)
  (cd "$dir" && "${NICE[@]}" go build -trimpath -o "$BIN/pulumi-resource-kubernetes" \
    -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_PLUGIN_VERSION" \
    ./cmd)
  stamp pulumi-resource-kubernetes "$K8S_PROVIDER_MODULE_VERSION"
}

# --- Kubernetes control plane, kubectl and etcd ---------------------------------------------------
kube_map() { echo "$KUBE_STAGING_VERSION"; }   # ./staging/src/k8s.io/x => k8s.io/x v0.<minor>.<patch>

kube_dir() { echo "$BUILD/kubernetes-$KUBE_VERSION"; }

kube_prepare() { # writes the throwaway module; prints nothing
  local dir gomod
  dir="$(kube_dir)"; mkdir -p "$dir/etcd"
  gomod="$(mod_info "k8s.io/kubernetes@$KUBE_VERSION" GoMod)"
  write_build_module "$dir" kubernetes "$gomod" kube_map "k8s.io/kubernetes@$KUBE_VERSION"
  # etcd's own main package only calls etcdmain.Main; the etcd main module is not needed.
  printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' \
    | write_if_changed "$dir/etcd/main.go" || true
  printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager"\n\t_ "k8s.io/kubernetes/cmd/kube-scheduler"\n\t_ "k8s.io/kubernetes/cmd/kubectl"\n)\n' \
    | write_if_changed "$dir/tools.go" || true
  (cd "$dir" && "${NICE[@]}" go mod tidy)
}

etcd_version() { # the etcd server version Kubernetes pins (go.etcd.io/etcd/server/v3 in its go.mod)
  awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$(kube_dir)/go.mod"
}

build_kube() { # build_kube <targets...>: targets are package paths relative to the module
  local dir minor ldf
  dir="$(kube_dir)"
  minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  ldf="-s -w"
  for pkgvar in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf+=" -X $pkgvar.gitVersion=$KUBE_VERSION -X $pkgvar.gitMajor=1 -X $pkgvar.gitMinor=$minor"
    ldf+=" -X $pkgvar.gitTreeState=clean -X $pkgvar.buildDate=1970-01-01T00:00:00Z"
  done
  mkdir -p "$dir/out"
  (cd "$dir" && "${NICE[@]}" go build -trimpath -ldflags "$ldf" -o "$dir/out/" "$@")
  local t
  for t in "$@"; do
    t="$(basename "$t")"
    mv "$dir/out/$t" "$BIN/$t"
  done
}

# --- Simulation tools: kwok, metrics-server, KEDA --------------------------------------------------
no_map() { die "unexpected in-repo replace in $1"; }   # these modules' go.mod replace nothing in-repo

# build_tool <stamp> <module> <version> <out-dir> <main package>...: a throwaway module requiring
# the upstream one (with its go.mod's replace lines), building each main into <out-dir>.
build_tool() {
  local stamp_name="$1" module="$2" version="$3" out="$4" dir gomod pkg; shift 4
  dir="$BUILD/$stamp_name-$version"
  mkdir -p "$dir" "$out"
  gomod="$(mod_info "$module@$version" GoMod)"
  write_build_module "$dir" "$stamp_name" "$gomod" no_map "$module@$version"
  { printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for pkg in "$@"; do printf '\t_ "%s"\n' "$pkg"; done
    printf ')\n'; } | write_if_changed "$dir/tools.go" || true
  (cd "$dir" && "${NICE[@]}" go mod tidy)
  for pkg in "$@"; do
    (cd "$dir" && "${NICE[@]}" go build -trimpath -ldflags "-s -w" -o "$out/${TOOL_NAMES[$pkg]}" "$pkg")
  done
  stamp "$stamp_name" "$version"
}
declare -A TOOL_NAMES=(
  [sigs.k8s.io/kwok/cmd/kwok]=kwok
  [sigs.k8s.io/metrics-server/cmd/metrics-server]=metrics-server
  [github.com/kedacore/keda/v2/cmd/operator]=keda-operator
  [github.com/kedacore/keda/v2/cmd/adapter]=keda-adapter
)
SHARE="$CACHE/share"

build_kwok() { build_tool kwok sigs.k8s.io/kwok "$KWOK_VERSION" "$BIN" sigs.k8s.io/kwok/cmd/kwok; }

# kwok's own node and pod lifecycle stages, its kubelet resource-metrics config, the CRDs of its
# resource-usage simulation and its usage-from-annotation default (every container uses 1m CPU
# and 1Mi unless its pod's annotation says otherwise: metrics-server drops a container that reports
# zero), from the module, for the local cluster to read.
share_kwok() {
  local src; src="$(mod_info "sigs.k8s.io/kwok@$KWOK_VERSION" Dir)"
  rm -rf "$SHARE/kwok"; mkdir -p "$SHARE/kwok/stages" "$SHARE/kwok/metrics" "$SHARE/kwok/crds" "$SHARE/kwok/usage"
  cp "$src"/kustomize/stage/node/fast/node-initialize.yaml \
    "$src"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
    "$src"/kustomize/stage/pod/general/pod-*.yaml "$SHARE/kwok/stages/"
  cp "$src"/kustomize/metrics/resource/metrics-resource.yaml "$SHARE/kwok/metrics/"
  cp "$src"/kustomize/crd/bases/kwok.x-k8s.io_{clusterresourceusages,resourceusages}.yaml "$SHARE/kwok/crds/"
  cp "$src"/kustomize/metrics/usage/usage-from-annotation.yaml "$SHARE/kwok/usage/"
  chmod -R u+w "$SHARE/kwok"
  echo "$KWOK_SHARE_STAMP" >"$SHARE/kwok/VERSION"
}

build_metrics_server() {
  build_tool metrics-server sigs.k8s.io/metrics-server "$METRICS_SERVER_VERSION" "$BIN" \
    sigs.k8s.io/metrics-server/cmd/metrics-server
}

build_keda() {
  build_tool keda-operator github.com/kedacore/keda/v2 "$KEDA_VERSION" "$BIN" \
    github.com/kedacore/keda/v2/cmd/operator github.com/kedacore/keda/v2/cmd/adapter
}

# KEDA's CRDs (ScaledObject, TriggerAuthentication, ..., and its eventing group's CloudEventSources:
# the operator waits for every kind it watches and exits without them), from the module.
share_keda() {
  local src; src="$(mod_info "github.com/kedacore/keda/v2@$KEDA_VERSION" Dir)"
  rm -rf "$SHARE/keda"; mkdir -p "$SHARE/keda/crds"
  cp "$src"/config/crd/bases/*.yaml "$SHARE/keda/crds/"
  chmod -R u+w "$SHARE/keda"
  echo "$KEDA_SHARE_STAMP" >"$SHARE/keda/VERSION"
}

# The Prometheus Operator's CRDs (monitoring.coreos.com: PodMonitor, ServiceMonitor, Probe,
# ScrapeConfig, PrometheusRule, Prometheus, PrometheusAgent, Alertmanager, AlertmanagerConfig,
# ThanosRuler), from the root module's example/prometheus-operator-crd: the operator's own bundle,
# with full structural schemas, served as one version each (AlertmanagerConfig v1alpha1 only;
# example/prometheus-operator-crd-full adds a v1beta1 that needs the operator's conversion webhook).
# Nothing runs behind them: they let the API server validate and store the kit's monitoring objects.
share_prometheus_operator() {
  local src; src="$(mod_info "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" Dir)"
  rm -rf "$SHARE/prometheus-operator"; mkdir -p "$SHARE/prometheus-operator/crds"
  cp "$src"/example/prometheus-operator-crd/monitoring.coreos.com_*.yaml "$SHARE/prometheus-operator/crds/"
  chmod -R u+w "$SHARE/prometheus-operator"
  echo "$PROMETHEUS_OPERATOR_SHARE_STAMP" >"$SHARE/prometheus-operator/VERSION"
}
# The version plus what is copied: a new file to copy makes the old copy stale.
KWOK_SHARE_STAMP="$KWOK_VERSION stages metrics crds usage"
KEDA_SHARE_STAMP="$KEDA_VERSION crds keda.sh eventing.keda.sh"
PROMETHEUS_OPERATOR_SHARE_STAMP="$PROMETHEUS_OPERATOR_VERSION crds monitoring.coreos.com"
shared_version() { cat "$SHARE/$1/VERSION" 2>/dev/null || true; }

# --- Plan ---------------------------------------------------------------------------------------
log "versions: pulumi $PULUMI_VERSION, Node.js host $NODEJS_HOST_VERSION, kubernetes provider $K8S_PROVIDER_MODULE_VERSION (SDK $K8S_SDK_VERSION), kubernetes $KUBE_VERSION"
log "cache: $CACHE (PULUMI_HOME=$PULUMI_HOME)"

WANT_PULUMI=0; WANT_NODEJS_HOST=0; WANT_ADAPTER=0; WANT_K8S_PROVIDER=0; KUBE_TARGETS=()
needs pulumi "$PULUMI_VERSION" && WANT_PULUMI=1
needs pulumi-language-nodejs-upstream "$NODEJS_HOST_VERSION" && WANT_NODEJS_HOST=1
needs pulumi-language-nodejs "$(adapter_version)" && WANT_ADAPTER=1
needs pulumi-resource-kubernetes "$K8S_PROVIDER_MODULE_VERSION" && WANT_K8S_PROVIDER=1
needs kube-apiserver "$KUBE_VERSION" && KUBE_TARGETS+=(k8s.io/kubernetes/cmd/kube-apiserver)
needs kube-controller-manager "$KUBE_VERSION" && KUBE_TARGETS+=(k8s.io/kubernetes/cmd/kube-controller-manager)
needs kube-scheduler "$KUBE_VERSION" && KUBE_TARGETS+=(k8s.io/kubernetes/cmd/kube-scheduler)
needs kubectl "$KUBE_VERSION" && KUBE_TARGETS+=(k8s.io/kubernetes/cmd/kubectl)
WANT_KWOK=0; WANT_METRICS_SERVER=0; WANT_KEDA=0
needs kwok "$KWOK_VERSION" && WANT_KWOK=1
needs metrics-server "$METRICS_SERVER_VERSION" && WANT_METRICS_SERVER=1
needs keda-operator "$KEDA_VERSION" && WANT_KEDA=1
WANT_SHARE=()
[ "$(shared_version kwok)" = "$KWOK_SHARE_STAMP" ] || { WANT_SHARE+=(kwok); NEEDS+=("share/kwok (configs and CRDs)"); }
[ "$(shared_version keda)" = "$KEDA_SHARE_STAMP" ] || { WANT_SHARE+=(keda); NEEDS+=("share/keda (CRDs)"); }
[ "$(shared_version prometheus-operator)" = "$PROMETHEUS_OPERATOR_SHARE_STAMP" ] ||
  { WANT_SHARE+=(prometheus_operator); NEEDS+=("share/prometheus-operator (CRDs)"); }
# etcd's wanted version is only known from Kubernetes' go.mod; without a prepared module, build it.
ETCD_WANT=""
if [ -f "$(kube_dir)/go.mod" ]; then ETCD_WANT="$(etcd_version)"; ETCD_WANT="${ETCD_WANT#v}"; fi
if [ -z "$ETCD_WANT" ]; then
  NEEDS+=("etcd (version not yet known)"); KUBE_TARGETS+=(./etcd)
else
  needs etcd "$ETCD_WANT" && KUBE_TARGETS+=(./etcd)
fi

if [ "${#NEEDS[@]}" -eq 0 ]; then
  log "all tools present at the expected versions in $BIN"
  exit 0
fi
printf '    to build/install: %s\n' "${NEEDS[@]}"
[ "$CHECK_ONLY" = 0 ] || exit 1

# --- Build --------------------------------------------------------------------------------------
TOTAL_START=$SECONDS
[ "$WANT_PULUMI" = 0 ] || timed "pulumi $PULUMI_VERSION (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)" build_pulumi
[ "$WANT_NODEJS_HOST" = 0 ] || timed "Node.js language host $NODEJS_HOST_VERSION (github.com/pulumi/pulumi/sdk/v3)" build_nodejs_host
[ "$WANT_ADAPTER" = 0 ] || timed "language host adapter (scripts/tools/language-host)" build_language_adapter
[ "$WANT_K8S_PROVIDER" = 0 ] || timed "kubernetes provider $K8S_PROVIDER_MODULE_VERSION (github.com/pulumi/pulumi-kubernetes/provider/v4)" build_kubernetes_provider
if [ "${#KUBE_TARGETS[@]}" -gt 0 ]; then
  timed "k8s.io/kubernetes@$KUBE_VERSION module setup (go mod tidy)" kube_prepare
  timed "kubernetes $KUBE_VERSION + etcd $(etcd_version): $(printf '%s ' "${KUBE_TARGETS[@]##*/}")" \
    build_kube "${KUBE_TARGETS[@]}"
fi

[ "$WANT_KWOK" = 0 ] || timed "kwok $KWOK_VERSION (sigs.k8s.io/kwok/cmd/kwok)" build_kwok
[ "$WANT_METRICS_SERVER" = 0 ] || timed "metrics-server $METRICS_SERVER_VERSION (sigs.k8s.io/metrics-server)" build_metrics_server
[ "$WANT_KEDA" = 0 ] || timed "KEDA $KEDA_VERSION operator + metrics adapter (github.com/kedacore/keda/v2)" build_keda
for shared in "${WANT_SHARE[@]}"; do timed "share/${shared//_/-}" "share_$shared"; done

log "installed in $BIN:"
for b in pulumi kube-apiserver kube-controller-manager kube-scheduler kubectl etcd; do
  printf '    %-28s %s\n' "$b" "$(bin_version "$b")"
done
for b in pulumi-language-nodejs pulumi-language-nodejs-upstream pulumi-resource-kubernetes kwok metrics-server keda-operator; do
  printf '    %-28s %s\n' "$b" "$(stamp_of "$b")"
done
for shared in kwok keda prometheus-operator; do
  printf '    %-28s %s\n' "share/$shared" "$(shared_version "$shared")"
done
log "build times:"
printf '    %s\n' "${TIMINGS[@]}"
log "total: $((SECONDS - TOTAL_START))s; cache size: $(du -sh "$CACHE" | cut -f1)"
