import { parseQuantity } from "../../components/core/quantity";
import { kubectl, kubectlOk } from "../local/kubectl";
import { isReady, type PodReadiness } from "../local/pods";

/**
 * Simulated load on a service's pods through kwok's resource-usage simulation: the cluster's
 * usage-from-annotation ClusterResourceUsage (cluster.sh applies it) gives each container the CPU
 * its pod's annotation names, which kwok reports as the kubelet would and metrics-server serves to
 * the HPA. A burst is a total load spread over the Ready pods, as a load balancer spreads connections.
 */
interface Autoscaler {
  spec: { metrics: Array<{ resource?: { target?: { averageUtilization?: number } } }> };
  status?: { desiredReplicas?: number };
}
interface Deployment {
  spec: {
    replicas: number;
    template: { spec: { containers: Array<{ name: string; resources: { requests: { cpu: string } } }> } };
  };
}

/** The pod annotation kwok's usage-from-annotation reads (kustomize/metrics/usage in kwok's module). */
export const USAGE_CPU_ANNOTATION = "kwok.x-k8s.io/usage-cpu";

const getJson = <T>(args: readonly string[]): T => JSON.parse(kubectlOk([...args, "-o", "json"])) as T;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const servicePods = (namespace: string, service: string) => [
  "pods",
  "-n",
  namespace,
  "-l",
  `app.kubernetes.io/name=${service}`,
];

/** Sets the CPU every pod of the service uses, in millicores; pods created later start at kwok's default. */
export function applyLoad(namespace: string, service: string, millicoresPerPod: number): void {
  const cpu = `${Math.max(0, Math.round(millicoresPerPod))}m`;
  kubectlOk(["annotate", ...servicePods(namespace, service), "--overwrite", `${USAGE_CPU_ANNOTATION}=${cpu}`]);
}

export function removeLoad(namespace: string, service: string): void {
  kubectl(["annotate", ...servicePods(namespace, service), `${USAGE_CPU_ANNOTATION}-`]);
}

function readyPods(namespace: string, service: string): number {
  return getJson<{ items: PodReadiness[] }>(["get", ...servicePods(namespace, service)]).items.filter(isReady).length;
}

/** A CPU quantity in millicores, parsed as every other quantity of the kit is. */
export function millicores(cpu: string): number {
  return (parseQuantity(cpu) ?? 0) * 1000;
}

export interface BurstArgs {
  readonly namespace: string;
  /** The service (its Deployment, HPA and container share the name). */
  readonly service: string;
  /** Replicas the load calls for: the load is sized so the HPA's target yields exactly this. */
  readonly targetReplicas: number;
  /** The HPA's scale-down stabilization window, to know how long to watch for the scale-in. */
  readonly stabilizationSeconds: number;
  readonly timeoutSeconds?: number;
}

export interface BurstFigures {
  readonly service: string;
  readonly namespace: string;
  readonly fromReplicas: number;
  readonly peakReplicas: number;
  readonly loadMillicores: number;
  /** Load applied -> the HPA asks for more replicas. */
  readonly reactionSeconds: number;
  /** Load applied -> every replica the load calls for Ready. */
  readonly absorbedSeconds: number;
  /** Load removed -> fewer replicas than the load called for. */
  readonly scaleInSeconds: number;
}

/**
 * Applies a burst to a service, keeps it spread over the Ready pods until the HPA has absorbed
 * it, removes it, and waits for the scale-in below what the load called for: the times the autoscaling chain takes.
 */
export async function measureBurst(args: BurstArgs): Promise<BurstFigures> {
  const { namespace, service } = args;
  const timeout = (args.timeoutSeconds ?? 300) * 1000;
  const hpa = getJson<Autoscaler>(["get", "hpa", service, "-n", namespace]);
  const utilization = hpa.spec.metrics[0]?.resource?.target?.averageUtilization;
  if (!utilization) throw new Error(`hpa ${namespace}/${service} does not scale on CPU utilization`);
  const deployment = () => getJson<Deployment>(["get", "deployment", service, "-n", namespace]);
  const workload = deployment();
  const container = workload.spec.template.spec.containers.find((candidate) => candidate.name === service);
  if (!container) throw new Error(`deployment ${namespace}/${service} has no container named ${service}`);
  const request = millicores(container.resources.requests.cpu);
  const fromReplicas = workload.spec.replicas;
  // Half a replica below the target's edge: the HPA's ceil() lands on targetReplicas exactly.
  const loadMillicores = (args.targetReplicas - 0.5) * request * (utilization / 100);

  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let reactionSeconds: number | undefined;
  let absorbedSeconds: number | undefined;
  let perPod = -1;
  while (absorbedSeconds === undefined) {
    if (performance.now() - started > timeout)
      throw new Error(`${namespace}/${service}: the burst was not absorbed in ${timeout / 1000} s`);
    const ready = Math.max(1, readyPods(namespace, service));
    const share = loadMillicores / ready;
    if (Math.abs(share - perPod) >= 1) {
      applyLoad(namespace, service, share);
      perPod = share;
    }
    const desired = getJson<Autoscaler>(["get", "hpa", service, "-n", namespace]).status?.desiredReplicas ?? 0;
    if (reactionSeconds === undefined && desired > fromReplicas) reactionSeconds = seconds();
    if (ready >= args.targetReplicas) absorbedSeconds = seconds();
    else await sleep(1000);
  }
  const peakReplicas = deployment().spec.replicas;

  // Back to kwok's default (1m): a zero would make metrics-server drop the pods' metrics.
  removeLoad(namespace, service);
  const removed = performance.now();
  let scaleInSeconds: number | undefined;
  while (scaleInSeconds === undefined) {
    if (performance.now() - removed > (args.stabilizationSeconds + 180) * 1000)
      throw new Error(`${namespace}/${service}: no scale-in within ${args.stabilizationSeconds + 180} s`);
    // Below the load's count, not below the peak: a transient overshoot (metrics lagging new pods)
    // is shed a window after its own high recommendation, which may precede the load's removal.
    if (deployment().spec.replicas < args.targetReplicas) scaleInSeconds = (performance.now() - removed) / 1000;
    else await sleep(1000);
  }
  return {
    service,
    namespace,
    fromReplicas,
    peakReplicas,
    loadMillicores: Math.round(loadMillicores),
    reactionSeconds: reactionSeconds ?? absorbedSeconds,
    absorbedSeconds,
    scaleInSeconds,
  };
}
