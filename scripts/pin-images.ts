// npm run pin-images -- --stack <name> | --config <file> [--registry <url>]: resolves every
// service image of the stack that is pinned by tag alone to the digest its registry reports, and
// records it under im-platform:images.digests in the stack file (comments and layout kept).
// --registry sends every lookup to one registry (a mirror, or a test registry).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseDocument } from "yaml";
import { parsePlatformSections } from "../components/config/validate";
import { rawConfigFrom } from "../components/stack/load";
import { CATALOGUES } from "../components/catalogue/registry";
import { dataImagesInUse, imageUsers } from "../components/config/images";
import { dataImagePlacement } from "../components/stack/data-images";
import { targetsOf } from "../components/stack/validate";
import { parseImageReference } from "./pin-images/reference";
import { resolveDigest } from "./pin-images/resolve";
import { readStackConfig, stackFilePath } from "./synth/stack-file";

const USAGE = "usage: npm run pin-images -- (--stack <name> | --config <file>) [--registry <url>]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, config: { type: "string" }, registry: { type: "string" } },
  });
  if (!values.stack && !values.config) {
    console.error(USAGE);
    return 2;
  }
  const file = values.config ?? stackFilePath(values.stack!);
  const raw = rawConfigFrom(readStackConfig(file).values);
  const { services, sections } = parsePlatformSections(raw);
  if (!services)
    throw new Error(`${file}: the services do not validate; run npm run synth -- --config ${file} for the problems`);
  const known = sections.images?.digests ?? {};
  const catalogue = sections.catalogue ?? "openim";
  const targets = targetsOf(raw);
  const placement =
    targets && sections.data && sections.environment
      ? dataImagePlacement(targets, sections.data, sections.environment)
      : undefined;
  const dataImages = dataImagesInUse(sections.data, CATALOGUES[catalogue], placement);
  const toResolve = [...imageUsers(services, dataImages).keys()].filter(
    (image) => !image.includes("@sha256:") && !known[image],
  );
  const document = parseDocument(readFileSync(file, "utf8"));
  for (const image of toResolve) {
    const digest = await resolveDigest(parseImageReference(image), values.registry);
    document.setIn(["config", "im-platform:images", "digests", image], digest);
    console.log(`${image} -> ${digest}`);
  }
  if (toResolve.length > 0) writeFileSync(file, document.toString());
  console.log(`${file}: ${toResolve.length} digest(s) recorded, ${Object.keys(known).length} already there`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Stack-file, registry and config errors all carry their whole story in the message.
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
