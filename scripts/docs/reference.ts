import { z } from "zod";
import { PLATFORM_SECTIONS } from "../../components/config/validate";
import { LAYOUT_KEY, layoutSchema } from "../../components/stack/layout";
import { targetDefinitions } from "../../components/targets/registry";
import { fieldDocs, fieldTable, jsonSchemaOf, type FieldDoc } from "./config-reference";

/** Every documented field: the platform's sections and the file's layout, then each registered target kind's. */
export function configFieldDocs(): { platform: FieldDoc[]; targets: Array<{ kind: string; fields: FieldDoc[] }> } {
  const platform = fieldDocs(jsonSchemaOf(z.object({ ...PLATFORM_SECTIONS, [LAYOUT_KEY]: layoutSchema })), "").map(
    (doc) => ({
      ...doc,
      path: doc.path.slice(1),
    }),
  );
  const targets = targetDefinitions().map((definition) => ({
    kind: definition.kind,
    fields: fieldDocs(jsonSchemaOf(definition.schema), "target").filter((doc) => doc.path !== "target.kind"),
  }));
  return { platform, targets };
}

/** The README's configuration reference. */
export function configReference(): string {
  const { platform, targets } = configFieldDocs();
  const parts = [
    "### Platform keys",
    "",
    fieldTable(platform),
    "",
    "### Targets",
    "",
    "`target` is one cluster; `targets` a hybrid stack, a list of `{name, weight, cordoned, cluster}`",
    "whose weights (each target's share of the tenants spread by weight; 0 drains it) add up to 100,",
    "`cordoned: true` takes no new spread tenant, and whose `cluster` is any target below (see",
    '"Hybrid" for placement). `kind` selects the target.',
  ];
  for (const { kind, fields } of targets) parts.push("", `#### \`kind: ${kind}\``, "", fieldTable(fields));
  return parts.join("\n");
}
