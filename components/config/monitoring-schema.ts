import { z } from "zod";
import { dnsLabel, strictObject } from "./fields";

/** An objective in percent: 99.9 allows one failure in a thousand. */
const objective = z
  .number()
  .min(90, { error: "must be at least 90 (percent); an objective below that alerts on nothing useful" })
  .max(99.999, { error: "must be below 100: an objective of 100 leaves no error budget, so every error pages" });

const objectivesSchema = strictObject({
  messageSuccess: objective.meta({
    description: "Share of messages the cell's message service processes without failure (single and group chats).",
  }),
  connectionAvailability: objective.meta({
    description: "Share of time the cell's gateway instances are up and serving client connections.",
  }),
});

export type SloObjectives = z.infer<typeof objectivesSchema>;

/** A secret in the collector's namespace that holds a receiver's credential (URL, routing key). */
const secretKey = strictObject({
  name: dnsLabel(63).meta({ description: "Secret name." }),
  key: z.string().min(1).meta({ description: "Key inside the Secret." }),
});

const receiverSchema = strictObject({
  name: dnsLabel(63).meta({ description: "What routes refer to." }),
  webhook: strictObject({ urlSecret: secretKey }).optional().meta({
    description: "An HTTP endpoint that receives Alertmanager's webhook payload; its URL is read from a Secret.",
  }),
  pagerduty: strictObject({ routingKeySecret: secretKey }).optional().meta({
    description: "A PagerDuty service (Events API v2); its routing key is read from a Secret.",
  }),
  slack: strictObject({ apiUrlSecret: secretKey, channel: z.string().min(1) })
    .optional()
    .meta({
      description: "A Slack channel through an incoming webhook read from a Secret.",
    }),
  sns: strictObject({ topicArn: z.string().regex(/^arn:aws[a-z-]*:sns:/, { error: "must be an SNS topic ARN" }) })
    .optional()
    .meta({ description: "An SNS topic (Amazon Managed Service for Prometheus delivers only to SNS)." }),
  actionGroupId: z
    .string()
    .regex(/^\/subscriptions\/.+\/providers\/microsoft\.insights\/actiongroups\/[^/]+$/i, {
      error:
        "must be an Azure action group resource id (/subscriptions/.../providers/microsoft.insights/actionGroups/<name>)",
    })
    .optional()
    .meta({ description: "An Azure Monitor action group (what Azure Monitor's Prometheus rule groups notify)." }),
}).superRefine((receiver, ctx) => {
  const given = (["webhook", "pagerduty", "slack", "sns", "actionGroupId"] as const).filter(
    (kind) => receiver[kind] !== undefined,
  );
  if (given.length !== 1) {
    ctx.addIssue({
      code: "custom",
      input: receiver,
      message: `give exactly one of webhook, pagerduty, slack, sns or actionGroupId (got ${given.length === 0 ? "none" : given.join(", ")})`,
    });
  }
});

export type AlertReceiver = z.infer<typeof receiverSchema>;
export const RECEIVER_KINDS = ["webhook", "pagerduty", "slack", "sns", "actionGroupId"] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

const routeSchema = strictObject({
  page: dnsLabel(63).meta({
    description: "Receiver of alerts that need someone now (fast error-budget burn, outages).",
  }),
  ticket: dnsLabel(63).meta({ description: "Receiver of alerts that need someone this week (slow burn, saturation)." }),
});

export type AlertRoute = z.infer<typeof routeSchema>;

const alertingFields = {
  receivers: z.array(receiverSchema).default([]).meta({
    description: "Where alerts go. Which kinds a target can deliver to depends on its collector (see the README).",
  }),
  routes: strictObject({
    vip: routeSchema.optional().meta({ description: "VIP tenants' SLO alerts." }),
    shared: routeSchema.optional().meta({ description: "Shared tenants' SLO alerts." }),
    platform: routeSchema.optional().meta({ description: "Infrastructure and service alerts." }),
  })
    .prefault({})
    .meta({ description: "Receivers by audience and severity; prod requires every audience routed." }),
};
/** Who receives what: each tier's tenant alerts, and the platform's own (infrastructure and service). */
export const ROUTE_AUDIENCES = ["vip", "shared", "platform"] as const;
export type RouteAudience = (typeof ROUTE_AUDIENCES)[number];

export const monitoringSchema = strictObject({
  enabled: z.boolean().default(true).meta({
    description:
      "Scrape every cell, load the alert and SLO rules and provision the dashboards, through the target's metrics collector.",
  }),
  scrapeIntervalSeconds: z.int().min(10).max(300).default(30).meta({
    description: "How often each service's metrics port is scraped.",
  }),
  slo: strictObject({
    periodDays: z
      .union([z.literal(28), z.literal(30)])
      .default(30)
      .meta({
        description:
          "The SLO period the error budget is spent over; the burn-rate windows are the ones for this period.",
      }),
    objectives: strictObject({
      vip: objectivesSchema
        .prefault({ messageSuccess: 99.95, connectionAvailability: 99.95 })
        .meta({ description: "Objectives of VIP tenants." }),
      shared: objectivesSchema
        .prefault({ messageSuccess: 99.9, connectionAvailability: 99.5 })
        .meta({ description: "Objectives of shared tenants." }),
    })
      .prefault({})
      .meta({ description: "Objectives per tier, in percent." }),
  })
    .prefault({})
    .meta({ description: "Per-tenant service level objectives, alerted on by multi-window burn rates." }),
  thresholds: strictObject({
    quotaUsedPercent: z.int().min(50).max(100).default(90).meta({
      description: "A cell's quota use (requests against hard limits) that raises a ticket.",
    }),
    consumerLagMessages: z.int().min(1).default(10000).meta({
      description: "Kafka consumer-group lag of a cell that raises a ticket.",
    }),
    rpcErrorRatioPercent: z.number().min(0.1).max(50).default(5).meta({
      description: "Share of a service's RPCs answered with an error code that raises a ticket.",
    }),
  })
    .prefault({})
    .meta({ description: "Thresholds of the infrastructure and service alerts." }),
  alerting: strictObject({
    ...alertingFields,
    perTarget: z.record(dnsLabel(20), strictObject(alertingFields)).default({}).meta({
      description:
        "Receivers and routes of one target (by `targets[].name`), in place of the ones above: in a hybrid stack each target's collector delivers to kinds of its own.",
    }),
  })
    .prefault({})
    .meta({ description: "Alert routing: receivers, and which of them gets each tier's pages and tickets." }),
  dashboards: z.boolean().default(true).meta({
    description: "Grafana dashboards (fleet and per-tenant) as ConfigMaps a Grafana dashboard sidecar loads.",
  }),
}).prefault({});

export type MonitoringConfig = z.infer<typeof monitoringSchema>;
