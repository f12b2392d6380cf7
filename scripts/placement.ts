// npm run placement -- --stack <name> [--cordon <target>]: prints where each tenant runs (its
// home, its standby, and whether the weights chose the home). --cordon closes a target of a
// hybrid stack to new tenants without moving any: the tenants the weights put there get it as
// their home in the stack file (comments kept), then the target is marked cordoned.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseDocument } from "yaml";
import { rawConfigFrom } from "../components/stack/load";
import { cordonEdits, placementOf } from "./placement/cordon";
import { readStackConfig, stackFilePath } from "./synth/stack-file";
import { withOfflineSeed } from "./synth/synthesize";

const USAGE = "usage: npm run placement -- (--stack <name> | --config <file>) [--cordon <target>]";

function main(): number {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, config: { type: "string" }, cordon: { type: "string" } },
  });
  if (!values.stack && !values.config) {
    console.error(USAGE);
    return 2;
  }
  const file = values.config ?? stackFilePath(values.stack!);
  // Placement needs no secret: the seed a file keeps encrypted stands in offline, as in the check.
  const read = () => rawConfigFrom(withOfflineSeed(readStackConfig(file)).values);
  const raw = read();
  if (values.cordon) {
    const edits = cordonEdits(raw, values.cordon);
    const document = parseDocument(readFileSync(file, "utf8"));
    for (const edit of edits) document.setIn(["config", ...edit.path], edit.value);
    // No folding of long lines: a long value keeps its one line.
    writeFileSync(file, document.toString({ lineWidth: 0 }));
    console.log(`${file}: ${edits.length - 1} tenant(s) pinned to "${values.cordon}", which is now cordoned`);
  }
  const placement = placementOf(read());
  for (const [tenant, where] of Object.entries(placement)) {
    const standby = where.standby ? `, standby ${where.standby}` : "";
    console.log(`${tenant.padEnd(20)} home ${where.home}${standby}${where.spread ? " (by weight)" : ""}`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
