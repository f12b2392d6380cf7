import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { servicesInProfile } from "../config/services";
import type { PlatformConfig } from "../config/types";
import { annotationKeys, commonLabels, labelKeys, restrictedPodSecurityLabels } from "../core/labels";
import type { DeployedAddOn } from "../platform/addon";
import type { CellContext } from "../platform/cell-context";

import { ServiceSet, type EdgeEndpoints } from "../platform/service-set";
import type { ClusterTarget } from "../targets/cluster-target";
import { createHash } from "node:crypto";
import { cellBindings } from "../addons/data-tier/bindings";
import { managedPlacement, provisionedDataSet } from "../addons/data-tier/managed-sets";
import type { ManagedKafka } from "../targets/capabilities";
import { standbyTarget } from "../config/cells";
import { bindsData } from "../catalogue/definition";
import { CATALOGUES } from "../catalogue/registry";
import { CELL_DATA_CA, type CellBindings } from "../core/bindings";
import { cellNetworkPolicies } from "./network-policies";
import type { CellPlan } from "./plan";
import { CELL_QUOTA, cellQuotas, edgeAllowance, limitRangeSpec } from "./quota";

export interface TenantCellArgs {
  readonly plan: CellPlan;
  readonly config: PlatformConfig;
  readonly target: ClusterTarget;
  /** The platform's cluster-wide objects (priority classes) the cell's pods refer to. */
  readonly platformReady: pulumi.Input<pulumi.Resource>[];
  /** The platform's add-ons on this target; each one's per-cell part is laid into the cell. */
  readonly addOns?: readonly DeployedAddOn[];
}

export const CELL_SERVICE_ACCOUNT = "im-cell";
export const CELL_CONFIG_MAP = "im-cell";

/** Read-only discovery of the cell's own peers, the only API access IM services need. */
export const CELL_ROLE_RULES = [
  { apiGroups: [""], resources: ["pods", "services", "endpoints", "configmaps"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
];

/**
 * One tenant cell: a namespace under Pod Security "restricted" with quota and limits, a
 * default-deny network with explicit allows, its own token-less ServiceAccount and namespaced
 * RBAC, and the IM services placed by tier and node pool.
 */
export class TenantCell extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly endpoints: EdgeEndpoints;

  constructor(name: string, args: TenantCellArgs, opts?: pulumi.ComponentResourceOptions) {
    super("im-platform:tenancy:TenantCell", name, {}, opts);
    const { plan, config, target } = args;
    const base = { parent: this, dependsOn: target.readiness };
    const labels = commonLabels({
      [labelKeys.tenant]: plan.cell,
      [labelKeys.tier]: plan.tier,
      [labelKeys.cell]: plan.cell,
    });

    const namespace = new k8s.core.v1.Namespace(
      `${name}-ns`,
      {
        metadata: {
          name: plan.namespace,
          labels: { ...labels, ...restrictedPodSecurityLabels() },
          annotations: { [annotationKeys.tenants]: plan.tenants.join(",") },
        },
      },
      base,
    );
    const inNamespace = { ...base, dependsOn: [namespace] };
    const meta = (objectName: string) => ({ name: objectName, namespace: plan.namespace, labels });

    const services = servicesInProfile(config.services, plan.profile);
    const edge = edgeAllowance(services, config.edge.api.exposure, target.edge.allocateNodePorts);
    const quotas = cellQuotas(plan.quota, edge, plan.tier).map(
      (quota) =>
        new k8s.core.v1.ResourceQuota(
          quota.name === CELL_QUOTA ? `${name}-quota` : `${name}-${quota.name.replace(/^im-cell-/, "quota-")}`,
          { metadata: meta(quota.name), spec: quota.spec },
          inNamespace,
        ),
    );
    const limits = new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: meta("im-cell-limits"),
        spec: limitRangeSpec(services),
      },
      inNamespace,
    );

    const policies = cellNetworkPolicies({
      cell: plan.cell,
      services,
      edge: config.edge,
      apiServerCidrs: target.apiServerCidrs,
      loadBalancerSourceCidrs: target.edge.loadBalancerSourceCidrs,
      scrapers: config.monitoring.enabled ? (target.monitoring?.scrapers ?? []) : [],
    });
    const policyResources = Object.entries(policies).map(
      ([policyName, spec]) =>
        new k8s.networking.v1.NetworkPolicy(`${name}-${policyName}`, { metadata: meta(policyName), spec }, inNamespace),
    );

    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      {
        metadata: meta(CELL_SERVICE_ACCOUNT),
        automountServiceAccountToken: false,
      },
      inNamespace,
    );
    // API access only for a cell whose services discover peers through it; etcd discovery needs none.
    const rbac = services.some((service) => service.kubernetesApi)
      ? [discoveryAccess(name, meta, plan.namespace, serviceAccount, inNamespace)]
      : [];

    const cellConfig = new k8s.core.v1.ConfigMap(
      `${name}-config`,
      {
        metadata: meta(CELL_CONFIG_MAP),
        data: { cell: plan.cell, tier: plan.tier, tenants: JSON.stringify(plan.tenants) },
      },
      inNamespace,
    );

    const placement = managedPlacement(config.data, target);
    const bindings = bindsData(CATALOGUES[config.catalogue])
      ? cellBindings(config.data, plan, standbyTarget(config.tenants, plan, target.name), placement)
      : undefined;
    const managedKafka = placement?.kinds.includes("kafka")
      ? provisionedDataSet(target, plan.dataSet)?.cell(plan.cell).kafka
      : undefined;
    const context: CellContext = {
      cell: plan.cell,
      namespace: plan.namespace,
      tier: plan.tier,
      tenants: plan.tenants,
      profile: plan.profile,
      dataSet: plan.dataSet,
      queue: bindings ? cellQueue(bindings, managedKafka) : undefined,
      dataCa: placement ? { configMap: CELL_DATA_CA.configMap, mountPath: CELL_DATA_CA.mountPath } : undefined,
      configChecksum: bindings ? checksumOf(bindings) : undefined,
      serviceAccountName: CELL_SERVICE_ACCOUNT,
      priorityClassName: plan.priorityClassName,
      placement: plan.placement,
      scaling: plan.scaling,
      cellConfigMap: CELL_CONFIG_MAP,
      imagePinning: config.images.requireDigests ? "digest" : "tag",
    };
    const addOnParts = (args.addOns ?? []).flatMap(
      ({ addOn, resources }) =>
        addOn.forCell?.(
          { name, config, target, cell: context, opts: { ...inNamespace, dependsOn: [namespace, ...resources] } },
          resources,
        ) ?? [],
    );
    // Workloads wait for the guard rails, so no pod ever runs in an unfenced namespace.
    const serviceSet = new ServiceSet(
      `${name}-services`,
      {
        cell: context,
        services,
        edge: config.edge,
        autoscaling: config.autoscaling,
        target,
      },
      {
        parent: this,
        dependsOn: [...quotas, limits, ...policyResources, ...rbac, cellConfig, ...addOnParts, ...args.platformReady],
      },
    );

    this.namespace = namespace.metadata.name;
    this.endpoints = serviceSet.endpoints;
    this.registerOutputs({
      namespace: this.namespace,
      tenants: plan.tenants,
      tier: plan.tier,
      endpoints: this.endpoints,
    });
  }
}

/** Read-only access to the cell's own namespace for the services that discover peers through the API. */
function discoveryAccess(
  name: string,
  meta: (objectName: string) => k8s.types.input.meta.v1.ObjectMeta,
  namespace: string,
  serviceAccount: k8s.core.v1.ServiceAccount,
  opts: pulumi.CustomResourceOptions,
): k8s.rbac.v1.RoleBinding {
  const role = new k8s.rbac.v1.Role(
    `${name}-role`,
    { metadata: meta("im-cell-discovery"), rules: CELL_ROLE_RULES },
    opts,
  );
  return new k8s.rbac.v1.RoleBinding(
    `${name}-rolebinding`,
    {
      metadata: meta("im-cell-discovery"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "im-cell-discovery" },
      subjects: [{ kind: "ServiceAccount", name: CELL_SERVICE_ACCOUNT, namespace }],
    },
    { ...opts, dependsOn: [role, serviceAccount] },
  );
}

/** Pods carry this hash of their cell's bindings, so a change of config or endpoints rolls them. */
function checksumOf(bindings: CellBindings): string {
  return createHash("sha256").update(JSON.stringify(bindings)).digest("hex").slice(0, 16);
}

/** Where KEDA reads the cell's consumer lag: its broker as the cell sees it, managed or in the cluster. */
function cellQueue(bindings: CellBindings, managed: ManagedKafka | undefined): NonNullable<CellContext["queue"]> {
  if (!managed) {
    return {
      servers: bindings.kafka.addresses.join(","),
      prefix: bindings.kafka.topicPrefix,
      sasl: "plaintext",
      tls: false,
    };
  }
  return {
    servers: managed.addresses.apply((addresses) => addresses.join(",")),
    prefix: bindings.kafka.topicPrefix,
    sasl: managed.username === undefined ? "none" : "plaintext",
    tls: managed.tls,
  };
}
