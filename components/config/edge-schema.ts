import { z } from "zod";
import { isOverBroad, isParsedCidr, isWorldOpen, parseCidr } from "../core/cidr";
import { cidr, dnsLabel, dnsSubdomain, seconds, strictObject } from "./fields";

export const tlsSchema = strictObject({
  mode: z.enum(["edge", "pod", "none"]).default("pod").meta({
    description:
      "Where TLS ends. `edge`: the load balancer terminates it with `certificate` (a cloud certificate id). `pod`: the gateway terminates it with the Kubernetes TLS secret `secretName`. `none`: plain text, refused in prod.",
  }),
  certificate: z.string().min(1).optional().meta({
    description: "Cloud certificate the load balancer serves with `mode: edge` (an ACM certificate ARN on AWS).",
  }),
  secretName: dnsLabel(63)
    .optional()
    .meta({ description: "The kubernetes.io/tls secret the gateway serves with `mode: pod`." }),
  minVersion: z.enum(["1.2", "1.3"]).default("1.2").meta({ description: "Oldest TLS version the edge accepts." }),
}).superRefine((tls, ctx) => {
  if (tls.mode === "edge" && !tls.certificate) {
    ctx.addIssue({
      code: "custom",
      path: ["certificate"],
      input: tls.certificate,
      message: 'is required when mode is "edge": give the load balancer certificate id, or set mode: pod',
    });
  }
  if (tls.mode === "pod" && !tls.secretName) {
    ctx.addIssue({
      code: "custom",
      path: ["secretName"],
      input: tls.secretName,
      message:
        'is required when mode is "pod": name the kubernetes.io/tls secret the gateway serves, or set mode: edge',
    });
  }
});

export const edgeSchema = strictObject({
  clientHeartbeatSeconds: seconds(5, 3600)
    .default(30)
    .meta({ description: "How often clients ping over their long-lived connection." }),
  idleTimeoutSeconds: seconds(10, 7200).optional().meta({
    description: "Idle timeout on every hop of the edge. Must outlast the heartbeat or idle connections are cut.",
    defaultText: "2 x clientHeartbeatSeconds + 10, capped by the target's load balancer maximum",
  }),
  drainSeconds: seconds(5, 3600)
    .default(60)
    .meta({ description: "Time a gateway pod is given to close its connections after it leaves the load balancer." }),
  publicClients: z.boolean().default(false).meta({
    description: "Whether any internet client may connect; when false, `allowedSourceCidrs` must list the ranges.",
  }),
  allowedSourceCidrs: z.array(cidr).default([]).meta({
    description: "Source ranges admitted at the load balancer.",
    defaultText: '["0.0.0.0/0"] when publicClients, else required',
  }),
  sessionAffinity: z
    .enum(["none", "clientIP"])
    .default("none")
    .meta({ description: "`clientIP` pins a client to one gateway pod; needed by protocols that resume sessions." }),
  tls: tlsSchema.prefault({}).meta({ description: "Where the clients' TLS ends, and with which certificate." }),
  api: strictObject({
    exposure: z.enum(["loadBalancer", "ingress"]).default("loadBalancer").meta({
      description:
        "`loadBalancer`: the API gets an L4 load balancer of its own; `ingress`: an Ingress of `ingressClassName`.",
    }),
    ingressClassName: dnsSubdomain
      .optional()
      .meta({ description: "Ingress class for `exposure: ingress` (the ALB class on AWS, `gce` on GCP)." }),
    host: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Host name the API's Ingress answers on; any host when left out." }),
  })
    .prefault({})
    .meta({ description: "How the public HTTP API is exposed: its own load balancer or an ingress." }),
}).superRefine((edge, ctx) => {
  const margin = 10;
  if (edge.idleTimeoutSeconds !== undefined && edge.idleTimeoutSeconds < edge.clientHeartbeatSeconds + margin) {
    ctx.addIssue({
      code: "custom",
      path: ["idleTimeoutSeconds"],
      input: edge.idleTimeoutSeconds,
      message: `must exceed clientHeartbeatSeconds (${edge.clientHeartbeatSeconds}) by at least ${margin} s, or idle connections are dropped between heartbeats; raise it to >= ${edge.clientHeartbeatSeconds + margin} or lower the heartbeat`,
    });
  }
  edge.allowedSourceCidrs.forEach((text, index) => {
    const parsed = parseCidr(text);
    if (!isParsedCidr(parsed)) return;
    if (isOverBroad(parsed)) {
      ctx.addIssue({
        code: "custom",
        path: ["allowedSourceCidrs", index],
        input: text,
        message: `is over-broad (/${parsed.prefixLength}); list the real client ranges, or set publicClients: true to admit everyone`,
      });
    } else if (isWorldOpen(parsed) && !edge.publicClients) {
      ctx.addIssue({
        code: "custom",
        path: ["allowedSourceCidrs", index],
        input: text,
        message: "opens the edge to the whole internet; set publicClients: true to say so, or list the client ranges",
      });
    }
  });
  if (!edge.publicClients && edge.allowedSourceCidrs.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["allowedSourceCidrs"],
      input: edge.allowedSourceCidrs,
      message:
        "is empty while publicClients is false, so no client could connect; list client ranges or set publicClients: true",
    });
  }
});

export type EdgeConfig = z.infer<typeof edgeSchema>;
export type TlsConfig = z.infer<typeof tlsSchema>;
