import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { DataConfig } from "../../config/data-schema";
import type { DataKind } from "../../core/data-kinds";
import type { ManagedMongo } from "../../targets/capabilities";
import { BINDING_SECRET_KEYS, type CellBindings } from "../../core/bindings";
import { DATA_PORTS, KAFKA_PARTITIONS } from "../../core/data-kinds";
import { commonLabels, labelKeys, DATA_PRIORITY_CLASS } from "../../core/labels";
import { DATA_SERVICE_NAMES, REPLICA_SET } from "./bindings";
import { ADMIN_KEYS, ADMIN_SECRET, KAFKA_ADMIN_USER, MONGODB_ROOT_USER, OBJECT_STORE_ROOT_USER } from "./data-services";
import { dataResources, restrictedContainer } from "./stateful";

type Container = k8s.types.input.core.v1.Container;
type EnvVar = k8s.types.input.core.v1.EnvVar;

/** Users of the images the steps run in (their Dockerfiles). */
const STEP_USERS = { mongodb: 999, kafka: 1001, objectStore: 1000, etcd: 1001 } as const;

const fromSecret = (name: string, secret: string, key: string): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});
const admin = (name: string, key: string) => fromSecret(name, ADMIN_SECRET, key);
/** Retries a step until its service answers: jobs start beside the services they configure. */
const retry = (command: string) => `for i in $(seq 1 60); do ${command} && exit 0; sleep 5; done; exit 1`;

type Volume = k8s.types.input.core.v1.Volume;

/** Where a step reads the CA bundles of a managed service (the data set's `managed-data-ca` ConfigMap). */
const STEP_CA_DIR = "/etc/im-platform/data-ca";

function step(
  name: string,
  image: string,
  user: number,
  script: pulumi.Input<string>,
  env: EnvVar[],
  mountCa = false,
): Container {
  return {
    name,
    image,
    command: ["sh", "-c", script],
    env,
    securityContext: restrictedContainer(user),
    resources: dataResources("50m", "128Mi", "500m", "512Mi"),
    volumeMounts: [
      { name: "tmp", mountPath: "/tmp" },
      ...(mountCa ? [{ name: "data-ca", mountPath: STEP_CA_DIR, readOnly: true }] : []),
    ],
  };
}

function host(name: string, namespace: string, port: number, ordinal?: number): string {
  const pod = ordinal === undefined ? name : `${name}-${ordinal}.${name}`;
  return `${pod}.${namespace}.svc:${port}`;
}

function job(
  resourceName: string,
  name: string,
  namespace: string,
  dataSet: string,
  steps: Container[],
  opts: pulumi.CustomResourceOptions,
  skipAwait: boolean,
  extraLabels: Record<string, string> = {},
  extraVolumes: Volume[] = [],
): k8s.batch.v1.Job {
  const labels = commonLabels({ [labelKeys.name]: name, [labelKeys.dataSet]: dataSet, ...extraLabels });
  const [last, ...before] = [...steps].reverse();
  return new k8s.batch.v1.Job(
    resourceName,
    {
      metadata: {
        name,
        namespace,
        labels,
        annotations: skipAwait ? { "pulumi.com/skipAwait": "true" } : undefined,
      },
      spec: {
        backoffLimit: 6,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: "OnFailure",
            automountServiceAccountToken: false,
            priorityClassName: DATA_PRIORITY_CLASS,
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
            // Steps run in order: every one but the last as an init container.
            initContainers: before.reverse(),
            containers: last ? [last] : [],
            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }, ...extraVolumes],
          },
        },
      },
    },
    // A job's template is immutable: a changed step replaces the job.
    { ...opts, replaceOnChanges: ["spec"], deleteBeforeReplace: true },
  );
}

/** Once per in-cluster data set: initiates the MongoDB replica set and turns on etcd's authentication. */
export function dataSetBootstrap(
  args: {
    data: DataConfig;
    namespace: string;
    dataSet: string;
    inCluster: readonly DataKind[];
    resourceName: string;
    podLabels: Record<string, string>;
    skipAwait: boolean;
  },
  opts: pulumi.CustomResourceOptions,
): k8s.batch.v1.Job {
  const { data, namespace } = args;
  const members = Array.from({ length: data.mongodbMembers }, (_, ordinal) => ({
    _id: ordinal,
    host: host(DATA_SERVICE_NAMES.mongodb, namespace, DATA_PORTS.mongodb, ordinal),
  }));
  const mongo = `mongosh --quiet --host ${members[0]?.host ?? ""} -u ${MONGODB_ROOT_USER} -p "$ROOT_PASSWORD" --authenticationDatabase admin`;
  const replicaSet = JSON.stringify({ _id: REPLICA_SET, members });
  const etcd = `etcdctl --endpoints=http://${host(DATA_SERVICE_NAMES.etcd, namespace, DATA_PORTS.etcd, 0)}`;
  return job(
    args.resourceName,
    "bootstrap",
    namespace,
    args.dataSet,
    [
      ...(args.inCluster.includes("mongodb")
        ? [
            step(
              "mongodb-replica-set",
              data.images.mongodb,
              STEP_USERS.mongodb,
              retry(`${mongo} --eval 'try { rs.status().ok } catch (e) { rs.initiate(${replicaSet}).ok }'`),
              [admin("ROOT_PASSWORD", ADMIN_KEYS.mongodbRootPassword)],
            ),
          ]
        : []),
      step(
        "etcd-authentication",
        data.images.etcdClient,
        STEP_USERS.etcd,
        retry(
          `{ ${etcd} --user "root:$ROOT_PASSWORD" auth status 2>/dev/null | grep -q 'Status: true'; } || ` +
            `{ { ${etcd} user add root --new-user-password="$ROOT_PASSWORD" || ${etcd} user get root; } && ` +
            `${etcd} user grant-role root root && ${etcd} auth enable; }`,
        ),
        [admin("ROOT_PASSWORD", ADMIN_KEYS.etcdRootPassword)],
      ),
    ],
    opts,
    args.skipAwait,
    args.podLabels,
  );
}

/** The name of the Secret in a data namespace that holds one cell's credentials for its bootstrap. */
export function provisioningSecretName(cell: string): string {
  return `cell-${cell}`;
}

/**
 * Per cell, in its data set's namespace: the cell's MongoDB user on its own database, its four
 * topics with ACLs on its prefix, its bucket with a user whose policy reaches that bucket only,
 * and its etcd user whose role reaches its discovery root only. Every step is idempotent.
 */
export function cellBootstrap(
  args: {
    data: DataConfig;
    namespace: string;
    bindings: CellBindings;
    /** The shared services the kit runs in the data namespace. */
    inCluster: readonly DataKind[];
    /** A managed MongoDB the cell's user is created on. */
    managedMongo?: ManagedMongo;
    topics: readonly string[];
    resourceName: string;
    podLabels: Record<string, string>;
    skipAwait: boolean;
  },
  opts: pulumi.CustomResourceOptions,
): k8s.batch.v1.Job {
  const { data, namespace, bindings } = args;
  const cell = (name: string, key: string) => fromSecret(name, provisioningSecretName(bindings.cell), key);
  const { mongodb, kafka, objectStore, etcd } = bindings;
  const mongoRoles = JSON.stringify([{ role: "readWrite", db: mongodb.database }]);
  const mongoUser = JSON.stringify(mongodb.username);
  const mongo = `mongosh --quiet --host ${host(DATA_SERVICE_NAMES.mongodb, namespace, DATA_PORTS.mongodb, 0)} -u ${MONGODB_ROOT_USER} -p "$ROOT_PASSWORD" --authenticationDatabase admin`;
  const mongoScript =
    `const d = db.getSiblingDB(${JSON.stringify(mongodb.database)}); const pwd = process.env.CELL_PASSWORD; ` +
    `if (d.getUser(${mongoUser})) d.updateUser(${mongoUser}, { pwd, roles: ${mongoRoles} }); ` +
    `else d.createUser({ user: ${mongoUser}, pwd, roles: ${mongoRoles} });`;
  const kafkaServer = host(DATA_SERVICE_NAMES.kafka, namespace, DATA_PORTS.kafka, 0);
  const kafkaClient = `printf 'security.protocol=SASL_PLAINTEXT\\nsasl.mechanism=PLAIN\\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_ADMIN_USER}" password="%s";\\n' "$ADMIN_PASSWORD" > /tmp/admin.properties`;
  const bin = "/opt/bitnami/kafka/bin";
  const kafkaArgs = `--bootstrap-server ${kafkaServer} --command-config /tmp/admin.properties`;
  const topicCommands = args.topics.map(
    (topic) =>
      `${bin}/kafka-topics.sh ${kafkaArgs} --create --if-not-exists --topic ${topic} --partitions ${KAFKA_PARTITIONS} --replication-factor 1`,
  );
  const aclCommands = ["--topic", "--group"].map(
    (resource) =>
      `${bin}/kafka-acls.sh ${kafkaArgs} --add --allow-principal User:${kafka.username} --operation All ${resource} ${kafka.topicPrefix} --resource-pattern-type prefixed`,
  );
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["s3:*"],
        Resource: [`arn:aws:s3:::${objectStore.bucket}`, `arn:aws:s3:::${objectStore.bucket}/*`],
      },
    ],
  });
  const mc = "mc --config-dir /tmp/mc";
  const objectScript = [
    `${mc} alias set store http://${objectStore.internalAddress} ${OBJECT_STORE_ROOT_USER} "$ROOT_PASSWORD"`,
    `${mc} mb --ignore-existing store/${objectStore.bucket}`,
    `printf '%s' '${policy}' > /tmp/policy.json`,
    `${mc} admin policy create store ${objectStore.bucket} /tmp/policy.json`,
    `${mc} admin user add store "$ACCESS_KEY" "$SECRET_KEY"`,
    `{ ${mc} admin policy attach store ${objectStore.bucket} --user "$ACCESS_KEY" || ${mc} admin user info store "$ACCESS_KEY" | grep -q ${objectStore.bucket}; }`,
  ].join(" && ");
  const etcdctl = `etcdctl --endpoints=http://${host(DATA_SERVICE_NAMES.etcd, namespace, DATA_PORTS.etcd, 0)} --user "root:$ROOT_PASSWORD"`;
  const role = `${etcd.username}`;
  const etcdScript = [
    `{ ${etcdctl} user add ${etcd.username} --new-user-password="$CELL_PASSWORD" || ${etcdctl} user passwd ${etcd.username} --new-user-password="$CELL_PASSWORD" --interactive=false; }`,
    `{ ${etcdctl} role add ${role} || ${etcdctl} role get ${role}; }`,
    // OpenIM keys its registrations "<root>/<service>/...": the prefix with its slash is the cell's alone.
    `${etcdctl} role grant-permission ${role} readwrite ${etcd.rootDirectory}/ --prefix=true`,
    `${etcdctl} user grant-role ${etcd.username} ${role}`,
  ].join(" && ");
  const inCluster = (kind: DataKind) => args.inCluster.includes(kind);
  const managedMongo = args.managedMongo;
  const steps: Container[] = [
    ...(inCluster("mongodb")
      ? [
          step("mongodb-user", data.images.mongodb, STEP_USERS.mongodb, retry(`${mongo} --eval '${mongoScript}'`), [
            admin("ROOT_PASSWORD", ADMIN_KEYS.mongodbRootPassword),
            cell("CELL_PASSWORD", BINDING_SECRET_KEYS.mongodbPassword),
          ]),
        ]
      : []),
    ...(managedMongo
      ? [
          step(
            "mongodb-user",
            data.images.mongodb,
            STEP_USERS.mongodb,
            managedMongoUserScript(managedMongo, mongodb.database, mongodb.username).apply(retry),
            [
              admin("ROOT_PASSWORD", ADMIN_KEYS.mongodbRootPassword),
              cell("CELL_PASSWORD", BINDING_SECRET_KEYS.mongodbPassword),
            ],
            managedMongo.caBundle !== undefined,
          ),
        ]
      : []),
    ...(inCluster("kafka")
      ? [
          step(
            "kafka-topics",
            data.images.kafka,
            STEP_USERS.kafka,
            `${kafkaClient} && ${retry([...topicCommands, ...aclCommands].join(" && "))}`,
            [admin("ADMIN_PASSWORD", ADMIN_KEYS.kafkaAdminPassword)],
          ),
        ]
      : []),
    ...(inCluster("objectStore")
      ? [
          step("object-store-bucket", data.images.objectStoreClient, STEP_USERS.objectStore, retry(objectScript), [
            admin("ROOT_PASSWORD", ADMIN_KEYS.objectStoreRootPassword),
            cell("ACCESS_KEY", BINDING_SECRET_KEYS.objectStoreAccessKey),
            cell("SECRET_KEY", BINDING_SECRET_KEYS.objectStoreSecretKey),
          ]),
        ]
      : []),
    ...(inCluster("etcd")
      ? [
          step("etcd-user", data.images.etcdClient, STEP_USERS.etcd, retry(etcdScript), [
            admin("ROOT_PASSWORD", ADMIN_KEYS.etcdRootPassword),
            cell("CELL_PASSWORD", BINDING_SECRET_KEYS.etcdPassword),
          ]),
        ]
      : []),
  ];
  const caVolume: Volume[] =
    managedMongo?.caBundle !== undefined ? [{ name: "data-ca", configMap: { name: MANAGED_DATA_CA } }] : [];
  return job(
    args.resourceName,
    `bootstrap-${bindings.cell}`,
    namespace,
    bindings.dataSet,
    steps,
    opts,
    args.skipAwait,
    { [labelKeys.bindingFor]: bindings.cell, ...args.podLabels },
    caVolume,
  );
}

/** The data namespace's ConfigMap of managed services' CA bundles, which the bootstrap steps mount. */
export const MANAGED_DATA_CA = "managed-data-ca";
export const MANAGED_MONGODB_CA_FILE = "mongodb.pem";

/** Roles granted on the cell's database, or cluster-wide ones (`...AnyDatabase`) on admin, where the service scopes no finer. */
function mongoRoles(roles: readonly string[], database: string): Array<{ role: string; db: string }> {
  return roles.map((role) => ({ role, db: /AnyDatabase$|^clusterAdmin$/.test(role) ? "admin" : database }));
}

/**
 * Creates (or updates) the cell's user on a managed MongoDB as its administrator: in the
 * service's auth database where it has one (`authSource`), else on the cell's own database.
 */
function managedMongoUserScript(mongo: ManagedMongo, database: string, username: string): pulumi.Output<string> {
  const options = new URLSearchParams(mongo.uriOptions);
  if (mongo.caBundle !== undefined) options.set("tlsCAFile", `${STEP_CA_DIR}/${MANAGED_MONGODB_CA_FILE}`);
  const userDb = mongo.uriOptions.authSource ?? database;
  const roles = JSON.stringify(mongoRoles(mongo.cellRoles, database));
  const user = JSON.stringify(username);
  const script =
    `const d = db.getSiblingDB(${JSON.stringify(userDb)}); const pwd = process.env.CELL_PASSWORD; ` +
    `if (d.getUser(${user})) d.updateUser(${user}, { pwd, roles: ${roles} }); ` +
    `else d.createUser({ user: ${user}, pwd, roles: ${roles} });`;
  return mongo.hosts.apply(
    (hosts) =>
      `mongosh --quiet "mongodb://${hosts.join(",")}/admin?${options.toString()}" -u ${JSON.stringify(mongo.adminUsername)} -p "$ROOT_PASSWORD" --authenticationDatabase ${mongo.uriOptions.authSource ?? "admin"} --eval '${script}'`,
  );
}
