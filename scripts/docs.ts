// Writes the generated parts of the docs: the configuration reference in README.md (from the zod
// schemas and their descriptions) and the rule table in policies/README.md (from the rule
// definitions). `--check` writes nothing and fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALL_PACKS } from "../policies/rules/packs";
import { replaceBlock } from "./docs/generated-block";
import { configReference } from "./docs/reference";
import { ruleTable, scannerAnswerTable } from "./docs/rule-table";
import { SCANNER_ANSWERS } from "../policies/scanner-answers";

const ROOT = path.resolve(__dirname, "..");
const check = process.argv.includes("--check");

const documents = [
  { file: "README.md", block: "config-reference", content: configReference() },
  { file: "policies/README.md", block: "rule-table", content: ruleTable(ALL_PACKS) },
  { file: "policies/README.md", block: "scanner-answers", content: scannerAnswerTable(SCANNER_ANSWERS) },
];

let stale = 0;
for (const { file, block, content } of documents) {
  const full = path.join(ROOT, file);
  const current = readFileSync(full, "utf8");
  const next = replaceBlock(current, block, content, file);
  if (next === current) continue;
  if (check) {
    console.error(`${file}: the generated block "${block}" is stale; run npm run docs`);
    stale++;
  } else {
    writeFileSync(full, next);
    console.log(`${file}: wrote "${block}"`);
  }
}
if (check && stale === 0) console.log("docs: the generated blocks are current");
process.exitCode = stale > 0 ? 1 : 0;
