#!/usr/bin/env bash
# A node-less local Kubernetes control plane for integration tests: etcd + kube-apiserver +
# kube-controller-manager, listening on 127.0.0.1 only, state/logs/pids under
# ${IM_PLATFORM_CACHE:-~/.cache/im-platform}/cluster. No kubelet and no scheduler: Pods are
# accepted (and admission-checked) but stay Pending.
#
# Usage: scripts/local-cluster/cluster.sh <command>
#   start    start the control plane (no-op if already running) and wait until it is ready
#   stop     stop it (state is kept)
#   status   print the state of each component; exit 0 only if all are running and ready
#   reset    stop it and delete its state (etcd data, certificates, kubeconfig)
#   env      print "export KUBECONFIG=..." for eval
# Binaries come from scripts/tools/install.sh. Ports (override with the variables):
#   IM_CLUSTER_ETCD_PORT=23790 IM_CLUSTER_ETCD_PEER_PORT=23800
#   IM_CLUSTER_APISERVER_PORT=16443 IM_CLUSTER_KCM_PORT=10358
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/tools/env.sh
. "$ROOT/scripts/tools/env.sh"

DIR="$IM_PLATFORM_CACHE/cluster"
PKI="$DIR/pki"
RUN="$DIR/run"
LOGS="$DIR/logs"
KUBECONFIG_OUT="$DIR/kubeconfig"
CONTEXT=im-platform-local

ETCD_PORT="${IM_CLUSTER_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${IM_CLUSTER_ETCD_PEER_PORT:-23800}"
API_PORT="${IM_CLUSTER_APISERVER_PORT:-16443}"
KCM_PORT="${IM_CLUSTER_KCM_PORT:-10358}"
# Virtual IPs handed out to Services; nothing routes to them (there are no nodes).
SERVICE_CIDR="${IM_CLUSTER_SERVICE_CIDR:-10.96.0.0/16}"
START_TIMEOUT="${IM_CLUSTER_START_TIMEOUT:-120}"

COMPONENTS=(etcd kube-apiserver kube-controller-manager)

log() { printf '[local-cluster] %s\n' "$*"; }
die() { printf '[local-cluster] error: %s\n' "$*" >&2; exit 1; }

need_bins() {
  local b
  for b in etcd kube-apiserver kube-controller-manager openssl curl; do
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
gen_pki() {
  [ -f "$PKI/.complete" ] && return 0
  log "generating certificates in $PKI"
  rm -rf "$PKI"; mkdir -p "$PKI"; chmod 700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=im-platform-local-ca" 2>/dev/null

    # leaf <name> <subject> <extensions>
    leaf() {
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      printf '%s\n' "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" \
        -days 3650 -extfile "$1.ext" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    leaf apiserver "/CN=kube-apiserver" "$(printf '%s\n' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=serverAuth' \
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local')"
    leaf admin "/O=system:masters/CN=im-platform-admin" "$(printf '%s\n' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=clientAuth')"
    leaf controller-manager "/CN=system:kube-controller-manager" "$(printf '%s\n' \
      'basicConstraints=CA:FALSE' 'keyUsage=digitalSignature,keyEncipherment' 'extendedKeyUsage=clientAuth')"
    # Service-account token signing key pair.
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    chmod 600 ./*.key
    touch .complete
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
launch() { # launch <name> <args...>: start in its own session, detached, logging to $LOGS/<name>.log
  local name="$1"; shift
  if pid_of "$name" >/dev/null; then return 0; fi
  log "starting $name (log: $LOGS/$name.log)"
  setsid "$(command -v "$name")" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

api_get() { # api_get <path>: GET against the apiserver as admin, print the body
  curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$API_PORT$1"
}

wait_for() { # wait_for <what> <timeout-s> <cmd...>
  local what="$1" timeout="$2" start=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      die "timed out after ${timeout}s waiting for $what (logs in $LOGS)"
    fi
    local c
    for c in "${COMPONENTS[@]}"; do
      if [ -f "$RUN/$c.pid" ] && ! pid_of "$c" >/dev/null; then
        tail -n 30 "$LOGS/$c.log" >&2 || true
        die "$c exited while waiting for $what (log: $LOGS/$c.log)"
      fi
    done
    sleep 1
  done
}

etcd_healthy() { curl -fsS --max-time 3 "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }
api_ready() { [ "$(api_get /readyz)" = ok ]; }
kcm_healthy() { [ "$(curl -ksS --max-time 3 "https://127.0.0.1:$KCM_PORT/healthz")" = ok ]; }
default_sa() { api_get /api/v1/namespaces/default/serviceaccounts/default; }

cmd_start() {
  need_bins
  mkdir -p "$DIR" "$RUN" "$LOGS"
  local running=0 c
  for c in "${COMPONENTS[@]}"; do pid_of "$c" >/dev/null && running=$((running + 1)); done
  if [ "$running" = "${#COMPONENTS[@]}" ] && api_ready 2>/dev/null; then
    log "already running (kubeconfig: $KUBECONFIG_OUT, context: $CONTEXT)"
    return 0
  fi
  gen_pki
  write_kubeconfig "$KUBECONFIG_OUT" admin im-platform-admin
  write_kubeconfig "$DIR/controller-manager.kubeconfig" controller-manager system:kube-controller-manager

  # etcd on loopback, plain HTTP (only local processes can reach it). fsync is skipped: the data
  # is throw-away test state and this keeps the control plane fast on small CI disks.
  launch etcd \
    --name im-platform-local --data-dir "$DIR/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "im-platform-local=http://127.0.0.1:$ETCD_PEER_PORT" \
    --listen-metrics-urls "" --unsafe-no-fsync --quota-backend-bytes 2147483648 --log-level warn
  wait_for "etcd" "$START_TIMEOUT" etcd_healthy

  # PodSecurity and ResourceQuota are on by default; listed explicitly because tests rely on them.
  # The endpoint reconciler is off: it would publish the loopback address as the "kubernetes"
  # Service endpoint, which the API rejects; nothing in-cluster needs that endpoint here.
  launch kube-apiserver \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode RBAC \
    --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,ResourceQuota \
    --allow-privileged=true --endpoint-reconciler-type none \
    --profiling=false --v 1
  wait_for "kube-apiserver /readyz" "$START_TIMEOUT" api_ready

  # All default controllers (namespace, resourcequota, deployment, replicaset, garbagecollector,
  # serviceaccount, serviceaccount-token, ...), each with its own service-account credentials.
  launch kube-controller-manager \
    --kubeconfig "$DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$DIR/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$KCM_PORT" \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --use-service-account-credentials=true \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --controllers '*' --leader-elect=false --profiling=false --v 1
  wait_for "kube-controller-manager /healthz" "$START_TIMEOUT" kcm_healthy
  # Pods (and so Deployments) are only admitted once the "default" ServiceAccount exists.
  wait_for "the default ServiceAccount" "$START_TIMEOUT" default_sa

  log "ready: https://127.0.0.1:$API_PORT (kubeconfig: $KUBECONFIG_OUT, context: $CONTEXT)"
}

cmd_stop() {
  local i c pid stopped=0
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    c="${COMPONENTS[$i]}"
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
  for c in "${COMPONENTS[@]}"; do
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

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  env) printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_OUT" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed 's/^# \{0,1\}//;/^set -euo/d'; exit 2 ;;
esac
