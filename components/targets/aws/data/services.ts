import type * as aws from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import {
  MANAGED_DATA_KINDS,
  type DataServices,
  type ManagedCellData,
  type ManagedDataKind,
  type ManagedDataNetwork,
  type ManagedDataSet,
  type ManagedDataSetRequest,
  type ManagedMongo,
} from "../../capabilities";
import type { AwsDataContext } from "./context";
import { dataSetKafka, KAFKA_TLS_PORT } from "./kafka";
import { dataSetMongo, MONGODB_PORT } from "./mongodb";
import { cellObjectStore } from "./object-store";
import { cellRedis, redisPlacement, REDIS_PORT } from "./redis";

const WORLD = "0.0.0.0/0";
const HTTPS = 443;

/**
 * Where a cell's traffic to each service goes. ElastiCache, MSK and DocumentDB answer on ENIs in
 * the private subnets. S3 answers on its public HTTPS API addresses (through the S3 gateway
 * endpoint where the kit routes the VPC, else NAT); a NetworkPolicy cannot name the prefix list
 * those addresses come from, so the object store is the one kind open to 0.0.0.0/0, on 443 only.
 */
export function awsDataNetwork(kind: ManagedDataKind, subnetCidrs: readonly string[]): ManagedDataNetwork {
  switch (kind) {
    case "redis":
      return { cidrs: [...subnetCidrs], ports: [REDIS_PORT] };
    case "kafka":
      return { cidrs: [...subnetCidrs], ports: [KAFKA_TLS_PORT] };
    case "mongodb":
      return { cidrs: [...subnetCidrs], ports: [MONGODB_PORT] };
    case "objectStore":
      return { cidrs: [WORLD], ports: [HTTPS] };
  }
}

/** One data set's managed services, as a component under whatever parent the kit gives. */
export class AwsDataSet extends pulumi.ComponentResource implements ManagedDataSet {
  readonly resources: pulumi.Resource[];
  readonly mongodb?: ManagedMongo;
  private readonly cells = new Map<string, ManagedCellData>();
  private readonly dataSet: string;

  constructor(request: ManagedDataSetRequest, context: AwsDataContext, opts: pulumi.ComponentResourceOptions) {
    super("im-platform:targets:AwsDataSet", request.name, {}, opts);
    const name = request.name;
    this.dataSet = request.dataSet;
    const within = { parent: this };
    const wants = (kind: ManagedDataKind) => request.kinds.includes(kind);
    const resources: pulumi.Resource[] = [this];
    const bound: Record<string, { -readonly [K in keyof ManagedCellData]: ManagedCellData[K] }> = {};
    for (const cell of request.cells) bound[cell.cell] = {};

    if (wants("redis")) {
      const placement = redisPlacement(name, context, request.dataSet, within);
      for (const cell of request.cells) {
        const redis = cellRedis(
          `${name}-redis-${cell.cell}`,
          { context, dataSet: request.dataSet, cell, placement },
          within,
        );
        resources.push(redis.group);
        bound[cell.cell]!.redis = redis.binding;
      }
    }
    if (wants("kafka")) {
      const kafka = dataSetKafka(name, { context, request }, within);
      resources.push(kafka.cluster, ...kafka.topics);
      for (const cell of request.cells) bound[cell.cell]!.kafka = kafka.binding;
    }
    if (wants("mongodb")) {
      const mongo = dataSetMongo(name, { context, request }, within);
      resources.push(mongo.cluster, ...mongo.instances);
      this.mongodb = mongo.binding;
    }
    if (wants("objectStore")) {
      for (const cell of request.cells) {
        const store = cellObjectStore(
          `${name}-objects-${cell.cell}`,
          { context, dataSet: request.dataSet, cell },
          within,
        );
        resources.push(store.bucket);
        bound[cell.cell]!.objectStore = store.binding;
      }
    }
    for (const [cell, data] of Object.entries(bound)) this.cells.set(cell, data);
    this.resources = resources;
    this.registerOutputs({});
  }

  cell(cell: string): ManagedCellData {
    const data = this.cells.get(cell);
    if (!data)
      throw new Error(
        `managed data set "${this.dataSet}" has no cell "${cell}"; it serves ${[...this.cells.keys()].join(", ")}`,
      );
    return data;
  }
}

/**
 * The AWS target's `data` capability: ElastiCache (Valkey) per cell, MSK and DocumentDB per data
 * set, S3 per cell. Everything is TLS on the wire (Redis through the kit's proxy in the cell),
 * so nothing is plaintext. Every resource goes through the target's AWS provider, whatever the
 * kit's options carry.
 */
export function awsDataServices(context: AwsDataContext, provider: aws.Provider): DataServices {
  return {
    kinds: [...MANAGED_DATA_KINDS],
    plaintext: {},
    network: (kind) => awsDataNetwork(kind, context.subnetCidrs),
    provision: (request, opts) => new AwsDataSet(request, context, { ...opts, providers: { aws: provider } }),
  };
}
