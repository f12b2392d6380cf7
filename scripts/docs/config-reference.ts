import { z } from "zod";
import { tableCell } from "./markdown";

/** A JSON Schema node as zod renders it, with the kit's own `defaultText` key. */
interface SchemaNode {
  readonly type?: string | string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly items?: SchemaNode;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly defaultText?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** One documented config field. */
export interface FieldDoc {
  readonly path: string;
  readonly type: string;
  /** "required", the default value, the stated behaviour when left out, or "—" for optional without one. */
  readonly default: string;
  readonly description?: string;
  /** The field may be left out (it has a default or is optional). */
  readonly optional: boolean;
}

export function jsonSchemaOf(schema: z.ZodType): SchemaNode {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as SchemaNode;
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function variants(node: SchemaNode): readonly SchemaNode[] {
  return node.anyOf ?? node.oneOf ?? [];
}

function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return code(node.const);
  if (node.enum) return node.enum.map(code).join(" | ");
  if (variants(node).length > 0) return variants(node).map(typeOf).join(" | ");
  const type = Array.isArray(node.type) ? node.type.join(" | ") : node.type;
  if (type === "array") return `list of ${node.items ? typeOf(node.items) : "values"}`;
  if (type === "object" && !node.properties && typeof node.additionalProperties === "object")
    return `map of ${typeOf(node.additionalProperties)}`;
  if (type === "integer" || type === "number") {
    const bounded = node.minimum !== undefined && node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER;
    const range = bounded
      ? ` ${node.minimum}-${node.maximum}`
      : node.minimum !== undefined
        ? ` >= ${node.minimum}`
        : "";
    return `${type}${range}`;
  }
  return type ?? "any";
}

function defaultOf(node: SchemaNode, required: boolean): string {
  if (node.defaultText) return node.defaultText;
  if (required) return "required";
  if (node.default === undefined) return "—";
  if (typeof node.default === "object" && node.default !== null && !Array.isArray(node.default) && node.properties)
    return "see fields";
  return code(node.default);
}

/** Every field of a schema, depth first, with its path under `prefix`. */
export function fieldDocs(node: SchemaNode, prefix: string): FieldDoc[] {
  const docs: FieldDoc[] = [];
  const walk = (current: SchemaNode, path: string) => {
    const objects = current.properties ? [current] : variants(current).filter((variant) => variant.properties);
    for (const object of objects) {
      for (const [key, child] of Object.entries(object.properties ?? {})) {
        const required = (object.required ?? []).includes(key);
        const childPath = `${path}.${key}`;
        if (docs.some((doc) => doc.path === childPath)) continue;
        docs.push({
          path: childPath,
          type: typeOf(child),
          default: defaultOf(child, required),
          description: child.description,
          optional: !required,
        });
        walk(child, childPath);
        if (child.items) walk(child.items, `${childPath}[]`);
        if (typeof child.additionalProperties === "object") walk(child.additionalProperties, `${childPath}.<key>`);
      }
    }
  };
  walk(node, prefix);
  return docs;
}

export function fieldTable(docs: readonly FieldDoc[]): string {
  const rows = docs.map(
    (doc) =>
      `| \`${doc.path}\` | ${tableCell(doc.type)} | ${tableCell(doc.default)} | ${tableCell(doc.description ?? "")} |`,
  );
  return ["| key | type | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
