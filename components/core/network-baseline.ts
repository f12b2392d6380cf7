import type * as k8s from "@pulumi/kubernetes";

export type PolicySpec = k8s.types.input.networking.v1.NetworkPolicySpec;

export const namespaceByName = (name: string) => ({ matchLabels: { "kubernetes.io/metadata.name": name } });
export const tcp = (port: number | string) => ({ protocol: "TCP", port });

/**
 * Every namespace the kit fences starts from these: deny both ways, resolve names through the
 * cluster DNS, and let its own pods talk to each other (`sameNamespace` names that policy).
 */
export function namespaceBaseline(sameNamespace: string): Record<string, PolicySpec> {
  return {
    "default-deny": { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    "allow-dns": {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            {
              namespaceSelector: namespaceByName("kube-system"),
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
          ports: [{ protocol: "UDP", port: 53 }, tcp(53)],
        },
      ],
    },
    [sameNamespace]: {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    },
  };
}
