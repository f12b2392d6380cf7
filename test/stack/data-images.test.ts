import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../../components/catalogue/registry";
import { dataImagesInUse } from "../../components/config/images";
import { dataImagePlacement } from "../../components/stack/data-images";
import { parseStackConfig } from "../../components/stack/load";
import { deepClone, sampleRawConfig } from "../helpers/stack";

type Raw = Record<string, any>;
/** The data images a sample runs, by key, as validation and pin-images count them. */
function imagesOf(raw: Raw): string[] {
  const config = parseStackConfig(raw);
  const placement = dataImagePlacement(config.targets, config.data, config.environment);
  return Object.keys(dataImagesInUse(config.data, CATALOGUES[config.catalogue], placement)).sort();
}

describe("the data images a stack with managed data pulls", () => {
  it("on GCP: MongoDB and etcd in the cluster, no Redis (Memorystore, reached directly), no Kafka, no object store", () => {
    expect(imagesOf(sampleRawConfig("gcp-dev"))).toEqual(["etcd", "etcdClient", "mongodb"]);
  });

  it("on AWS: the Redis TLS proxy, and MongoDB's shell for the cells' users on DocumentDB", () => {
    expect(imagesOf(sampleRawConfig("aws-dev"))).toEqual(["etcd", "etcdClient", "mongodb", "redisTlsProxy"]);
  });

  it("on Azure: the object store stays in the cluster beside the proxy", () => {
    expect(imagesOf(sampleRawConfig("azure-dev"))).toEqual([
      "etcd",
      "etcdClient",
      "mongodb",
      "objectStore",
      "objectStoreClient",
      "redisTlsProxy",
    ]);
  });

  it("keeps what the stack keeps in the cluster, and counts every image without managed data", () => {
    const raw = deepClone(sampleRawConfig("aws-dev")) as Raw;
    raw.data = { ...raw.data, managed: { keepInCluster: ["kafka", "redis"] } };
    expect(imagesOf(raw)).toEqual(["etcd", "etcdClient", "kafka", "mongodb", "redis"]);
    expect(imagesOf(sampleRawConfig("local"))).toEqual([
      "etcd",
      "etcdClient",
      "kafka",
      "mongodb",
      "objectStore",
      "objectStoreClient",
      "redis",
    ]);
  });
});
