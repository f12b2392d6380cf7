import { z } from "zod";
import { sharedPoolSpot } from "../node-pools";
import { cidr, strictObject } from "../../config/fields";
import { priceOverridesSchema } from "../capacity";
import { prometheusOperatorSchema } from "../prometheus-operator-schema";
import { authorizedNetworkProblem } from "../range-checks";
import { alibabaDataSchema } from "./data/settings";
import { checkVpcRanges } from "./ranges";

const REGION = /^[a-z]{2}(-[a-z0-9]+)+$/;
const INSTANCE_TYPE = /^ecs\.[a-z0-9-]+\.[a-z0-9-]+$/;
const KUBERNETES_VERSION = /^\d+\.\d+\.\d+-aliyun\.\d+$/;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const UPGRADE_CHANNELS = ["patch", "stable", "rapid"] as const;
/** The one rotation period KMS offers default keys (keys outside a KMS instance). */
export const DEFAULT_KEY_ROTATION_DAYS = 365;

interface PoolDefaults {
  readonly instanceType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
}

/** One class of node pool; ACK's autoscaler counts its sizes over all the pool's zones. */
function poolSchema(defaults: PoolDefaults) {
  return strictObject({
    instanceTypes: z
      .array(z.string().regex(INSTANCE_TYPE, { error: 'is not an ECS instance type; use forms like "ecs.g7.xlarge"' }))
      .min(1)
      .max(10)
      .default([defaults.instanceType])
      .meta({
        description:
          "ECS instance types, in order of preference: the autoscaler takes the next when one is sold out in a zone.",
        defaultText: "per pool: system ecs.g7.large, shared and VIP ecs.g7.xlarge",
      }),
    minNodes: z.int().min(0).max(1000).default(defaults.minNodes).meta({
      description: "Fewest nodes the autoscaler keeps, over all zones.",
      defaultText: "per pool (system 2, shared 2, VIP 2)",
    }),
    maxNodes: z.int().min(1).max(1000).default(defaults.maxNodes).meta({
      description: "Most nodes the autoscaler may add, over all zones.",
      defaultText: "per pool (system 4, shared 20, VIP 10)",
    }),
    systemDiskCategory: z
      .enum(["cloud_essd", "cloud_auto", "cloud_efficiency"])
      .default("cloud_essd")
      .meta({ description: "System disk category of each node." }),
    systemDiskSizeGb: z.int().min(20).max(2048).default(120).meta({ description: "System disk size of each node." }),
  });
}

const systemPoolSchema = poolSchema({ instanceType: "ecs.g7.large", minNodes: 2, maxNodes: 4 });
const sharedPoolSchema = poolSchema({ instanceType: "ecs.g7.xlarge", minNodes: 2, maxNodes: 20 }).extend({
  spot: sharedPoolSpot("Spot instances"),
});
const vipPoolSchema = poolSchema({ instanceType: "ecs.g7.xlarge", minNodes: 2, maxNodes: 10 });

export const ALIBABA_DEFAULT_REGION = "cn-hangzhou";

/**
 * An ACK managed Pro cluster built by the kit: its own VPC with a vSwitch per zone for nodes and
 * for Terway's pods, NAT egress, security groups, KMS keys, the cluster and its autoscaled node
 * pools. Ranges and zones are explicit config, so nothing is looked up while the program runs.
 */
export const alibabaTargetSchema = strictObject({
  kind: z.literal("alibaba"),
  region: z
    .string()
    .regex(REGION, { error: 'is not an Alibaba Cloud region; use forms like "cn-hangzhou" or "ap-southeast-1"' })
    .default(ALIBABA_DEFAULT_REGION)
    .meta({ description: "Region of every resource.", defaultText: '"cn-hangzhou"' }),
  zones: z
    .array(z.string().regex(REGION, { error: 'is not a zone id; use forms like "cn-hangzhou-h"' }))
    .min(2, { error: "must list at least two zones: the IM edge's load balancer spans two or more" })
    .max(5)
    .meta({
      description:
        "Zones the nodes and the edge's load balancers use, all inside `region` (three or more in prod). Each gets a node and a pod vSwitch.",
    }),
  kubernetesVersion: z
    .string()
    .regex(KUBERNETES_VERSION, { error: 'is not an ACK version; use forms like "1.33.1-aliyun.1"' })
    .optional()
    .meta({
      description: "ACK Kubernetes version. Raise it to upgrade; ACK never downgrades.",
      defaultText: "the newest ACK offers when the cluster is created",
    }),
  clusterSpec: z.enum(["ack.pro.small", "ack.pro.xlarge", "ack.pro.2xlarge"]).default("ack.pro.small").meta({
    description:
      "ACK managed Pro edition: `ack.pro.small`, or a provisioned control plane (`ack.pro.xlarge`, `ack.pro.2xlarge`) for very large clusters.",
  }),
  network: strictObject({
    vpcCidr: cidr.default("10.0.0.0/8").meta({ description: "The VPC's primary range; every vSwitch lies inside it." }),
    nodeCidrs: z.array(cidr).min(2).meta({ description: "One node vSwitch range per zone, in the order of `zones`." }),
    podCidrs: z.array(cidr).min(2).meta({
      description: "One Terway pod vSwitch range per zone, in the order of `zones`: every pod takes an address here.",
    }),
    serviceCidr: cidr
      .default("172.21.0.0/20")
      .meta({ description: "Range of Service cluster IPs, outside the VPC; fixed once the cluster exists." }),
  }).meta({ description: "The VPC, its vSwitches for nodes and pods, and the Service range." }),
  apiServer: strictObject({
    privateEndpoint: z.boolean().optional().meta({
      description:
        "The API server has no internet endpoint (an EIP on its load balancer); deploy from the VPC or over a VPN into it.",
      defaultText: "true in prod, else false",
    }),
    accessCidrs: z.array(cidr).min(1, { error: "must list at least one network that may reach the API server" }).meta({
      description:
        "Networks that may reach the API server (the machine that runs deployments must be in one): the whitelist ACL for its port 6443 listener.",
    }),
  }).meta({ description: "How the API server is reached." }),
  deletionProtection: z
    .boolean()
    .optional()
    .meta({ description: "Refuse to delete the cluster.", defaultText: "true in prod, else false" }),
  maintenance: strictObject({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .default(["Thursday"])
      .meta({ description: "Weekdays the maintenance window opens on." }),
    startTime: z.iso
      .datetime({ offset: true })
      .default("2026-01-01T03:00:00+08:00")
      .meta({ description: "When the first window starts (RFC 3339, with its offset); its time of day repeats." }),
    durationHours: z.int().min(1).max(24).default(3).meta({ description: "Length of each window." }),
    upgradeChannel: z.enum(UPGRADE_CHANNELS).optional().meta({
      description: "Automatic cluster upgrades in the window: `patch`, `stable` or `rapid`.",
      defaultText: '"stable" in prod, else "patch"',
    }),
  })
    .prefault({})
    .meta({ description: "The window in which ACK upgrades the control plane and the managed node pools." }),
  kms: strictObject({
    instanceId: z
      .string()
      .regex(/^kst-[a-z0-9]+$/, { error: 'is not a KMS instance id; use forms like "kst-hzz65f176a0ogplgq2tmj"' })
      .optional()
      .meta({
        description:
          "A KMS instance to create the keys in (software keys, rotation every 7 to 365 days). Without one the keys are the region's default keys, which rotate every 365 days.",
        defaultText: "none: default keys",
      }),
    rotationDays: z.int().min(7).max(DEFAULT_KEY_ROTATION_DAYS).default(DEFAULT_KEY_ROTATION_DAYS).meta({
      description: "Days between automatic key rotations; below 365 needs `instanceId`.",
    }),
    pendingWindowDays: z
      .int()
      .min(7)
      .max(366)
      .default(30)
      .meta({ description: "Days a deleted key stays recoverable before it is destroyed." }),
  })
    .prefault({})
    .meta({ description: "KMS keys for secrets and disks: where they live, rotation and deletion window." }),
  logs: strictObject({
    retentionDays: z.int().min(1).max(3650).default(30).meta({
      description: "Days Simple Log Service keeps the control-plane logs, the audit log and the VPC flow logs.",
    }),
  })
    .prefault({})
    .meta({ description: "The cluster's logs in Simple Log Service." }),
  nodePools: strictObject({
    system: systemPoolSchema
      .prefault({})
      .meta({ description: "Cluster add-ons (DNS, metrics, controllers); tenant cells never land here." }),
    shared: sharedPoolSchema
      .prefault({})
      .meta({ description: "The pool of shared tenants' cells, and of VIP cells without a pool of their own." }),
    vip: vipPoolSchema
      .prefault({})
      .meta({ description: "Size of each dedicated pool of a VIP tenant with `dedicatedNodePool: true`." }),
  })
    .prefault({})
    .meta({ description: "The system, shared and VIP node pools, sized over all zones." }),
  loadBalancer: strictObject({
    type: z.enum(["nlb", "clb"]).default("nlb").meta({
      description:
        "`nlb`: Network Load Balancer (zone-mapped, client IP kept, TLS at the edge possible); `clb`: Classic Load Balancer.",
    }),
    addressType: z
      .enum(["internet", "intranet"])
      .default("internet")
      .meta({ description: "`internet` for public clients, `intranet` for clients inside the VPC or its peers." }),
  })
    .prefault({})
    .meta({ description: "The load balancers the cloud controller makes for the IM edge's Services." }),
  prometheus: prometheusOperatorSchema.meta({
    description:
      "The Prometheus Operator the monitoring goes through: PodMonitors, PrometheusRules and an AlertmanagerConfig it selects, and the Prometheus pods cells admit.",
  }),
  data: alibabaDataSchema,
  prices: priceOverridesSchema,
}).superRefine((target, ctx) => {
  target.zones.forEach((zone, index) => {
    if (!zone.startsWith(target.region)) {
      ctx.addIssue({
        code: "custom",
        path: ["zones", index],
        input: zone,
        message: `is not in region ${target.region}; list zones of ${target.region}, or set region`,
      });
    } else if (target.zones.indexOf(zone) !== index) {
      ctx.addIssue({ code: "custom", path: ["zones", index], input: zone, message: "is listed twice" });
    }
  });
  for (const field of ["nodeCidrs", "podCidrs"] as const) {
    const count = target.network[field].length;
    if (count !== target.zones.length) {
      ctx.addIssue({
        code: "custom",
        path: ["network", field],
        input: target.network[field],
        message: `lists ${count} ranges for ${target.zones.length} zones; give exactly one per zone, in the order of zones`,
      });
    }
  }
  for (const pool of ["system", "shared", "vip"] as const) {
    const { minNodes, maxNodes } = target.nodePools[pool];
    if (minNodes > maxNodes) {
      ctx.addIssue({
        code: "custom",
        path: ["nodePools", pool, "minNodes"],
        input: minNodes,
        message: `is greater than maxNodes (${maxNodes}); lower minNodes or raise maxNodes`,
      });
    }
  }
  // System and shared pools at full size; dedicated VIP pools are counted once tenants are known.
  const maxNodes = target.nodePools.system.maxNodes + target.nodePools.shared.maxNodes;
  for (const issue of checkVpcRanges(target.network, maxNodes)) {
    ctx.addIssue({ code: "custom", path: ["network", ...issue.path], input: issue.value, message: issue.message });
  }
  if (!target.kms.instanceId && target.kms.rotationDays !== DEFAULT_KEY_ROTATION_DAYS) {
    ctx.addIssue({
      code: "custom",
      path: ["kms", "rotationDays"],
      input: target.kms.rotationDays,
      message: `is ${target.kms.rotationDays}, but default keys rotate every ${DEFAULT_KEY_ROTATION_DAYS} days only; set kms.instanceId to a KMS instance, or drop rotationDays`,
    });
  }
  target.apiServer.accessCidrs.forEach((network, index) => {
    const problem = authorizedNetworkProblem(network);
    if (problem)
      ctx.addIssue({ code: "custom", path: ["apiServer", "accessCidrs", index], input: network, message: problem });
  });
});

export type AlibabaTargetConfig = z.infer<typeof alibabaTargetSchema>;
export type AlibabaPoolConfig = z.infer<typeof systemPoolSchema>;
