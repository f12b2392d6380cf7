import * as pulumi from "@pulumi/pulumi";
import type { DataConfig, ExternalService } from "../../config/data-schema";
import { BINDING_SECRET_KEYS, type CellBindings } from "../../core/bindings";
import { cellUser, credentialsFor } from "./bindings";
import { cellKafkaPassword, derivedSecret, seedScope } from "./secrets";

/** The password of an external service for one cell. */
function externalPassword(service: ExternalService, cell: string): pulumi.Output<string> {
  return pulumi.secret(credentialsFor(service, cell)?.password ?? "");
}

function mongoUri(bindings: CellBindings, password: pulumi.Output<string>): pulumi.Output<string> {
  const { mongodb } = bindings;
  const options = new URLSearchParams({ authSource: mongodb.database });
  if (mongodb.replicaSet) options.set("replicaSet", mongodb.replicaSet);
  if (mongodb.tls) options.set("tls", "true");
  return pulumi.secret(
    pulumi.interpolate`mongodb://${encodeURIComponent(mongodb.username)}:${password.apply(encodeURIComponent)}@${mongodb.addresses.join(",")}/${mongodb.database}?${options.toString()}`,
  );
}

/**
 * The cell's credentials, by data Secret key: generated per cell from the seed for what the kit
 * runs, taken from the operator's config for external services. All are Pulumi secrets.
 */
export function cellSecretValues(
  data: DataConfig,
  seed: string,
  bindings: CellBindings,
): Record<string, pulumi.Output<string>> {
  const cell = bindings.cell;
  const external = data.mode === "external" ? data.external : {};
  const own = (purpose: string) => derivedSecret(seed, seedScope.cell(cell), purpose);
  const mongodbPassword = external.mongodb ? externalPassword(external.mongodb, cell) : own("mongodb");
  return {
    [BINDING_SECRET_KEYS.serverSecret]: own("server-secret"),
    [BINDING_SECRET_KEYS.mongodbPassword]: mongodbPassword,
    [BINDING_SECRET_KEYS.mongodbUri]: mongoUri(bindings, mongodbPassword),
    [BINDING_SECRET_KEYS.redisPassword]: own("redis"),
    [BINDING_SECRET_KEYS.kafkaUsername]: pulumi.secret(bindings.kafka.username),
    [BINDING_SECRET_KEYS.kafkaPassword]: external.kafka
      ? externalPassword(external.kafka, cell)
      : pulumi.secret(cellKafkaPassword(seed, cell)),
    [BINDING_SECRET_KEYS.objectStoreAccessKey]: external.objectStore
      ? pulumi.secret(credentialsFor(external.objectStore, cell)?.username ?? "")
      : pulumi.secret(cellUser(cell)),
    [BINDING_SECRET_KEYS.objectStoreSecretKey]: external.objectStore
      ? externalPassword(external.objectStore, cell)
      : own("object-store"),
    [BINDING_SECRET_KEYS.etcdPassword]: external.etcd ? externalPassword(external.etcd, cell) : own("etcd"),
  };
}
