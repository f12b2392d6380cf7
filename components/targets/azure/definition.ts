import { defineTarget } from "../definition";
import { azureCapacity } from "./capacity";
import { azureDataFacts } from "./data/services";
import { resolveDataSettings } from "./data/settings";
import { LB_MAX_IDLE_SECONDS } from "./edge-profile";
import { azurePlatformIssues } from "./fit";
import { AZURE_COLLECTOR } from "./metrics";
import { azureMocks } from "./mocks";
import { planAzure } from "./plan";
import { azureSecurityRules } from "./rules";
import { azureTargetSchema } from "./schema";
import { AzureCluster } from "./target";
import { TRAFFIC_MANAGER_FACTS } from "./traffic";

/** AKS on its own VNet; the Standard Load Balancer's idle timeout tops out at 100 minutes. */
export const azureTarget = defineTarget({
  kind: "azure",
  schema: azureTargetSchema,
  edgeLimits: () => ({ maxIdleTimeoutSeconds: LB_MAX_IDLE_SECONDS, addressKind: "ip" }),
  plan: planAzure,
  platformIssues: azurePlatformIssues,
  capacity: azureCapacity,
  // Azure Monitor notifies action groups only; KEDA queries the workspace's PromQL endpoint.
  metrics: () => ({ collector: AZURE_COLLECTOR, receiverKinds: ["actionGroupId"], query: true }),
  // Traffic Manager profiles (one per hostname, probing each endpoint) behind CNAMEs in Azure DNS.
  globalTraffic: () => TRAFFIC_MANAGER_FACTS,
  // Azure Managed Redis and Event Hubs per cell, Cosmos DB for MongoDB vCore per data set; MinIO stays in the cluster.
  managedData: (cluster, platform) => azureDataFacts(resolveDataSettings(cluster.data, platform.environment)),
  build: (name, args, opts) => new AzureCluster(name, args, opts),
  configNamespaces: ["azure-native"],
  mocks: azureMocks,
  securityRules: azureSecurityRules,
});
