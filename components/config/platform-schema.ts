import { z } from "zod";
import { strictObject } from "./fields";

export const autoscalingSchema = strictObject({
  cpuTargetPercent: z
    .int()
    .min(10)
    .max(95)
    .default(70)
    .meta({ description: "Target average CPU utilisation for CPU-scaled services." }),
  gatewayUsersPerPod: z.int().min(1).optional().meta({
    description:
      "Online users each gateway pod should carry (OpenIM's online_user_num, from the monitoring's Prometheus): gateways scale on it through KEDA instead of CPU. Needs autoscaling.keda.enabled and monitoring.enabled.",
  }),
  scaleDownStabilizationSeconds: z
    .int()
    .min(0)
    .max(3600)
    .default(300)
    .meta({ description: "Seconds of calm before a scale-in: a gateway scale-in is a reconnect wave." }),
  keda: strictObject({
    enabled: z
      .boolean()
      .default(false)
      .meta({ description: "Workers scale on queue lag through KEDA ScaledObjects (KEDA must be installed)." }),
  })
    .prefault({})
    .meta({
      description:
        "KEDA ScaledObjects for workers with triggers, in place of CPU autoscalers; the KEDA operator must run in the cluster.",
    }),
}).prefault({});

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;

export type AutoscalingConfig = z.infer<typeof autoscalingSchema>;
export type Environment = (typeof ENVIRONMENTS)[number];
