import { AZURE_DATA_TYPES as DATA, AZURE_TYPES, ENVIRONMENT_TAG } from "../conventions";
import { list, record, stringMap, text } from "../../../core/resource-props";
import { revealed } from "../../../core/secret-envelope";
import { at, type PlainResource, type Props, type StackViolation } from "../../../core/rule-contract";

/** Event Hubs tiers that cannot encrypt with a customer key (BYOK needs Premium or Dedicated). */
const NO_BYOK_TIERS = new Set(["basic", "standard"]);

const lower = (value: unknown) => text(value)?.toLowerCase();
/** A data resource's environment; an untagged one is held to prod's bar. */
const environmentOf = (props: Props) => stringMap(props["tags"])[ENVIRONMENT_TAG] ?? "prod";

/**
 * IMS214: each managed data service encrypts at rest with a customer-managed key. Named
 * exceptions: a non-prod Event Hubs Standard namespace (the tier has no BYOK), and Cosmos DB for
 * MongoDB vCore, whose API (2024-07-01) has no key property at all.
 */
export function checkDataCustomerKey(type: string, props: Props): string[] {
  if (type === DATA.redis) {
    const cmk = record(record(props["encryption"])?.["customerManagedKeyEncryption"]) ?? {};
    const identity = record(cmk["keyEncryptionKeyIdentity"]) ?? {};
    const messages: string[] = [];
    if (!text(cmk["keyEncryptionKeyUrl"]))
      messages.push(
        "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl is unset: the cache is encrypted with Microsoft's key",
      );
    if (!text(identity["userAssignedIdentityResourceId"]))
      messages.push("customerManagedKeyEncryption.keyEncryptionKeyIdentity names no user-assigned identity");
    return messages;
  }
  if (type === DATA.eventHubNamespace) {
    const encryption = record(props["encryption"]) ?? {};
    if (lower(encryption["keySource"]) === "microsoft.keyvault" && list(encryption["keyVaultProperties"]).length > 0)
      return [];
    const tier = lower(record(props["sku"])?.["name"]) ?? "standard";
    if (NO_BYOK_TIERS.has(tier) && environmentOf(props) !== "prod") return [];
    return [
      `encryption.keySource is not Microsoft.KeyVault with a key: the namespace (${tier}) is encrypted with Microsoft's key; use Premium with a customer-managed key`,
    ];
  }
  return [];
}

/** IMS215: no managed data service takes traffic from public networks; clients come through private endpoints. */
export function checkDataPrivateAccess(type: string, props: Props): string[] {
  const access =
    type === DATA.redis || type === DATA.eventHubNamespace
      ? props["publicNetworkAccess"]
      : type === DATA.mongoCluster
        ? record(revealed(props["properties"]))?.["publicNetworkAccess"]
        : null;
  if (access === null) return [];
  return lower(access) === "disabled"
    ? []
    : [
        `publicNetworkAccess is ${text(access) ?? "unset (Enabled)"}: set Disabled and reach the service through its private endpoint`,
      ];
}

/** Firewall ranges that open a data service to every address, or to every Azure customer (0.0.0.0-0.0.0.0). */
function worldRange(start: string | undefined, end: string | undefined): boolean {
  return start === "0.0.0.0" && (end === "0.0.0.0" || end === "255.255.255.255");
}
const WORLD_MASKS = new Set(["0.0.0.0/0", "::/0", "0.0.0.0"]);

/** IMS216: no firewall rule of a managed data service admits the whole internet (or all of Azure). */
export function checkDataFirewall(type: string, props: Props): string[] {
  if (type === DATA.mongoFirewallRule) {
    const rule = record(revealed(props["properties"])) ?? props;
    const start = text(rule["startIpAddress"]);
    const end = text(rule["endIpAddress"]);
    return worldRange(start, end)
      ? [`firewall rule ${start}-${end} admits every address (or every Azure customer); use private endpoints`]
      : [];
  }
  if (type === DATA.eventHubNetworkRuleSet) {
    const messages = list(props["ipRules"])
      .map((rule) => text(record(rule)?.["ipMask"]))
      .filter((mask): mask is string => mask !== undefined && WORLD_MASKS.has(mask))
      .map((mask) => `ipRules admit ${mask}: the namespace is open to every address`);
    if (lower(props["defaultAction"]) === "allow" && lower(props["publicNetworkAccess"]) !== "disabled")
      messages.push("defaultAction Allow with public access admits every address; use Deny, or Disabled public access");
    return messages;
  }
  return [];
}

/**
 * IMS217: clients reach the data services over TLS 1.2 or later. Redis serves TLS only: OpenIM's
 * plaintext client talks to the kit's TLS proxy in its own namespace, never to the service. vCore
 * clusters accept TLS only, with no setting to check.
 */
export function checkDataTls(type: string, props: Props): string[] {
  if (type === DATA.redis || type === DATA.eventHubNamespace)
    return text(props["minimumTlsVersion"]) === "1.2"
      ? []
      : [`minimumTlsVersion is ${text(props["minimumTlsVersion"]) ?? "unset"}: set "1.2"`];
  if (type === DATA.redisDatabase)
    return lower(props["clientProtocol"]) === "plaintext"
      ? [
          "clientProtocol Plaintext puts Redis traffic on the network in clear: use Encrypted; OpenIM's plaintext leg belongs behind the kit's TLS proxy in the cell's namespace",
        ]
      : [];
  return [];
}

interface ProdDataResource {
  readonly resource: PlainResource;
  /** The service's name, which its lock's scope ends with. */
  readonly name: string;
  readonly problems: string[];
}

function persistenceOn(database: Props | undefined): boolean {
  const persistence = record(database?.["persistence"]) ?? {};
  return persistence["aofEnabled"] === true || persistence["rdbEnabled"] === true;
}

/** The prod data resources, each with its own resilience problems. */
function prodDataResources(resources: readonly PlainResource[]): ProdDataResource[] {
  const databases = resources.filter((resource) => resource.type === DATA.redisDatabase);
  return resources.flatMap((resource): ProdDataResource[] => {
    const { props } = resource;
    if (environmentOf(props) !== "prod") return [];
    if (resource.type === DATA.redis) {
      const name = text(props["clusterName"]) ?? resource.name;
      const database = databases.find((candidate) => text(candidate.props["clusterName"]) === name);
      const problems: string[] = [];
      if (lower(props["highAvailability"]) === "disabled")
        problems.push("highAvailability is Disabled: one node holds the cell's Redis");
      if (!persistenceOn(database?.props))
        problems.push("its database persists nothing (neither AOF nor RDB): a restart empties it");
      return [{ resource, name, problems }];
    }
    if (resource.type === DATA.eventHubNamespace) {
      const premium = lower(record(props["sku"])?.["name"]) === "premium";
      const problems =
        props["zoneRedundant"] === true || premium ? [] : ["zoneRedundant is not true: a zone outage stops the cell"];
      return [{ resource, name: text(props["namespaceName"]) ?? resource.name, problems }];
    }
    if (resource.type === DATA.mongoCluster) {
      const mode = lower(record(record(revealed(props["properties"]))?.["highAvailability"])?.["targetMode"]);
      const problems =
        mode && mode !== "disabled"
          ? []
          : ["properties.highAvailability.targetMode is Disabled or unset: no standby takes over"];
      return [{ resource, name: text(props["mongoClusterName"]) ?? resource.name, problems }];
    }
    return [];
  });
}

/** Whether a CanNotDelete lock covers the named service: its scope ends with the name (its notes name it while the id is unknown). */
function locked(locks: readonly Props[], name: string): boolean {
  return locks.some((lock) => {
    if (lower(lock["level"]) !== "cannotdelete") return false;
    const scope = text(lock["scope"]);
    return scope ? scope.endsWith(`/${name}`) : (text(lock["notes"]) ?? "").includes(` ${name}.`);
  });
}

/**
 * IMS218: prod data survives a node or zone loss and a stray delete: Redis replicated and
 * persisted, Event Hubs zone redundant, vCore with a standby, each behind a CanNotDelete lock.
 */
export function checkDataProdResilience(resources: readonly PlainResource[]): StackViolation[] {
  const locks = resources
    .filter((resource) => resource.type === AZURE_TYPES.managementLock)
    .map((resource) => resource.props);
  return prodDataResources(resources).flatMap(({ resource, name, problems }) => [
    ...problems.map((message) => ({ ...at(resource), message: `${name}: ${message}` })),
    ...(locked(locks, name)
      ? []
      : [
          {
            ...at(resource),
            message: `${name}: no CanNotDelete lock on it; prod data must not be deletable by accident`,
          },
        ]),
  ]);
}
