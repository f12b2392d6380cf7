import { rootCertificates } from "node:tls";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DataConfig } from "../../config/data-schema";
import { DATA_PORTS } from "../../core/data-kinds";
import { DATA_PRIORITY_CLASS } from "../../core/labels";
import type { ManagedRedis } from "../../targets/capabilities";
import { dataLabels, dataResources, restrictedContainer } from "./stateful";

/** The haproxy user of the official image. */
const HAPROXY_USER = 99;
const CONFIG_DIR = "/usr/local/etc/haproxy";

export interface RedisTlsProxyArgs {
  /** Object name: the cell's Redis name, so its address and ingress policy are those of an in-cluster Redis. */
  readonly name: string;
  readonly resourceName: string;
  readonly namespace: string;
  readonly dataSet: string;
  readonly labels: Record<string, string>;
  readonly data: DataConfig;
  readonly redis: ManagedRedis;
  readonly skipAwait: boolean;
}

/**
 * TCP in, TLS out, the server's certificate verified against `ca.pem` and its name. Idle timeouts
 * are long: OpenIM keeps pooled connections open between commands.
 */
export function haproxyConfig(
  backend: string,
  { listenPort = DATA_PORTS.redis, caFile = `${CONFIG_DIR}/ca.pem` }: { listenPort?: number; caFile?: string } = {},
): string {
  const host = backend.slice(0, backend.lastIndexOf(":"));
  return [
    "global",
    "  log stdout format raw local0",
    "defaults",
    "  mode tcp",
    "  log global",
    "  timeout connect 5s",
    "  timeout client 1h",
    "  timeout server 1h",
    "frontend redis",
    `  bind :${listenPort}`,
    "  default_backend managed",
    "backend managed",
    `  server redis ${backend} ssl verify required ca-file ${caFile} sni str(${host}) verifyhost ${host}`,
    "",
  ].join("\n");
}

/**
 * A cell's bridge to a managed Redis that requires TLS: OpenIM v3.8's Redis client has none, so
 * its plaintext leg ends here, inside the data namespace, and leaves the cluster encrypted.
 * Without a CA from the target the proxy trusts the public roots Node.js ships (Mozilla's list).
 */
export function createRedisTlsProxy(args: RedisTlsProxyArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
  const labels = dataLabels({ name: args.name, dataSet: args.dataSet, labels: args.labels });
  const metadata = { name: args.name, namespace: args.namespace, labels };
  const config = new k8s.core.v1.ConfigMap(
    `${args.resourceName}-config`,
    {
      metadata,
      data: {
        "haproxy.cfg": args.redis.addresses.apply((addresses) => haproxyConfig(addresses[0] ?? "")),
        "ca.pem": pulumi.output(args.redis.caBundle ?? rootCertificates.join("\n")),
      },
    },
    opts,
  );
  const deployment = new k8s.apps.v1.Deployment(
    `${args.resourceName}-proxy`,
    {
      metadata: {
        ...metadata,
        annotations: args.skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined,
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            priorityClassName: DATA_PRIORITY_CLASS,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            // Two replicas on two nodes (zones where there are): one node's loss leaves the cell its Redis.
            topologySpreadConstraints: ["topology.kubernetes.io/zone", "kubernetes.io/hostname"].map((topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: labels },
            })),
            containers: [
              {
                name: "proxy",
                image: args.data.images.redisTlsProxy,
                args: ["-f", `${CONFIG_DIR}/haproxy.cfg`],
                ports: [{ name: "redis", containerPort: DATA_PORTS.redis }],
                readinessProbe: { tcpSocket: { port: DATA_PORTS.redis }, periodSeconds: 10 },
                livenessProbe: { tcpSocket: { port: DATA_PORTS.redis }, periodSeconds: 20 },
                securityContext: restrictedContainer(HAPROXY_USER),
                resources: dataResources("50m", "64Mi", "500m", "256Mi"),
                volumeMounts: [{ name: "config", mountPath: CONFIG_DIR, readOnly: true }],
              },
            ],
            volumes: [{ name: "config", configMap: { name: args.name } }],
          },
        },
      },
    },
    { ...opts, dependsOn: [config] },
  );
  const service = new k8s.core.v1.Service(
    `${args.resourceName}-service`,
    {
      metadata,
      spec: { selector: labels, ports: [{ name: "redis", port: DATA_PORTS.redis, targetPort: "redis" }] },
    },
    opts,
  );
  const budget = new k8s.policy.v1.PodDisruptionBudget(
    `${args.resourceName}-pdb`,
    { metadata, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
    opts,
  );
  return [config, deployment, service, budget];
}
