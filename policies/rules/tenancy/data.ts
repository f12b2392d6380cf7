import { parse } from "yaml";
import { CATALOGUES, type CatalogueName } from "../../../components/catalogue/registry";
import type { IsolationKnob } from "../../../components/catalogue/definition";
import { BINDING_IDENTITY_KEYS } from "../../../components/core/bindings";
import { labelsOf, namespaceOf, objectNameOf, ofKind, record, stringMap } from "../k8s";
import { BINDING_FOR_LABEL, CATALOGUE_LABEL, CELL_APP_CONFIG, CELL_DATA_SECRET, CELL_LABEL } from "../labels";
import { dataNamespaces } from "../data-scope";
import { secretValues } from "../secret-values";
import { at, type PlainResource, type StackViolation } from "../types";
import { tenantNamespaces } from "./scope";

/** The value at a dotted path of a parsed document, as text (lists joined), or undefined. */
function valueAt(document: unknown, path: string): string | undefined {
  let node: unknown = document;
  for (const key of path.split(".")) node = record(node)?.[key];
  if (Array.isArray(node)) return node.map(String).sort().join(",");
  return node === undefined || node === null || node === "" ? undefined : String(node);
}

/** The values a cell's config gives one knob, each qualified by the server it lives on. */
function knobValues(files: Record<string, string>, knob: IsolationKnob): string[] {
  const text = files[knob.file];
  if (text === undefined) return [];
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  const scope = knob.scope.map((path) => valueAt(document, path) ?? "").join("|");
  return knob.values.flatMap((path) => {
    const value = valueAt(document, path);
    return value === undefined ? [] : [`${scope}|${value}`];
  });
}

const catalogueOf = (name: string | undefined) =>
  name && name in CATALOGUES ? CATALOGUES[name as CatalogueName] : undefined;

/** Which cell first claimed each value; a second claimant is a violation against it. */
function collisions<T extends { resource: PlainResource; cell: string }>(
  entries: readonly T[],
  valuesOf: (entry: T) => Array<{ what: string; value: string }>,
): StackViolation[] {
  const owners = new Map<string, string>();
  const violations: StackViolation[] = [];
  for (const entry of entries) {
    for (const { what, value } of valuesOf(entry)) {
      const key = `${what}\u0000${value}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, entry.cell);
      else if (owner !== entry.cell)
        violations.push({
          ...at(entry.resource),
          message: `cell "${entry.cell}" shares its ${what} with cell "${owner}"`,
        });
    }
  }
  return violations;
}

const cellOf = (resource: PlainResource): string | undefined => labelsOf(resource.props)[BINDING_FOR_LABEL];

/** IMT010: no two cells' server configs name the same database, Redis, topic, group, bucket, discovery root or user. */
export function checkSharedDataBindings(resources: readonly PlainResource[]): StackViolation[] {
  const configs = ofKind(resources, "ConfigMap").flatMap((resource) => {
    const cell = cellOf(resource);
    const catalogue = catalogueOf(labelsOf(resource.props)[CATALOGUE_LABEL]);
    if (!cell || !catalogue || objectNameOf(resource.props) !== CELL_APP_CONFIG) return [];
    return [{ resource, cell, knobs: catalogue.isolationKnobs ?? [] }];
  });
  return collisions(configs, ({ resource, knobs }) => {
    const files = stringMap(resource.props["data"]);
    return knobs.flatMap((knob) => knobValues(files, knob).map((value) => ({ what: knob.knob, value })));
  });
}

/**
 * IMT011: no two cells' data Secrets hold the same secret value (identities such as user names
 * aside). An empty value is no credential: a service the cells reach without one (MSK over TLS
 * with no client authentication) leaves its key empty in every cell.
 */
export function checkSharedCellSecrets(resources: readonly PlainResource[]): StackViolation[] {
  const secrets = ofKind(resources, "Secret").flatMap((resource) => {
    const cell = cellOf(resource);
    return cell && objectNameOf(resource.props) === CELL_DATA_SECRET ? [{ resource, cell }] : [];
  });
  return collisions(secrets, ({ resource }) =>
    Object.entries(secretValues(resource.props))
      .filter(([key, value]) => !(BINDING_IDENTITY_KEYS as readonly string[]).includes(key) && value !== "")
      .map(([key, value]) => ({ what: `secret (${key})`, value })),
  );
}

/** IMT012: a cell's credentials live in its own namespace, or in the data namespace that provisions them. */
export function checkDataSecretPlacement(resources: readonly PlainResource[]): StackViolation[] {
  const tenants = tenantNamespaces(resources);
  const inData = dataNamespaces(resources);
  return ofKind(resources, "Secret").flatMap((resource) => {
    const cell = cellOf(resource);
    const namespace = namespaceOf(resource.props) ?? "default";
    if (!cell || inData.has(namespace)) return [];
    const home = tenants.get(namespace);
    const homeCell = home ? (home.labels[CELL_LABEL] ?? home.tenant) : undefined;
    if (homeCell === cell) return [];
    return [
      {
        ...at(resource),
        message: `Secret "${objectNameOf(resource.props) ?? resource.name}" holds cell "${cell}"'s credentials in namespace "${namespace}"${homeCell ? `, which is cell "${homeCell}"'s` : ""}: keep them in that cell's namespace only`,
      },
    ];
  });
}
