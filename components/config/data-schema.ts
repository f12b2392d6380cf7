import { z } from "zod";
import { cidr, dnsLabel, pinnedImage, quantity, strictObject } from "./fields";

export const DATA_MODES = ["inCluster", "external", "managed"] as const;
/** The data services a target may run managed; etcd (OpenIM's discovery) always runs in the cluster. */
export const MANAGEABLE_KINDS = ["redis", "kafka", "mongodb", "objectStore"] as const;
export type DataMode = (typeof DATA_MODES)[number];

/** `host:port`, as OpenIM's clients take their addresses. */
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { error: 'must be "host:port"' });

const credentialsSchema = strictObject({
  username: z.string().min(1).meta({ description: "User the cells authenticate as." }),
  password: z
    .string()
    .min(1)
    .meta({ description: "Its password; set it as a Pulumi secret (`pulumi config set --secret --path`)." }),
});

const externalFields = {
  addresses: z.array(hostPort).min(1).meta({ description: 'The service\'s "host:port" addresses.' }),
  cidrs: z.array(cidr).min(1).meta({ description: "Ranges the service answers from: the cells' egress admits them." }),
  credentials: credentialsSchema.optional().meta({
    description: "Credentials of a cell that has none under `cellCredentials`.",
  }),
  cellCredentials: z
    .record(z.string(), credentialsSchema)
    .default({})
    .meta({ description: "Credentials per cell id: cells sharing one user could read each other's data." }),
  tls: z.boolean().default(true).meta({ description: "Connect over TLS." }),
  plaintextReason: z.string().min(10).optional().meta({
    description: "Why `tls: false` is acceptable here; the security pack accepts plaintext only with a reason.",
  }),
};

const externalService = strictObject(externalFields);

export const dataSchema = strictObject({
  mode: z.enum(DATA_MODES).default("inCluster").meta({
    description:
      "`inCluster`: the kit runs MongoDB, Kafka, the object store and etcd in a data namespace. `external`: cells bind to services the operator gives under `external`. `managed`: each target runs the services its cloud offers managed (sized under its `data` section), encrypted with its keys and private to its network; the rest (always etcd) run in the cluster. Redis runs per cell: in the cluster, or one managed instance per cell.",
  }),
  managed: strictObject({
    keepInCluster: z.array(z.enum(MANAGEABLE_KINDS)).default([]).meta({
      description:
        "With `mode: managed`, services to keep in the cluster although the target offers them managed (a dev stack's Kafka, say).",
    }),
  })
    .prefault({})
    .meta({ description: "How `mode: managed` splits the data tier between the target's cloud and the cluster." }),
  namespace: dnsLabel(50).default("im-data").meta({
    description: "The pooled data namespace; a VIP tenant's dedicated data set gets `<namespace>-<tenant>`.",
  }),
  mongodbMembers: z
    .union([z.literal(1), z.literal(3), z.literal(5)])
    .default(1)
    .meta({ description: "Members of each in-cluster MongoDB replica set (3 or 5 survive a node loss)." }),
  storage: strictObject({
    mongodb: quantity.default("20Gi").meta({ description: "Each MongoDB member's volume." }),
    kafka: quantity.default("20Gi").meta({ description: "Each Kafka broker's volume." }),
    objectStore: quantity.default("50Gi").meta({ description: "The object store's volume: every cell's files." }),
    etcd: quantity.default("2Gi").meta({ description: "Each etcd member's volume (discovery keys only)." }),
    redis: quantity.default("2Gi").meta({ description: "Each cell's Redis volume." }),
  })
    .prefault({})
    .meta({ description: "Volume size of each in-cluster data service (per member; Redis per cell)." }),
  objectStore: strictObject({
    externalAddress: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({
        description:
          "The URL clients fetch files from; OpenIM signs its links with it. Without one, links point at the in-cluster address and only work inside the cluster.",
      }),
  })
    .prefault({})
    .meta({ description: "The object store as clients see it." }),
  images: strictObject({
    mongodb: pinnedImage.default("mongo:7.0.16").meta({ description: "MongoDB server and shell (mongosh)." }),
    redis: pinnedImage.default("redis:7.0.15").meta({ description: "Each cell's Redis." }),
    kafka: pinnedImage
      .default("bitnamilegacy/kafka:3.5.1")
      .meta({ description: "Kafka in KRaft mode; its scripts also create the topics and ACLs." }),
    objectStore: pinnedImage
      .default("minio/minio:RELEASE.2024-01-11T07-46-16Z")
      .meta({ description: "The S3-compatible object store." }),
    objectStoreClient: pinnedImage
      .default("minio/mc:RELEASE.2024-01-11T05-49-32Z")
      .meta({ description: "The object store's client, which creates buckets, users and policies." }),
    etcd: pinnedImage.default("quay.io/coreos/etcd:v3.5.13").meta({ description: "etcd, OpenIM's discovery." }),
    redisTlsProxy: pinnedImage.default("haproxy:2.8.4-alpine").meta({
      description:
        "The TCP proxy that carries a cell's Redis traffic over TLS to a managed Redis that requires it (OpenIM's Redis client has no TLS).",
    }),
    etcdClient: pinnedImage
      .default("bitnamilegacy/etcd:3.5.13")
      .meta({ description: "An etcdctl image with a shell, for the users and roles." }),
  })
    .prefault({})
    .meta({ description: "Images of the in-cluster data services, pinned to the lines OpenIM v3.8.3 is run with." }),
  external: strictObject({
    mongodb: externalService.optional().meta({ description: "A MongoDB replica set the operator runs." }),
    kafka: externalService
      .optional()
      .meta({ description: "A Kafka cluster (SASL PLAIN); the operator creates each cell's topics." }),
    objectStore: strictObject({
      ...externalFields,
      addresses: z.array(hostPort).length(1).meta({ description: 'The store\'s "host:port" (S3 API).' }),
    })
      .optional()
      .meta({ description: "An S3-compatible store; each cell's bucket must exist." }),
    etcd: externalService.optional().meta({ description: "An etcd cluster with authentication on." }),
  })
    .default({})
    .meta({ description: "Services the operator runs, for `mode: external`." }),
}).prefault({});

export type DataConfig = z.infer<typeof dataSchema>;
export type ExternalService = z.infer<typeof externalService>;
export type DataCredentials = z.infer<typeof credentialsSchema>;
