import { z } from "zod";
import type { Replicas } from "../core/capacity";
import { cidr, cpuMemory, dnsLabel, pinnedImage, port, seconds, strictObject } from "./fields";
import { envNameProblem, portNameProblem, requestAboveLimitProblem } from "./kubernetes-rules";

export const SERVICE_ROLES = ["gateway", "api", "worker", "singleton"] as const;
/** `services`: one pod per service, each scaling on its own; `compact`: the whole server in one pod. */
export const PROFILES = ["services", "compact"] as const;
export type Profile = (typeof PROFILES)[number];
export type ServiceRole = (typeof SERVICE_ROLES)[number];

const portSchema = strictObject({
  name: dnsLabel(15),
  port,
  protocol: z.enum(["TCP", "UDP"]).default("TCP").meta({ description: "Transport protocol of the port." }),
  purpose: z.enum(["client", "http", "rpc", "metrics"]).meta({
    description:
      "`client`: long-lived client connections (gateway); `http`: public API; `rpc`: in-cell calls; `metrics`: scrapes.",
  }),
});

const replicasSchema = strictObject({
  min: z.int().min(0).max(1000).optional().meta({ description: "Fewest pods the autoscaler keeps." }),
  max: z.int().min(1).max(1000).optional().meta({ description: "Most pods a burst may reach." }),
  fixed: z.int().min(1).max(1000).optional().meta({
    description:
      "A replica count fixed at start-up (e.g. a gateway that routes users by a hash over the replica count). Such a service gets a StatefulSet and never an autoscaler.",
  }),
}).superRefine((replicas, ctx) => {
  const { min, max, fixed } = replicas;
  if (fixed !== undefined && (min !== undefined || max !== undefined)) {
    ctx.addIssue({
      code: "custom",
      input: replicas,
      message: "gives both fixed and min/max; a fixed-count service is never autoscaled, so keep one",
    });
  }
  if (min !== undefined && max !== undefined && min > max) {
    ctx.addIssue({
      code: "custom",
      path: ["min"],
      input: min,
      message: `is greater than replicas.max (${max}); lower min or raise max`,
    });
  }
});

/** What one pod handles; sizing derives a cell's replicas from its tenant's declared load with it. */
const capacitySchema = strictObject({
  connections: z
    .int()
    .min(1)
    .optional()
    .meta({ description: "Client connections one pod holds within its requests (a gateway)." }),
  messagesPerSecond: z
    .number()
    .positive()
    .optional()
    .meta({ description: "Messages a second one pod handles within its requests." }),
});

const kedaTriggerSchema = strictObject({
  type: z.string().min(1),
  metadata: z.record(z.string(), z.string()),
  partitions: z
    .int()
    .min(1)
    .optional()
    .meta({ description: "Topic partitions: the consumer-group ceiling, so max replicas may not exceed it." }),
});

const egressSchema = strictObject({
  name: dnsLabel(30),
  cidrs: z.array(cidr).min(1),
  except: z
    .array(cidr)
    .default([])
    .meta({ description: "Ranges carved out of `cidrs` (e.g. private ranges when `cidrs` is the internet)." }),
  ports: z
    .array(port)
    .min(1)
    .meta({ description: "Ports the service listens on; a gateway needs one with purpose `client`." }),
});

/** Every field a catalogue entry may carry; overrides in stack config may give any subset. */
const serviceFields = {
  name: dnsLabel(30),
  role: z.enum(SERVICE_ROLES).meta({
    description:
      "What the service is to the edge and the autoscaler: `gateway` holds client connections, `api` serves HTTP, `worker` consumes queues, `singleton` runs once per cell.",
  }),
  image: pinnedImage.meta({
    description: "Container image, pinned to a version tag or a digest; `latest` and untagged images are refused.",
  }),
  ports: z
    .array(portSchema)
    .meta({ description: "Ports the service listens on; a gateway needs one with purpose `client`." }),
  resources: strictObject({ requests: cpuMemory, limits: cpuMemory }).meta({
    description: "CPU and memory requests and limits of each pod; the cells' quotas are checked against them.",
  }),
  replicas: replicasSchema.meta({
    description: "Replica count: `fixed`, or `min` and `max` for an autoscaler (never both).",
  }),
  exposure: z
    .enum(["public", "internal"])
    .meta({ description: "Public services get an edge; internal ones are reachable only inside their cell." }),
  healthPath: z
    .string()
    .startsWith("/")
    .optional()
    .meta({ description: "HTTP readiness path; without it the probe is a TCP check on the first non-metrics port." }),
  kubernetesApi: z
    .boolean()
    .meta({ description: "Mounts a short-lived projected token, for services that discover peers through the API." }),
  env: z
    .record(z.string(), z.string())
    .meta({ description: "Extra environment variables for the service's containers." }),
  keda: z
    .array(kedaTriggerSchema)
    .meta({ description: "KEDA triggers (queue lag); with `autoscaling.keda.enabled` a worker scales on them." }),
  egress: z.array(egressSchema).meta({
    description:
      "Egress the service needs beyond its cell (push to APNs/FCM, for example): ranges, exceptions and ports.",
  }),
  terminationGraceSeconds: seconds(1, 3600).meta({
    description: "Seconds a non-gateway pod gets between SIGTERM and SIGKILL.",
  }),
  enabled: z.boolean().meta({ description: "Set false in an override to drop a catalogue service." }),
  profile: z.enum(PROFILES).meta({
    description: "The cell profile that runs the service: `services` (one pod per service) or `compact` (all in one).",
  }),
  args: z.array(z.string()).meta({ description: "Arguments of the container's entry point." }),
  configMountPath: z.string().startsWith("/").optional().meta({
    description: "Where the cell's rendered server config is mounted, read-only, for a catalogue that renders one.",
  }),
  secretEnv: z.record(z.string(), z.string()).meta({
    description: "Environment variables read from keys of the cell's data Secret (credentials the bindings generated).",
  }),
  writablePaths: z
    .array(z.string().startsWith("/"))
    .meta({ description: "Paths the image must write besides /tmp; each gets an emptyDir, the root stays read-only." }),
  capacity: capacitySchema.optional().meta({
    description:
      "What one pod handles, for sizing cells from tenants' declared load (`tenants[].load`); a service without it keeps its configured replica bounds.",
  }),
  edgeNames: strictObject({
    gateway: dnsLabel(63).optional().meta({ description: "The edge Service of its client connections." }),
    api: dnsLabel(63).optional().meta({ description: "The edge Service (or Ingress) of its HTTP API." }),
  }).meta({
    description:
      "Object names of its edge Services per face, when they should match another profile's: a tenant moving between profiles keeps its load balancers and addresses.",
  }),
};

/** A stack's change to one catalogue entry (or a new entry): any subset of fields but the name. */
export const serviceOverrideSchema = strictObject(serviceFields).partial().required({ name: true });

export const serviceSchema = strictObject({
  ...serviceFields,
  exposure: serviceFields.exposure.default("internal"),
  kubernetesApi: serviceFields.kubernetesApi.default(false),
  env: serviceFields.env.default({}).meta({ description: "Extra environment variables for the service's containers." }),
  keda: serviceFields.keda
    .default([])
    .meta({ description: "KEDA triggers (queue lag); with `autoscaling.keda.enabled` a worker scales on them." }),
  egress: serviceFields.egress.default([]).meta({
    description:
      "Egress the service needs beyond its cell (push to APNs/FCM, for example): ranges, exceptions and ports.",
  }),
  terminationGraceSeconds: serviceFields.terminationGraceSeconds.default(30),
  enabled: serviceFields.enabled.default(true),
  profile: serviceFields.profile.default("services"),
  args: serviceFields.args.default([]),
  secretEnv: serviceFields.secretEnv.default({}),
  writablePaths: serviceFields.writablePaths.default([]),
  edgeNames: serviceFields.edgeNames.default({}),
}).superRefine((service, ctx) => {
  const { min, max, fixed } = service.replicas;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path, input, message });
  if (fixed === undefined && (min === undefined || max === undefined)) {
    issue(["replicas"], service.replicas, "needs min and max (or fixed)");
  }
  if (service.role === "singleton" && (fixed ?? max) !== 1) {
    issue(
      ["replicas"],
      service.replicas,
      "of a singleton must be fixed: 1 (it never scales); use role worker to scale it",
    );
  }
  if (service.keda.length > 0 && service.role !== "worker") {
    issue(["keda"], service.keda, `triggers apply to workers only, not role "${service.role}"`);
  }
  for (const [index, trigger] of service.keda.entries()) {
    if (trigger.partitions !== undefined && max !== undefined && max > trigger.partitions) {
      issue(
        ["replicas", "max"],
        max,
        `exceeds keda[${index}].partitions (${trigger.partitions}): consumers beyond the partition count sit idle; lower max to ${trigger.partitions}`,
      );
    }
  }
  if (service.role === "gateway" && !service.ports.some((p) => p.purpose === "client")) {
    issue(["ports"], service.ports, 'of a gateway need one port with purpose "client" for the long-lived connections');
  }
  service.ports.forEach((entry, index) => {
    const nameProblem = portNameProblem(entry.name);
    if (nameProblem) issue(["ports", index, "name"], entry.name, nameProblem);
    const first = service.ports.findIndex((other) => other.port === entry.port && other.protocol === entry.protocol);
    if (first !== index) {
      issue(
        ["ports", index, "port"],
        entry.port,
        `repeats ports[${first}] (${entry.port}/${entry.protocol}); Kubernetes refuses a Service with the same port and protocol twice`,
      );
    }
  });
  for (const name of [...Object.keys(service.env), ...Object.keys(service.secretEnv)]) {
    const problem = envNameProblem(name);
    if (problem) issue(["env", name], name, problem);
  }
  for (const resource of ["cpu", "memory", "ephemeralStorage"] as const) {
    const [request, limit] = [service.resources.requests[resource], service.resources.limits[resource]];
    const problem = request && limit ? requestAboveLimitProblem(request, limit) : undefined;
    if (problem) issue(["resources", "requests", resource], service.resources.requests[resource], problem);
  }
  const names = service.ports.map((p) => p.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) issue(["ports", index, "name"], name, "is used twice in this service");
  });
});

/** A service as the schema parses it, before its replica settings are narrowed. */
export type ParsedService = z.infer<typeof serviceSchema>;

/** A validated service: `replicas` is either fixed or a pair of bounds, never a mix. */
export type ServiceSpec = Omit<ParsedService, "replicas"> & { readonly replicas: Replicas };

/** Narrows a parsed service's replicas; the schema's refinements guarantee one of the two shapes. */
export function toServiceSpec(service: ParsedService): ServiceSpec {
  const { fixed, min, max } = service.replicas;
  if (fixed !== undefined) return { ...service, replicas: { fixed } };
  if (min === undefined || max === undefined)
    throw new Error(`service ${service.name}: replicas passed validation without min and max`);
  return { ...service, replicas: { min, max } };
}
export type ServiceOverride = z.infer<typeof serviceOverrideSchema>;
export type ServicePort = ServiceSpec["ports"][number];
