import { parseQuantity } from "../core/quantity";
import type * as k8s from "@pulumi/kubernetes";
import type { ServicePort, ServiceSpec } from "../config/types";
import { annotationKeys, CELL_APP_CONFIG, CELL_DATA_SECRET, labelKeys } from "../core/labels";
import type { CellContext } from "./cell-context";
import type { EdgeTimings } from "../core/edge-timing";

type PodTemplate = k8s.types.input.core.v1.PodTemplateSpec;
type Probe = k8s.types.input.core.v1.Probe;

/** Non-root identity for every IM container: Pod Security "restricted" requires a non-zero UID. */
export const RUN_AS_USER = 10001;

export function workloadLabels(service: ServiceSpec, cell: CellContext): Record<string, string> {
  return {
    [labelKeys.name]: service.name,
    [labelKeys.component]: service.role,
    [labelKeys.role]: service.role,
    [labelKeys.cell]: cell.cell,
    [labelKeys.tier]: cell.tier,
    [labelKeys.tenant]: cell.cell,
    ...(cell.imagePinning === "digest" ? { [labelKeys.imagePinning]: "digest" } : {}),
  };
}

export function selectorLabels(service: ServiceSpec, cell: CellContext): Record<string, string> {
  return { [labelKeys.name]: service.name, [labelKeys.cell]: cell.cell };
}

/** The port probes check: the client or HTTP port when there is one, else the first non-metrics port. */
export function probePort(service: ServiceSpec): ServicePort | undefined {
  const nonMetrics = service.ports.filter((port) => port.purpose !== "metrics");
  return nonMetrics.find((port) => port.purpose === "client" || port.purpose === "http") ?? nonMetrics[0];
}

function probes(service: ServiceSpec, timings: EdgeTimings): { readinessProbe?: Probe; livenessProbe?: Probe } {
  const port = probePort(service);
  if (!port) return {};
  const check = service.healthPath
    ? { httpGet: { path: service.healthPath, port: port.name } }
    : { tcpSocket: { port: port.name } };
  return {
    readinessProbe: {
      ...check,
      periodSeconds: timings.readinessPeriodSeconds,
      failureThreshold: timings.readinessFailureThreshold,
    },
    livenessProbe: { tcpSocket: { port: port.name }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
  };
}

/**
 * A token mounted by hand instead of automounted: only services that discover peers through the
 * API get one, it expires within the hour, and it is read-only.
 */
const API_TOKEN_VOLUME: k8s.types.input.core.v1.Volume = {
  name: "kube-api-access",
  projected: {
    defaultMode: 0o444,
    sources: [
      { serviceAccountToken: { path: "token", expirationSeconds: 3600 } },
      { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
      { downwardAPI: { items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }] } },
    ],
  },
};

/** Requested node disk per container: the /tmp volume's size; the limit leaves room for logs. */
export const EPHEMERAL_STORAGE = { request: "256Mi", limit: "1Gi" } as const;

/** The smaller (or larger) of two quantities, so a default never crosses the value the user set. */
function bound(pick: "min" | "max", a: string, b: string): string {
  const [x, y] = [parseQuantity(a) ?? 0, parseQuantity(b) ?? 0];
  return (pick === "min" ? x <= y : x >= y) ? a : b;
}

function containerResources(service: ServiceSpec): k8s.types.input.core.v1.ResourceRequirements {
  const { requests, limits } = service.resources;
  const diskRequest =
    requests.ephemeralStorage ??
    (limits.ephemeralStorage
      ? bound("min", EPHEMERAL_STORAGE.request, limits.ephemeralStorage)
      : EPHEMERAL_STORAGE.request);
  const diskLimit = limits.ephemeralStorage ?? bound("max", EPHEMERAL_STORAGE.limit, diskRequest);
  return {
    requests: { cpu: requests.cpu, memory: requests.memory, "ephemeral-storage": diskRequest },
    limits: { cpu: limits.cpu, memory: limits.memory, "ephemeral-storage": diskLimit },
  };
}

/** How long a pod of the service may take to stop: a gateway drains its connections first. */
export function podGraceSeconds(service: ServiceSpec, timings: EdgeTimings): number {
  return service.role === "gateway" ? timings.terminationGracePeriodSeconds : service.terminationGraceSeconds;
}

export function podTemplate(service: ServiceSpec, cell: CellContext, timings: EdgeTimings): PodTemplate {
  const isGateway = service.role === "gateway";
  const volumes: k8s.types.input.core.v1.Volume[] = [
    { name: "tmp", emptyDir: { sizeLimit: EPHEMERAL_STORAGE.request } },
    { name: "cell", configMap: { name: cell.cellConfigMap } },
  ];
  const mounts: k8s.types.input.core.v1.VolumeMount[] = [
    { name: "tmp", mountPath: "/tmp" },
    { name: "cell", mountPath: "/etc/im-platform", readOnly: true },
  ];
  if (service.configMountPath) {
    volumes.push({ name: "app-config", configMap: { name: CELL_APP_CONFIG } });
    mounts.push({ name: "app-config", mountPath: service.configMountPath, readOnly: true });
  }
  if (cell.dataCa) {
    // Optional: only services whose managed endpoints chain to a private CA bring one.
    volumes.push({ name: "data-ca", configMap: { name: cell.dataCa.configMap, optional: true } });
    mounts.push({ name: "data-ca", mountPath: cell.dataCa.mountPath, readOnly: true });
  }
  service.writablePaths.forEach((path, index) => {
    volumes.push({ name: `writable-${index}`, emptyDir: { sizeLimit: EPHEMERAL_STORAGE.request } });
    mounts.push({ name: `writable-${index}`, mountPath: path });
  });
  if (service.kubernetesApi) {
    volumes.push(API_TOKEN_VOLUME);
    mounts.push({
      name: "kube-api-access",
      mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
      readOnly: true,
    });
  }
  return {
    metadata: {
      labels: workloadLabels(service, cell),
      annotations: cell.configChecksum ? { [annotationKeys.configChecksum]: cell.configChecksum } : undefined,
    },
    spec: {
      serviceAccountName: cell.serviceAccountName,
      automountServiceAccountToken: false,
      priorityClassName: cell.priorityClassName,
      nodeSelector: cell.placement.nodeSelector,
      tolerations: [...cell.placement.tolerations],
      enableServiceLinks: false,
      terminationGracePeriodSeconds: podGraceSeconds(service, timings),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: RUN_AS_USER,
        runAsGroup: RUN_AS_USER,
        fsGroup: RUN_AS_USER,
        seccompProfile: { type: "RuntimeDefault" },
      },
      // Spread replicas so losing one node or zone drops a fraction of the connections, not all.
      topologySpreadConstraints: ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: selectorLabels(service, cell) },
      })),
      volumes,
      containers: [
        {
          name: service.name,
          image: service.image,
          imagePullPolicy: "IfNotPresent",
          args: service.args.length > 0 ? [...service.args] : undefined,
          ports: service.ports.map((port) => ({ name: port.name, containerPort: port.port, protocol: port.protocol })),
          env: [
            ...Object.entries(service.env).map(([name, value]) => ({ name, value })),
            { name: "IM_PLATFORM_CELL", value: cell.cell },
            { name: "IM_PLATFORM_TIER", value: cell.tier },
            ...Object.entries(service.secretEnv).map(([name, key]) => ({
              name,
              valueFrom: { secretKeyRef: { name: CELL_DATA_SECRET, key } },
            })),
          ],
          resources: containerResources(service),
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            privileged: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
          },
          volumeMounts: mounts,
          ...probes(service, timings),
          // The sleep action needs no shell in the image; it holds SIGTERM back until deregistration lands.
          ...(isGateway ? { lifecycle: { preStop: { sleep: { seconds: timings.preStopSeconds } } } } : {}),
        },
      ],
    },
  };
}
