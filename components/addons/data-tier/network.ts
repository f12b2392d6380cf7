import type { ManagedDataNetwork } from "../../targets/capabilities";
import type { BindingNetwork } from "../../core/bindings";
import { labelKeys } from "../../core/labels";
import { namespaceBaseline, namespaceByName, tcp, type PolicySpec } from "../../core/network-baseline";

/** A cell's egress to its bindings: each data service's pods (or ranges) on its ports, nothing else there. */
export function bindingEgress(network: readonly BindingNetwork[]): PolicySpec {
  return {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: network.map((binding) => ({
      to: binding.namespace
        ? [
            {
              namespaceSelector: namespaceByName(binding.namespace),
              podSelector: { matchLabels: { ...binding.podLabels } },
            },
          ]
        : binding.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
      ports: binding.ports.map(tcp),
    })),
  };
}

/** Who may reach one data service: the cells bound to it, on its ports. */
export interface DataIngress {
  readonly podName: string;
  readonly ports: readonly number[];
  readonly cellNamespaces: readonly string[];
}

/**
 * The data namespace's policies: closed by default; its services and bootstrap jobs talk among
 * themselves and to DNS; each service admits the namespaces of the cells bound to it and no other.
 */
export function dataNamespacePolicies(
  ingress: readonly DataIngress[],
  managedEgress: readonly ManagedDataNetwork[] = [],
): Record<string, PolicySpec> {
  const policies = namespaceBaseline("allow-same-namespace");
  const egress = managedEgress.filter((network) => network.cidrs.length > 0);
  if (egress.length > 0) {
    policies["allow-managed-services"] = {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: egress.map((network) => ({
        to: network.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: network.ports.map(tcp),
      })),
    };
  }
  for (const rule of ingress) {
    if (rule.cellNamespaces.length === 0) continue;
    policies[`allow-cells-${rule.podName}`] = {
      podSelector: { matchLabels: { [labelKeys.name]: rule.podName } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: "kubernetes.io/metadata.name", operator: "In", values: [...rule.cellNamespaces].sort() },
                ],
              },
            },
          ],
          ports: rule.ports.map(tcp),
        },
      ],
    };
  }
  return policies;
}
