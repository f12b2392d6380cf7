/**
 * Azure names the target writes and the Azure security rules read, kept free of provider imports
 * so the policy packs load them cheaply.
 */

/** Type tokens of the azure-native resources the target creates and the rules read. */
export const AZURE_TYPES = {
  resourceGroup: "azure-native:resources:ResourceGroup",
  virtualNetwork: "azure-native:network:VirtualNetwork",
  subnet: "azure-native:network:Subnet",
  natGateway: "azure-native:network:NatGateway",
  publicIp: "azure-native:network:PublicIPAddress",
  nsg: "azure-native:network:NetworkSecurityGroup",
  securityRule: "azure-native:network:SecurityRule",
  privateEndpoint: "azure-native:network:PrivateEndpoint",
  privateDnsZoneGroup: "azure-native:network:PrivateDnsZoneGroup",
  wafPolicy: "azure-native:network:WebApplicationFirewallPolicy",
  privateZone: "azure-native:privatedns:PrivateZone",
  zoneLink: "azure-native:privatedns:VirtualNetworkLink",
  vault: "azure-native:keyvault:Vault",
  key: "azure-native:keyvault:Key",
  diskEncryptionSet: "azure-native:compute:DiskEncryptionSet",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  federatedCredential: "azure-native:managedidentity:FederatedIdentityCredential",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  workspace: "azure-native:operationalinsights:Workspace",
  diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
  monitorWorkspace: "azure-native:monitor:AzureMonitorWorkspace",
  dataCollectionEndpoint: "azure-native:monitor:DataCollectionEndpoint",
  dataCollectionRule: "azure-native:monitor:DataCollectionRule",
  dataCollectionRuleAssociation: "azure-native:monitor:DataCollectionRuleAssociation",
  prometheusRuleGroup: "azure-native:alertsmanagement:PrometheusRuleGroup",
  cluster: "azure-native:containerservice:ManagedCluster",
  agentPool: "azure-native:containerservice:AgentPool",
  trafficController: "azure-native:servicenetworking:TrafficControllerInterface",
  trafficControllerAssociation: "azure-native:servicenetworking:AssociationsInterface",
  trafficControllerFrontend: "azure-native:servicenetworking:FrontendsInterface",
  trafficControllerSecurityPolicy: "azure-native:servicenetworking:SecurityPoliciesInterface",
  managementLock: "azure-native:authorization:ManagementLockByScope",
} as const;

/** Types of the managed data services (`data.mode: managed`), which the data rules read. */
export const AZURE_DATA_TYPES = {
  redis: "azure-native:redisenterprise:RedisEnterprise",
  redisDatabase: "azure-native:redisenterprise:Database",
  eventHubNamespace: "azure-native:eventhub:Namespace",
  eventHub: "azure-native:eventhub:EventHub",
  eventHubRule: "azure-native:eventhub:NamespaceAuthorizationRule",
  eventHubNetworkRuleSet: "azure-native:eventhub:NamespaceNetworkRuleSet",
  mongoCluster: "azure-native:mongocluster:MongoCluster",
  mongoFirewallRule: "azure-native:mongocluster:FirewallRule",
} as const;

/** The tag that states a data resource's environment: the rules hold prod resources (and untagged ones) to prod's bar. */
export const ENVIRONMENT_TAG = "im-platform-environment";

/** Every AKS control-plane log category the cluster's diagnostic setting sends to Log Analytics. */
export const CONTROL_PLANE_LOG_CATEGORIES = [
  "kube-apiserver",
  "kube-audit-admin",
  "kube-controller-manager",
  "kube-scheduler",
  "cluster-autoscaler",
  "guard",
] as const;

/** Name prefix of the NSG rules that admit clients to the edge listeners: the only rules that may admit the internet. */
export const EDGE_RULE_PREFIX = "allow-edge-listener";

/** The Azure Disk CSI driver's provisioner name, for StorageClasses. */
export const DISK_CSI_PROVISIONER = "disk.csi.azure.com";

/** Network policy engines AKS enforces NetworkPolicies with. */
export const ENFORCING_NETWORK_POLICIES = ["azure", "cilium", "calico"] as const;

/** Traffic Manager's and Azure DNS's types of the stack's global traffic, which the health-check rule reads. */
export const TRAFFIC_TYPES = {
  profile: "azure-native:trafficmanager:Profile",
  endpoint: "azure-native:trafficmanager:Endpoint",
  recordSet: "azure-native:dns:RecordSet",
} as const;

/** The endpoint type of an address outside Azure (or any address given as such): an IP or a DNS name. */
export const EXTERNAL_ENDPOINT_TYPE = "Microsoft.Network/trafficManagerProfiles/externalEndpoints";
