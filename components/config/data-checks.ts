import { bindsData, type CatalogueDefinition } from "../catalogue/definition";
import type { DataKind } from "../core/data-kinds";
import { cellLayouts } from "./cells";
import type { DataConfig } from "./data-schema";
import type { ConfigIssue } from "./errors";
import { issueAt } from "./issues";
import type { TenancyConfig, TenantConfig } from "./tenant-schema";

/** The services an external data tier must declare: all the catalogue binds to but Redis, which runs per cell. */
export function externalNeeds(catalogue: CatalogueDefinition): Array<Exclude<DataKind, "redis">> {
  return catalogue.dataNeeds.filter((kind): kind is Exclude<DataKind, "redis"> => kind !== "redis");
}

/** A pooled cell puts several tenants in one server instance: only a multi-tenant server keeps them apart. */
export function tenancyModelIssues(
  catalogue: CatalogueDefinition,
  tenancy: TenancyConfig,
  tenants: readonly TenantConfig[],
): ConfigIssue[] {
  const shared = tenants.filter((tenant) => tenant.tier === "shared").map((tenant) => tenant.id);
  if (tenancy.sharedPool.layout !== "pooledCell" || catalogue.tenancyModel === "multiTenant" || shared.length < 2) {
    return [];
  }
  return [
    issueAt(
      ["tenancy", "sharedPool", "layout"],
      "pooledCell",
      `would serve tenants ${shared.join(", ")} from one ${catalogue.name} instance, which has no tenant concept: any tenant's backend could act on another's users; use layout: cellPerTenant (an instance per tenant, pooling nodes and data clusters)`,
    ),
  ];
}

export function secretSeedIssues(
  catalogue: CatalogueDefinition,
  seed: string | undefined,
  rawGiven: boolean,
): ConfigIssue[] {
  if (seed !== undefined || rawGiven || !bindsData(catalogue)) return [];
  return [
    issueAt(
      ["secretSeed"],
      undefined,
      `is not set; the cells' credentials are derived from it: pulumi config set --secret im-platform:secretSeed "$(openssl rand -base64 32)"`,
    ),
  ];
}

/** Checks across the data tier, the catalogue and the tenants that no single schema can see. */
export function dataIssues(
  catalogue: CatalogueDefinition,
  data: DataConfig,
  tenancy: TenancyConfig,
  tenants: readonly TenantConfig[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const declared = Object.keys(data.external);
  if (data.mode !== "managed" && data.managed.keepInCluster.length > 0) {
    issues.push(
      issueAt(
        ["data", "managed", "keepInCluster"],
        data.managed.keepInCluster,
        `only applies with data.mode: managed, and data.mode is ${data.mode}; remove it or set mode: managed`,
      ),
    );
  }
  if (data.mode !== "external") {
    if (declared.length > 0) {
      issues.push(
        issueAt(
          ["data", "external"],
          declared,
          `declares ${declared.join(", ")} but data.mode is ${data.mode}, so nothing would bind to them; set mode: external or remove them`,
        ),
      );
    }
    return issues;
  }
  tenants.forEach((tenant, index) => {
    if (tenant.dedicatedData) {
      issues.push(
        issueAt(
          ["tenants", index, "dedicatedData"],
          true,
          "needs data.mode: inCluster or managed (the kit runs the tenant's own data services); with external data, give the tenant a stack of its own data services or set dedicatedData: false",
        ),
      );
    }
  });
  const cells = cellLayouts({ tenancy, tenants }).map((cell) => cell.cell);
  for (const kind of externalNeeds(catalogue)) {
    const service = data.external[kind];
    if (!service) {
      issues.push(
        issueAt(
          ["data", "external", kind],
          undefined,
          `is not declared, but every ${catalogue.name} cell binds to ${kind}; declare its addresses, ranges and credentials, or set data.mode: inCluster`,
        ),
      );
      continue;
    }
    const unknown = Object.keys(service.cellCredentials).filter((cell) => !cells.includes(cell));
    for (const cell of unknown) {
      issues.push(
        issueAt(
          ["data", "external", kind, "cellCredentials", cell],
          cell,
          `is not a cell of this stack; cells are ${cells.join(", ") || "(none)"}`,
        ),
      );
    }
    const withoutOwn = cells.filter((cell) => !service.cellCredentials[cell]);
    if (withoutOwn.length > 0 && !service.credentials) {
      issues.push(
        issueAt(
          ["data", "external", kind, "credentials"],
          undefined,
          `are missing for cells ${withoutOwn.join(", ")}; give each under cellCredentials.<cell> (a Pulumi secret), or one set under credentials`,
        ),
      );
    } else if (withoutOwn.length > 1) {
      issues.push(
        issueAt(
          ["data", "external", kind, "credentials"],
          "[shared]",
          `would be shared by cells ${withoutOwn.join(", ")}, so each could read the others' data; give each cell its own under cellCredentials.<cell>`,
        ),
      );
    }
    const noTls = catalogue.plaintextOnly?.[kind];
    if (noTls && service.tls) {
      issues.push(
        issueAt(
          ["data", "external", kind, "tls"],
          true,
          `cannot be honoured: ${noTls}; set tls: false with a plaintextReason, or use mode: inCluster`,
        ),
      );
    }
    if (!service.tls && !service.plaintextReason) {
      issues.push(
        issueAt(
          ["data", "external", kind, "tls"],
          false,
          "turns TLS off without plaintextReason; connect over TLS, or say why plaintext is acceptable in plaintextReason",
        ),
      );
    }
  }
  return issues;
}
