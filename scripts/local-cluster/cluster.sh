#!/usr/bin/env bash
# A local Kubernetes control plane whose nodes kwok simulates: etcd + kube-apiserver +
# kube-controller-manager + kube-scheduler + kwok, and on request metrics-server (the resource
# metrics HPAs read) and KEDA (operator and external-metrics adapter). Everything listens on
# 127.0.0.1; state, logs and pids live under ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/cluster
# (or clusters/<name> for a named cluster). Nodes come from a stack's pools: `nodes --stack <s>`.
# kwok plays the kubelets: pods are scheduled, start after a simulated delay and become Ready,
# Jobs complete, LoadBalancer Services get an address, and pods use the CPU a ClusterResourceUsage
# gives them, which metrics-server reads from kwok's simulated kubelet endpoint. With the
# monitoring-crds add-on the API server also serves the Prometheus Operator's CRDs (and the
# operator's namespace exists), as on a cluster that runs one: it validates and stores the kit's
# PodMonitors, PrometheusRules and AlertmanagerConfigs; no operator or Prometheus acts on them.
#
# Usage: scripts/local-cluster/cluster.sh <command>
#   start [--with metrics-server] [--with keda] [--with monitoring-crds[=<namespace>]]
#            start the control plane (no-op if already running) and wait until it is ready; the
#            add-ons join a running one. monitoring-crds: the monitoring.coreos.com CRDs and the
#            operator's namespace (default monitoring; another with =<namespace>, may be repeated)
#   nodes --stack <s> [--dry-run]
#            create the simulated nodes of the stack's node pools (and delete other simulated ones)
#   stop     stop it (state is kept)
#   status   print the state of each component; exit 0 only if all are running and ready
#   reset    stop it and delete its state (etcd data, certificates, kubeconfig)
#   env      print "export KUBECONFIG=..." for eval
# Binaries come from scripts/tools/install.sh. Environment:
#   IM_CLUSTER_NAME=local        another name is another cluster: own state and kubeconfig
#   IM_CLUSTER_PORT_OFFSET=0     added to every port below (a second cluster needs another offset)
#   IM_CLUSTER_HPA_SYNC_SECONDS=15    the HPA controller's sync period (upstream default)
#   IM_CLUSTER_METRIC_RESOLUTION=15s  how often metrics-server scrapes the simulated kubelets
# Ports (before the offset): etcd 23790/23800, kube-apiserver 16443, kube-controller-manager 10358,
#   kube-scheduler 10359, kwok 10360, metrics-server 10361, KEDA adapter 10362, KEDA gRPC 10363,
#   KEDA health 10364, KEDA metrics 10365.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/tools/env.sh
. "$ROOT/scripts/tools/env.sh"

NAME="${IM_CLUSTER_NAME:-local}"
[[ "$NAME" =~ ^[a-z0-9-]+$ ]] || { echo "IM_CLUSTER_NAME must be lower-case letters, digits and dashes" >&2; exit 2; }
if [ "$NAME" = local ]; then DIR="$IM_PLATFORM_CACHE/cluster"; else DIR="$IM_PLATFORM_CACHE/clusters/$NAME"; fi
PKI="$DIR/pki"
RUN="$DIR/run"
LOGS="$DIR/logs"
KUBECONFIG_OUT="$DIR/kubeconfig"
CONTEXT="im-platform-$NAME"
SHARE="$IM_PLATFORM_CACHE/share"

OFFSET="${IM_CLUSTER_PORT_OFFSET:-0}"
port() { echo $(($1 + OFFSET)); }
ETCD_PORT="$(port 23790)"
ETCD_PEER_PORT="$(port 23800)"
API_PORT="$(port 16443)"
KCM_PORT="$(port 10358)"
SCHEDULER_PORT="$(port 10359)"
KWOK_PORT="$(port 10360)"
METRICS_SERVER_PORT="$(port 10361)"
KEDA_ADAPTER_PORT="$(port 10362)"
KEDA_GRPC_PORT="$(port 10363)"
KEDA_HEALTH_PORT="$(port 10364)"
KEDA_METRICS_PORT="$(port 10365)"
# Virtual IPs handed out to Services, and the range kwok gives pods; nothing routes to either.
SERVICE_CIDR="${IM_CLUSTER_SERVICE_CIDR:-10.96.0.0/16}"
POD_CIDR="${IM_CLUSTER_POD_CIDR:-10.244.0.0/16}"
HPA_SYNC_SECONDS="${IM_CLUSTER_HPA_SYNC_SECONDS:-15}"
METRIC_RESOLUTION="${IM_CLUSTER_METRIC_RESOLUTION:-15s}"
START_TIMEOUT="${IM_CLUSTER_START_TIMEOUT:-120}"

CORE=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
ADDONS_FILE="$DIR/addons"

log() { printf '[cluster %s] %s\n' "$NAME" "$*"; }
die() { printf '[cluster %s] error: %s\n' "$NAME" "$*" >&2; exit 1; }

addons() { [ -f "$ADDONS_FILE" ] && cat "$ADDONS_FILE" || true; }
components() { # the core, then each add-on's processes
  printf '%s\n' "${CORE[@]}"
  local addon
  for addon in $(addons); do
    case "$addon" in
      metrics-server) echo metrics-server ;;
      keda) echo keda-operator; echo keda-adapter ;;
      # monitoring-crds[=<namespace>]: API objects only, no process.
    esac
  done
}

need_bins() {
  local b
  for b in "$@" openssl curl kubectl; do
    command -v "$b" >/dev/null || die "$b not found on PATH; run scripts/tools/install.sh first"
  done
}

# pid of a component if it is running (the pid file's process still runs that binary).
pid_of() {
  local f="$RUN/$1.pid" pid
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$1" || return 1
  echo "$pid"
}

# --- Certificates -------------------------------------------------------------------------------
PKI_VERSION=3 # 2: front-proxy (aggregation layer) and serving certificates for the add-ons; 3: their Service names
gen_pki() {
  [ "$(cat "$PKI/.complete" 2>/dev/null || true)" = "$PKI_VERSION" ] && return 0
  log "generating certificates in $PKI"
  rm -rf "$PKI"; mkdir -p "$PKI"; chmod 700 "$PKI"
  (
    cd "$PKI"
    ca() { openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.crt" -days 3650 -subj "/CN=$2" 2>/dev/null; }
    ca ca im-platform-local-ca
    # The aggregation layer's own CA: extension API servers trust requests it signs.
    ca front-proxy-ca im-platform-front-proxy-ca

    # leaf <name> <subject> <extensions> [ca]
    leaf() {
      local issuer="${4:-ca}"
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      printf '%s\n' "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA "$issuer.crt" -CAkey "$issuer.key" -CAcreateserial -out "$1.crt" \
        -days 3650 -extfile "$1.ext" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    local client='basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'
    leaf apiserver "/CN=kube-apiserver" "$(printf '%s\n' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local')"
    # Serves the add-ons on loopback (metrics-server, KEDA) and the simulated kubelets; the
    # aggregation layer checks the name of the Service it dialled through.
    leaf localhost "/CN=localhost" "$(printf '%s\n' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth,clientAuth' \
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:metrics-server.kube-system.svc,DNS:keda-metrics-apiserver.keda.svc')"
    leaf admin "/O=system:masters/CN=im-platform-admin" "$client"
    leaf controller-manager "/CN=system:kube-controller-manager" "$client"
    leaf scheduler "/CN=system:kube-scheduler" "$client"
    leaf front-proxy-client "/CN=front-proxy-client" "$client" front-proxy-ca
    # Service-account token signing key pair.
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    chmod 600 ./*.key
    echo "$PKI_VERSION" >.complete
  )
}

write_kubeconfig() { # write_kubeconfig <file> <cert-name> <user>
  local ca crt key
  ca="$(base64 -w0 <"$PKI/ca.crt")"; crt="$(base64 -w0 <"$PKI/$2.crt")"; key="$(base64 -w0 <"$PKI/$2.key")"
  umask 077
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $CONTEXT
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $ca
users:
- name: $3
  user:
    client-certificate-data: $crt
    client-key-data: $key
contexts:
- name: $CONTEXT
  context:
    cluster: $CONTEXT
    user: $3
    namespace: default
current-context: $CONTEXT
EOF
}

# --- Processes ----------------------------------------------------------------------------------
launch() { # launch <name> <binary> <args...>: start in its own session, detached, logging to $LOGS/<name>.log
  local name="$1" binary="$2"; shift 2
  if pid_of "$name" >/dev/null; then return 0; fi
  log "starting $name (log: $LOGS/$name.log)"
  # exec -a names the process after the component, so pid_of finds it whatever binary runs it.
  setsid bash -c 'exec -a "$0" "$@"' "$name" "$(command -v "$binary")" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

api_get() { # api_get <path>: GET against the apiserver as admin, print the body
  curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$API_PORT$1"
}
k() { kubectl --kubeconfig "$KUBECONFIG_OUT" "$@"; }

wait_for() { # wait_for <what> <timeout-s> <cmd...>
  local what="$1" timeout="$2" start=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      die "timed out after ${timeout}s waiting for $what (logs in $LOGS)"
    fi
    local c
    for c in $(components); do
      if [ -f "$RUN/$c.pid" ] && ! pid_of "$c" >/dev/null; then
        tail -n 30 "$LOGS/$c.log" >&2 || true
        die "$c exited while waiting for $what (log: $LOGS/$c.log)"
      fi
    done
    sleep 1
  done
}

healthz() { [ "$(curl -ksS --max-time 3 "https://127.0.0.1:$1/${2:-healthz}")" = ok ]; }
etcd_healthy() { curl -fsS --max-time 3 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }
api_ready() { [ "$(api_get /readyz)" = ok ]; }
default_sa() { api_get /api/v1/namespaces/default/serviceaccounts/default; }
api_available() { k get apiservice "$1" -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' | grep -qx True; }

start_core() {
  # etcd on loopback, plain HTTP (only local processes can reach it). fsync is skipped: the data
  # is throw-away test state and this keeps the control plane fast on small CI disks.
  launch etcd etcd \
    --name "im-platform-$NAME" --data-dir "$DIR/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "im-platform-$NAME=http://127.0.0.1:$ETCD_PEER_PORT" \
    --listen-metrics-urls "" --unsafe-no-fsync --quota-backend-bytes 2147483648 --log-level warn
  wait_for "etcd" "$START_TIMEOUT" etcd_healthy

  # PodSecurity and ResourceQuota are on by default; listed explicitly because tests rely on them.
  # Priority admission resolves priorityClassName for the scheduler's preemption. The endpoint
  # reconciler is off: it would publish the loopback address as the "kubernetes" Service
  # endpoint, which the API rejects. The requestheader/proxy-client flags turn on the
  # aggregation layer, through which metrics-server and KEDA's adapter serve their metrics APIs.
  launch kube-apiserver kube-apiserver \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode RBAC \
    --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,Priority,ResourceQuota \
    --requestheader-client-ca-file "$PKI/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --proxy-client-cert-file "$PKI/front-proxy-client.crt" --proxy-client-key-file "$PKI/front-proxy-client.key" \
    --allow-privileged=true --endpoint-reconciler-type none \
    --profiling=false --v 1
  wait_for "kube-apiserver /readyz" "$START_TIMEOUT" api_ready

  # All default controllers (namespace, resourcequota, deployment, replicaset, statefulset, job,
  # disruption, horizontalpodautoscaling, nodelifecycle, persistentvolume-binder, ...), each with
  # its own service-account credentials. The in-tree hostPath provisioner gives claims volumes
  # (empty directories under /tmp/hostpath_pv, deleted with their claims).
  launch kube-controller-manager kube-controller-manager \
    --kubeconfig "$DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$DIR/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$KCM_PORT" \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --horizontal-pod-autoscaler-sync-period "${HPA_SYNC_SECONDS}s" \
    --enable-hostpath-provisioner=true \
    --controllers '*' --leader-elect=false --profiling=false --v 1
  wait_for "kube-controller-manager /healthz" "$START_TIMEOUT" healthz "$KCM_PORT"

  launch kube-scheduler kube-scheduler \
    --kubeconfig "$DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$DIR/scheduler.kubeconfig" \
    --authorization-kubeconfig "$DIR/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" \
    --leader-elect=false --profiling=false --v 1
  wait_for "kube-scheduler /healthz" "$START_TIMEOUT" healthz "$SCHEDULER_PORT"
  # Pods (and so Deployments) are only admitted once the "default" ServiceAccount exists.
  wait_for "the default ServiceAccount" "$START_TIMEOUT" default_sa

  # kwok's resource-usage CRDs, then kwok itself: it plays the kubelet of every node annotated
  # kwok.x-k8s.io/node=fake, and serves their simulated kubelet endpoints (metrics) on its port.
  k apply --server-side -f "$SHARE/kwok/crds/" >/dev/null
  wait_for "kwok's resource-usage CRDs" "$START_TIMEOUT" k wait --for condition=Established --timeout 5s \
    crd/clusterresourceusages.kwok.x-k8s.io crd/resourceusages.kwok.x-k8s.io
  # Every container's simulated usage: kwok's default, or its pod's kwok.x-k8s.io/usage-cpu.
  k apply --server-side -f "$SHARE/kwok/usage/" >/dev/null
  write_kwok_config
  launch kwok kwok \
    --kubeconfig "$KUBECONFIG_OUT" --config "$DIR/kwok.yaml" \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
    --cidr "$POD_CIDR" --node-ip 127.0.0.1 --node-port "$KWOK_PORT" \
    --server-address "127.0.0.1:$KWOK_PORT" \
    --tls-cert-file "$PKI/localhost.crt" --tls-private-key-file "$PKI/localhost.key" \
    --node-lease-duration-seconds 40 --enable-crds ClusterResourceUsage,ResourceUsage
  wait_for "kwok /healthz" "$START_TIMEOUT" healthz "$KWOK_PORT"
  k apply --server-side -f "$ROOT/scripts/local-cluster/objects/storage.yaml" >/dev/null
}

# kwok's configuration: its own lifecycle stages and kubelet metrics (from its module), and this
# kit's stage that gives a LoadBalancer Service an address, as a cloud controller would.
write_kwok_config() {
  local file
  {
    for file in "$SHARE"/kwok/stages/*.yaml "$SHARE"/kwok/metrics/*.yaml "$ROOT"/scripts/local-cluster/kwok/*.yaml; do
      [ "$(basename "$file")" = kustomization.yaml ] && continue
      printf -- '---\n'; cat "$file"; printf '\n'
    done
  } >"$DIR/kwok.yaml"
}

# An extension API server on loopback, reached by the aggregation layer through an ExternalName
# Service (the aggregator dials its host name), trusted by the local CA.
register_api() { # register_api <apiservice> <group> <version> <namespace> <service> <port>
  k apply --server-side -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: $4}
---
apiVersion: v1
kind: Service
metadata: {name: $5, namespace: $4}
spec: {type: ExternalName, externalName: localhost, ports: [{name: https, port: $6}]}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: $1}
spec:
  group: $2
  version: $3
  service: {name: $5, namespace: $4, port: $6}
  caBundle: $(base64 -w0 <"$PKI/ca.crt")
  groupPriorityMinimum: 100
  versionPriority: 100
EOF
}

start_metrics_server() {
  # Scrapes each simulated node at the address and port kwok reports, on the path its
  # metrics.k8s.io/resource-metrics-path annotation names (metrics-server >= 0.7).
  launch metrics-server metrics-server \
    --bind-address 127.0.0.1 --secure-port "$METRICS_SERVER_PORT" \
    --kubeconfig "$KUBECONFIG_OUT" --authentication-kubeconfig "$KUBECONFIG_OUT" \
    --authorization-kubeconfig "$KUBECONFIG_OUT" \
    --tls-cert-file "$PKI/localhost.crt" --tls-private-key-file "$PKI/localhost.key" \
    --kubelet-preferred-address-types InternalIP --kubelet-use-node-status-port \
    --kubelet-certificate-authority "$PKI/ca.crt" \
    --metric-resolution "$METRIC_RESOLUTION"
  register_api v1beta1.metrics.k8s.io metrics.k8s.io v1beta1 kube-system metrics-server "$METRICS_SERVER_PORT"
  wait_for "the metrics.k8s.io API" "$START_TIMEOUT" api_available v1beta1.metrics.k8s.io
}

keda_ready() { curl -fsS --max-time 3 "http://127.0.0.1:$KEDA_HEALTH_PORT/readyz" >/dev/null; }

start_keda() {
  k apply --server-side -f "$SHARE/keda/crds/" >/dev/null
  # The operator exits when a kind it watches has no CRD yet.
  wait_for "KEDA's CRDs" "$START_TIMEOUT" k wait --for condition=Established --timeout 5s -f "$SHARE/keda/crds/"
  k create namespace keda --dry-run=client -o yaml | k apply -f - >/dev/null
  # The operator and the adapter talk gRPC over mutual TLS with the certificates in this dir.
  mkdir -p "$DIR/keda-certs"
  cp "$PKI/ca.crt" "$DIR/keda-certs/ca.crt"
  cp "$PKI/localhost.crt" "$DIR/keda-certs/tls.crt"
  cp "$PKI/localhost.key" "$DIR/keda-certs/tls.key"
  KEDA_CLUSTER_OBJECT_NAMESPACE=keda WATCH_NAMESPACE="" POD_NAMESPACE=keda OPERATOR_NAME=keda-operator \
    KUBECONFIG="$KUBECONFIG_OUT" launch keda-operator keda-operator \
    --kubeconfig "$KUBECONFIG_OUT" --leader-elect=false \
    --metrics-bind-address "127.0.0.1:$KEDA_METRICS_PORT" \
    --health-probe-bind-address "127.0.0.1:$KEDA_HEALTH_PORT" \
    --metrics-service-bind-address "127.0.0.1:$KEDA_GRPC_PORT" \
    --cert-dir "$DIR/keda-certs" --enable-cert-rotation=false \
    --enable-webhook-patching=false --enable-apiservice-patching=false --zap-log-level info
  KEDA_CLUSTER_OBJECT_NAMESPACE=keda WATCH_NAMESPACE="" POD_NAMESPACE=keda KUBECONFIG="$KUBECONFIG_OUT" \
    launch keda-adapter keda-adapter \
    --lister-kubeconfig "$KUBECONFIG_OUT" --authentication-kubeconfig "$KUBECONFIG_OUT" \
    --authorization-kubeconfig "$KUBECONFIG_OUT" \
    --bind-address 127.0.0.1 --secure-port "$KEDA_ADAPTER_PORT" \
    --tls-cert-file "$PKI/localhost.crt" --tls-private-key-file "$PKI/localhost.key" \
    --cert-dir "$DIR/keda-certs" --metrics-service-address "localhost:$KEDA_GRPC_PORT" \
    --port "$(port 10366)"
  register_api v1beta1.external.metrics.k8s.io external.metrics.k8s.io v1beta1 keda keda-metrics-apiserver \
    "$KEDA_ADAPTER_PORT"
  wait_for "the KEDA operator /readyz" "$START_TIMEOUT" keda_ready
  wait_for "the external.metrics.k8s.io API" "$START_TIMEOUT" api_available v1beta1.external.metrics.k8s.io
}

# The Prometheus Operator's CRDs as its install puts them in a cluster (server-side: several are
# far above the 256 KiB a client-side apply's last-applied annotation may hold), and the namespace
# each monitoring-crds add-on names (the operator's: where the kit's AlertmanagerConfig goes).
# The API server validates every monitoring object against their structural schemas.
start_monitoring_crds() {
  local crds="$SHARE/prometheus-operator/crds" namespaces
  k apply --server-side --force-conflicts -f "$crds/" >/dev/null
  wait_for "the Prometheus Operator's CRDs" "$START_TIMEOUT" k wait --for condition=Established --timeout 5s -f "$crds/"
  mapfile -t namespaces < <(sed -n 's/^monitoring-crds$/monitoring/p; s/^monitoring-crds=//p' "$ADDONS_FILE" | sort -u)
  local namespace
  for namespace in "${namespaces[@]}"; do
    k create namespace "$namespace" --dry-run=client -o yaml | k apply -f - >/dev/null
  done
}

cmd_start() {
  local wanted=() addon
  while [ $# -gt 0 ]; do
    case "$1" in
      --with) [ $# -ge 2 ] || die "--with needs metrics-server, keda or monitoring-crds"; wanted+=("$2"); shift 2 ;;
      *) die "unknown argument: $1" ;;
    esac
  done
  for addon in "${wanted[@]}"; do
    case "$addon" in
      metrics-server|keda|monitoring-crds) ;;
      monitoring-crds=*)
        [[ "${addon#monitoring-crds=}" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] ||
          die "monitoring-crds=<namespace> needs a namespace name (a DNS label), got '${addon#monitoring-crds=}'" ;;
      *) die "unknown add-on $addon (metrics-server, keda, monitoring-crds[=<namespace>])" ;;
    esac
  done
  mkdir -p "$DIR" "$RUN" "$LOGS"
  # Add-ons already running stay; the ones asked for join them.
  printf '%s\n' $(addons) "${wanted[@]}" | sort -u | grep . >"$ADDONS_FILE.new" || true
  mv "$ADDONS_FILE.new" "$ADDONS_FILE"
  local bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
  grep -qx metrics-server "$ADDONS_FILE" && bins+=(metrics-server)
  grep -qx keda "$ADDONS_FILE" && bins+=(keda-operator keda-adapter)
  need_bins "${bins[@]}"
  [ -d "$SHARE/kwok/stages" ] || die "kwok's configs are missing from $SHARE/kwok; run scripts/tools/install.sh"
  if grep -q '^monitoring-crds' "$ADDONS_FILE"; then
    [ -d "$SHARE/prometheus-operator/crds" ] ||
      die "the Prometheus Operator's CRDs are missing from $SHARE/prometheus-operator; run scripts/tools/install.sh"
  fi

  # A pid file whose process is gone (the machine restarted, or the processes were killed) would
  # read as a component that exited during this start.
  local c
  for c in $(components); do
    pid_of "$c" >/dev/null || rm -f "$RUN/$c.pid"
  done
  gen_pki
  write_kubeconfig "$KUBECONFIG_OUT" admin im-platform-admin
  write_kubeconfig "$DIR/controller-manager.kubeconfig" controller-manager system:kube-controller-manager
  write_kubeconfig "$DIR/scheduler.kubeconfig" scheduler system:kube-scheduler
  start_core
  grep -qx metrics-server "$ADDONS_FILE" && start_metrics_server
  grep -qx keda "$ADDONS_FILE" && start_keda
  grep -q '^monitoring-crds' "$ADDONS_FILE" && start_monitoring_crds
  log "ready: https://127.0.0.1:$API_PORT (kubeconfig: $KUBECONFIG_OUT, context: $CONTEXT, add-ons: $(addons | tr '\n' ' '))"
}

cmd_stop() {
  local c pid stopped=0 list
  mapfile -t list < <(components | tac)
  for c in "${list[@]}"; do
    if pid="$(pid_of "$c")"; then
      log "stopping $c (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      local t=0
      while kill -0 "$pid" 2>/dev/null && [ "$t" -lt 30 ]; do sleep 0.5; t=$((t + 1)); done
      if kill -0 "$pid" 2>/dev/null; then
        log "$c did not stop in 15s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      stopped=$((stopped + 1))
    fi
    rm -f "$RUN/$c.pid"
  done
  [ "$stopped" -gt 0 ] || log "not running"
}

cmd_status() {
  local c pid ok=0
  for c in $(components); do
    if pid="$(pid_of "$c")"; then printf '%-26s running (pid %s)\n' "$c" "$pid"
    else printf '%-26s stopped\n' "$c"; ok=1; fi
  done
  if [ -f "$PKI/admin.crt" ] && api_ready 2>/dev/null; then
    printf '%-26s ok (https://127.0.0.1:%s)\n' "apiserver /readyz" "$API_PORT"
  else
    printf '%-26s not ready\n' "apiserver /readyz"; ok=1
  fi
  printf '%-26s %s (context %s)\n' "kubeconfig" "$KUBECONFIG_OUT" "$CONTEXT"
  return "$ok"
}

cmd_reset() {
  cmd_stop
  log "deleting $DIR"
  rm -rf "$DIR"
}

command="${1:-}"
[ $# -eq 0 ] || shift
case "$command" in
  start) cmd_start "$@" ;;
  nodes) cd "$ROOT" && KUBECONFIG="$KUBECONFIG_OUT" exec npx tsx scripts/local-cluster/nodes.ts "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  env) printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_OUT" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 2 ;;
esac
