/**
 * Derives the fixture of config keys OpenIM reads, from the config folder of an OpenIM Server
 * checkout: `npm run openim-config-keys -- <open-im-server>/config <tag> <commit>`. The files are
 * the ones its services load (pkg/common/cmd/constant.go); the monitoring files are left out.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { leafKeys } from "../../components/catalogue/openim/config/keys";

export const FIXTURE = join(__dirname, "../../test/fixtures/openim-config-keys.json");

const SERVICE_FILES = [
  "share.yml",
  "discovery.yml",
  "mongodb.yml",
  "redis.yml",
  "kafka.yml",
  "minio.yml",
  "log.yml",
  "local-cache.yml",
  "notification.yml",
  "webhooks.yml",
  "openim-api.yml",
  "openim-crontask.yml",
  "openim-msggateway.yml",
  "openim-msgtransfer.yml",
  "openim-push.yml",
  ...["auth", "conversation", "friend", "group", "msg", "third", "user"].map((name) => `openim-rpc-${name}.yml`),
];

function main(): void {
  const [folder, tag, commit] = process.argv.slice(2);
  if (!folder || !tag || !commit) throw new Error("usage: config-keys.ts <config folder> <tag> <commit>");
  const files = Object.fromEntries(
    SERVICE_FILES.map((file) => [file, leafKeys(parse(readFileSync(join(folder, file), "utf8")) as unknown)]),
  );
  const fixture = {
    source: { repository: "github.com/openimsdk/open-im-server", tag, commit, folder: "config/" },
    files,
  };
  writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`${Object.keys(files).length} files written to ${FIXTURE}`);
}

main();
