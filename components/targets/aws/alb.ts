import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig } from "../../config/types";
import { commonLabels } from "../../core/labels";
import { TLS_POLICIES } from "./conventions";

export interface AlbClassArgs {
  readonly className: string;
  readonly scheme: "internet-facing" | "internal";
  readonly sourceCidrs: readonly string[];
  readonly tls: EdgeConfig["tls"];
  readonly idleTimeoutSeconds: number;
}

/**
 * The ALB for the API, configured once for the class rather than per Ingress: IP targets (the
 * cells' quotas allow no NodePorts), the edge's client ranges, its certificate and TLS policy,
 * and the idle timeout above the heartbeat.
 */
export function createAlbIngressClass(
  name: string,
  args: AlbClassArgs,
  opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.IngressClass {
  const tlsAtEdge = args.tls.mode === "edge" && args.tls.certificate !== undefined;
  const params = new k8s.apiextensions.CustomResource(
    `${name}-params`,
    {
      apiVersion: "elbv2.k8s.aws/v1beta1",
      kind: "IngressClassParams",
      metadata: { name: args.className, labels: commonLabels() },
      spec: {
        scheme: args.scheme,
        targetType: "ip",
        ipAddressType: "ipv4",
        inboundCIDRs: [...args.sourceCidrs],
        ...(tlsAtEdge ? { certificateArn: [args.tls.certificate], sslPolicy: TLS_POLICIES[args.tls.minVersion] } : {}),
        loadBalancerAttributes: [{ key: "idle_timeout.timeout_seconds", value: String(args.idleTimeoutSeconds) }],
      },
    },
    opts,
  );
  return new k8s.networking.v1.IngressClass(
    name,
    {
      metadata: { name: args.className, labels: commonLabels() },
      spec: {
        controller: "ingress.k8s.aws/alb",
        parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: args.className },
      },
    },
    { ...opts, dependsOn: [params] },
  );
}
