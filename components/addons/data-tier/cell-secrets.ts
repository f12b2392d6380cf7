import * as pulumi from "@pulumi/pulumi";
import type { DataConfig, ExternalService } from "../../config/data-schema";
import { BINDING_SECRET_KEYS, CELL_DATA_CA, DATA_CA_FILES, type CellBindings } from "../../core/bindings";
import type { ManagedCellData } from "../../targets/capabilities";
import { cellUser, credentialsFor } from "./bindings";
import { managedRedisPassword } from "./managed-sets";
import { cellKafkaPassword, derivedSecret, seedScope } from "./secrets";

/** The password of an external service for one cell. */
function externalPassword(service: ExternalService, cell: string): pulumi.Output<string> {
  return pulumi.secret(credentialsFor(service, cell)?.password ?? "");
}

function mongoUri(bindings: CellBindings, password: string): string {
  const { mongodb } = bindings;
  const options = new URLSearchParams({ authSource: mongodb.database });
  if (mongodb.replicaSet) options.set("replicaSet", mongodb.replicaSet);
  if (mongodb.tls) options.set("tls", "true");
  // A managed service's own options win (its auth database, retryWrites=false...); its CA is mounted in every pod.
  for (const [key, value] of Object.entries(mongodb.uriOptions ?? {})) options.set(key, value);
  if (mongodb.caBundle !== undefined) options.set("tlsCAFile", `${CELL_DATA_CA.mountPath}/${DATA_CA_FILES.mongodb}`);
  return `mongodb://${encodeURIComponent(mongodb.username)}:${encodeURIComponent(password)}@${mongodb.addresses.join(",")}/${mongodb.database}?${options.toString()}`;
}

/**
 * The cell's credentials, by data Secret key: generated per cell from the seed for what the kit
 * runs (and the passwords it gives managed services), taken from the operator's config for
 * external services, and from the cloud for what it generates (a Redis AUTH string, a Kafka
 * credential, object store keys). All are Pulumi secrets. `bindings` are the deployed ones:
 * managed services' addresses are in them.
 */
export function cellSecretValues(
  data: DataConfig,
  seed: string,
  bindings: pulumi.Output<CellBindings>,
  cell: string,
  managed: ManagedCellData = {},
): Record<string, pulumi.Output<string>> {
  const external = data.mode === "external" ? data.external : {};
  const own = (purpose: string) => derivedSecret(seed, seedScope.cell(cell), purpose);
  const mongodbPassword = external.mongodb ? externalPassword(external.mongodb, cell) : own("mongodb");
  const store = managed.objectStore;
  return {
    [BINDING_SECRET_KEYS.serverSecret]: own("server-secret"),
    [BINDING_SECRET_KEYS.mongodbPassword]: mongodbPassword,
    [BINDING_SECRET_KEYS.mongodbUri]: pulumi.secret(
      pulumi.all([bindings, mongodbPassword]).apply(([deployed, password]) => mongoUri(deployed, password)),
    ),
    [BINDING_SECRET_KEYS.redisPassword]: managed.redis
      ? pulumi.secret(managed.redis.password ?? managedRedisPassword(seed, cell))
      : own("redis"),
    [BINDING_SECRET_KEYS.kafkaUsername]: pulumi.secret(bindings.kafka.username),
    [BINDING_SECRET_KEYS.kafkaPassword]: external.kafka
      ? externalPassword(external.kafka, cell)
      : managed.kafka
        ? pulumi.secret(pulumi.output(managed.kafka.password ?? ""))
        : pulumi.secret(cellKafkaPassword(seed, cell)),
    [BINDING_SECRET_KEYS.objectStoreAccessKey]: external.objectStore
      ? pulumi.secret(credentialsFor(external.objectStore, cell)?.username ?? "")
      : store
        ? pulumi.secret(store.accessKeyId)
        : pulumi.secret(cellUser(cell)),
    [BINDING_SECRET_KEYS.objectStoreSecretKey]: external.objectStore
      ? externalPassword(external.objectStore, cell)
      : store
        ? pulumi.secret(store.secretAccessKey)
        : own("object-store"),
    [BINDING_SECRET_KEYS.etcdPassword]: external.etcd ? externalPassword(external.etcd, cell) : own("etcd"),
  };
}
