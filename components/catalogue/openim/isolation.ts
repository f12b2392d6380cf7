import type { IsolationKnob } from "../definition";

/** What keeps one OpenIM instance's data apart from another's, where v3.8.3 reads it. */
export const OPENIM_ISOLATION_KNOBS: readonly IsolationKnob[] = [
  { knob: "MongoDB database", file: "mongodb.yml", scope: ["address"], values: ["database"] },
  { knob: "MongoDB user", file: "mongodb.yml", scope: ["address"], values: ["username"] },
  { knob: "Redis instance and db", file: "redis.yml", scope: [], values: ["address"] },
  {
    knob: "Kafka topic",
    file: "kafka.yml",
    scope: ["address"],
    values: ["toRedisTopic", "toMongoTopic", "toPushTopic", "toOfflinePushTopic"],
  },
  {
    knob: "Kafka consumer group",
    file: "kafka.yml",
    scope: ["address"],
    values: ["toRedisGroupID", "toMongoGroupID", "toPushGroupID", "toOfflinePushGroupID"],
  },
  { knob: "Kafka user", file: "kafka.yml", scope: ["address"], values: ["username"] },
  { knob: "bucket", file: "minio.yml", scope: ["internalAddress"], values: ["bucket"] },
  { knob: "discovery root", file: "discovery.yml", scope: ["etcd.address"], values: ["etcd.rootDirectory"] },
  { knob: "etcd user", file: "discovery.yml", scope: ["etcd.address"], values: ["etcd.username"] },
];
