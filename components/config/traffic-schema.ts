import { z } from "zod";
import { dnsLabel, dnsSubdomain, seconds, strictObject } from "./fields";

/** `{tenant}` in a hostname template is the tenant's id. */
const hostnameTemplate = z
  .string()
  .regex(/^([a-z0-9-]|\{tenant\})+(\.([a-z0-9-]|\{tenant\})+)*$/, {
    error: 'must be DNS labels under the zone with "{tenant}" for the tenant id, e.g. "{tenant}-ws"',
  })
  .refine((template) => template.includes("{tenant}"), { error: 'must contain "{tenant}": each tenant needs a name' });

export const trafficSchema = strictObject({
  zone: dnsSubdomain.meta({ description: "The public DNS zone tenant hostnames are published in." }),
  publisher: dnsLabel(20).meta({
    description:
      "The target (by `targets[].name`, or `main` for a single target) whose DNS service publishes the records and runs the health checks.",
  }),
  hostnames: strictObject({
    gateway: hostnameTemplate.default("{tenant}-ws").meta({ description: "A tenant's gateway (long-lived) hostname." }),
    api: hostnameTemplate.default("{tenant}-api").meta({ description: "A tenant's API hostname." }),
  })
    .prefault({})
    .meta({ description: "Hostnames under the zone, per tenant." }),
  ttlSeconds: seconds(1, 3600)
    .default(20)
    .meta({ description: "TTL of the answers: how long resolvers keep an address after it fails." }),
  healthCheck: strictObject({
    intervalSeconds: seconds(1, 300)
      .default(10)
      .meta({ description: "Seconds between probes of each endpoint (the publisher's DNS service offers a set)." }),
    failureThreshold: z
      .int()
      .min(1)
      .max(10)
      .default(3)
      .meta({ description: "Failed probes in a row before an endpoint leaves the answers." }),
    timeoutSeconds: seconds(1, 60)
      .default(5)
      .meta({ description: "Probe timeout, where the DNS service lets it be set." }),
    apiPath: z
      .string()
      .regex(/^\/[\x21-\x7e]*$/)
      .optional()
      .meta({
        description:
          "A path the API answers GET on with 200, probed over HTTP(S); without one the API's socket is probed (OpenIM v3.8.3's API answers only token-bearing POSTs).",
        defaultText: "none: a TCP probe",
      }),
  })
    .prefault({})
    .meta({ description: "How each endpoint (a cell's own edge on one target) is probed." }),
  failover: strictObject({
    maxSeconds: seconds(5, 3600).default(60).meta({
      description:
        "Ceiling on the worst-case time for clients to move off a failed target (interval x threshold + TTL + reconnect): a config above it is refused.",
    }),
    clientReconnectSeconds: seconds(0, 600).default(10).meta({
      description: "The longest pause of the IM client between reconnect attempts (its backoff ceiling).",
    }),
  })
    .prefault({})
    .meta({ description: "The failover-time budget, checked before anything is deployed." }),
});

export type TrafficConfig = z.infer<typeof trafficSchema>;
