import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePlatformConfig } from "../../components/config/validate";
import { rawConfigFrom } from "../../components/config/load";
import { BIN_DIR } from "../../scripts/local/paths";
import { readStackConfig, stackFilePath } from "../../scripts/synth/stack-file";

/**
 * The real Pulumi CLI (built by scripts/tools/install.sh) on a copy of the project: it reads
 * Pulumi.yaml and the stack file from stackConfigDir, encrypts a secret with the passphrase
 * provider, and hands back config the kit validates. The copy keeps the repository's stack file
 * free of the salt and ciphertext the CLI writes.
 */
const PASSPHRASE = "e2e-local-passphrase";
let work: string;

function pulumi(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync("pulumi", [...args, "--non-interactive", "--stack", "local"], {
    cwd: join(work, "project"),
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: join(work, "home"),
      PULUMI_BACKEND_URL: `file://${join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    },
  });
  if (result.error) throw new Error(`pulumi could not run (${result.error.message}); run scripts/tools/install.sh`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "im-platform-cli-"));
  for (const dir of ["project/stacks", "state", "home"]) mkdirSync(join(work, dir), { recursive: true });
  copyFileSync("Pulumi.yaml", join(work, "project", "Pulumi.yaml"));
  copyFileSync(stackFilePath("local"), join(work, "project", "stacks", "Pulumi.local.yaml"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the Pulumi CLI with the project's settings", () => {
  it("creates the local stack on a file backend with the passphrase secrets provider", () => {
    const result = pulumi(["stack", "init", "--secrets-provider", "passphrase"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Created stack 'local'/);
  });

  it("stores a secret encrypted in the stack file and returns it decrypted", () => {
    const kubeconfig = "apiVersion: v1\nkind: Config\n";
    expect(pulumi(["config", "set", "--secret", "--path", "im-platform:target.kubeconfig", kubeconfig]).status).toBe(0);
    const stackFile = readFileSync(join(work, "project", "stacks", "Pulumi.local.yaml"), "utf8");
    expect(stackFile).toMatch(/secure: v1:/);
    expect(stackFile).not.toContain("kind: Config");

    const shown = JSON.parse(pulumi(["config", "--json", "--show-secrets"]).stdout) as Record<string, { value: string; secret: boolean }>;
    expect(shown["im-platform:target"]?.secret).toBe(true);
    const values = Object.fromEntries(Object.entries(shown).map(([key, entry]) => [key, entry.value]));
    const result = validatePlatformConfig(rawConfigFrom(values));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config.targets[0]?.cluster).toMatchObject({ kind: "existing", kubeconfig });
  });

  it("reads the same config as the kit's own stack-file reader", () => {
    // Without --show-secrets the secret key comes back without a value; the rest must match.
    const shown = JSON.parse(pulumi(["config", "--json"]).stdout) as Record<string, { value?: string }>;
    const plain = Object.entries(shown).flatMap(([key, entry]) => (entry.value === undefined ? [] : [[key, entry.value] as const]));
    const theirs = rawConfigFrom(Object.fromEntries(plain));
    const ours = rawConfigFrom(readStackConfig(stackFilePath("local")).values);
    delete theirs.target;
    delete ours.target;
    expect(Object.keys(ours).length).toBeGreaterThan(5);
    expect(theirs).toEqual(ours);
  });
});
