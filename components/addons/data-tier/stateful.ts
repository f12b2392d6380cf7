import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels, labelKeys, DATA_PRIORITY_CLASS } from "../../core/labels";

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;

/** What one in-cluster data service is: its pods' containers, identity, volume and ports. */
export interface DataStatefulSpec {
  readonly name: string;
  /** Prefix of the objects' Pulumi names: unique in the stack, stable across updates. */
  readonly resourceName: string;
  readonly namespace: string;
  readonly dataSet: string;
  readonly replicas: number;
  /** The image's own non-root user, so it can write its data volume. */
  readonly user: number;
  readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number }>;
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  /** Size of each pod's data volume (mounted as "data"). */
  readonly storage: string;
  readonly storageClassName?: string;
  /** Extra labels on the pods, e.g. the cell a per-cell service belongs to. */
  readonly labels?: Record<string, string>;
  /** Annotations on the pod template (a checksum of config that the pods read at start). */
  readonly podAnnotations?: Record<string, string>;
  readonly skipAwait: boolean;
}

/** Container security every data service runs with: Pod Security "restricted". */
export function restrictedContainer(user: number): k8s.types.input.core.v1.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: user,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function dataLabels(spec: Pick<DataStatefulSpec, "name" | "dataSet" | "labels">): Record<string, string> {
  return commonLabels({
    [labelKeys.name]: spec.name,
    [labelKeys.component]: "data",
    [labelKeys.dataSet]: spec.dataSet,
    ...spec.labels,
  });
}

/**
 * A data service as a StatefulSet behind a headless Service (stable per-pod addresses), with a
 * volume per pod on the target's storage class and a disruption budget that keeps a quorum.
 */
export function createDataStatefulSet(spec: DataStatefulSpec, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
  const labels = dataLabels(spec);
  const selector = { [labelKeys.name]: spec.name, [labelKeys.dataSet]: spec.dataSet };
  const metadata = { name: spec.name, namespace: spec.namespace, labels };
  const annotations = spec.skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined;
  const service = new k8s.core.v1.Service(
    `${spec.resourceName}-svc`,
    {
      // Without nodes no pod gets an address: Pulumi would wait for endpoints that never come.
      metadata: { ...metadata, annotations },
      spec: {
        clusterIP: "None",
        // Members must find each other before they are ready (replica set election, controller quorum).
        publishNotReadyAddresses: true,
        selector,
        ports: spec.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.port })),
      },
    },
    opts,
  );
  const statefulSet = new k8s.apps.v1.StatefulSet(
    spec.resourceName,
    {
      metadata: { ...metadata, annotations },
      spec: {
        serviceName: spec.name,
        replicas: spec.replicas,
        podManagementPolicy: "Parallel",
        selector: { matchLabels: selector },
        template: {
          metadata: { labels, annotations: spec.podAnnotations },
          spec: {
            automountServiceAccountToken: false,
            priorityClassName: DATA_PRIORITY_CLASS,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: spec.user,
              runAsGroup: spec.user,
              fsGroup: spec.user,
              seccompProfile: { type: "RuntimeDefault" },
            },
            topologySpreadConstraints: ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: selector },
            })),
            initContainers: spec.initContainers ? [...spec.initContainers] : undefined,
            containers: [...spec.containers],
            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }, ...(spec.volumes ?? [])],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels },
            spec: {
              accessModes: ["ReadWriteOnce"],
              storageClassName: spec.storageClassName,
              resources: { requests: { storage: spec.storage } },
            },
          },
        ],
      },
    },
    { ...opts, dependsOn: [service] },
  );
  const budget = new k8s.policy.v1.PodDisruptionBudget(
    `${spec.resourceName}-pdb`,
    // One member at a time: a replica set or a quorum keeps its majority through a drain.
    { metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
    opts,
  );
  return [service, statefulSet, budget];
}

/** Requests and limits of a data container. */
export function dataResources(cpu: string, memory: string, cpuLimit: string, memoryLimit: string) {
  return {
    requests: { cpu, memory, "ephemeral-storage": "256Mi" },
    limits: { cpu: cpuLimit, memory: memoryLimit, "ephemeral-storage": "1Gi" },
  };
}
