import { readFileSync } from "node:fs";
import path from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

const COMPONENTS = path.resolve(__dirname, "../../components");

/** Lower layers never import higher ones; a layer may import its own files and any below it. */
const LAYER_RANK: Readonly<Record<string, number>> = {
  core: 0,
  config: 1,
  catalogue: 1,
  targets: 2,
  platform: 3,
  addons: 3,
  tenancy: 4,
  stack: 5,
  "program.ts": 6,
};

// Type-only imports count too: a type cycle is still a layer pointing the wrong way.
const MADGE_OPTIONS = { fileExtensions: ["ts"], detectiveOptions: { ts: { skipTypeImports: false } } };

async function importGraph(): Promise<Record<string, string[]>> {
  return (await madge(COMPONENTS, MADGE_OPTIONS)).obj();
}

function layerOf(file: string): string {
  const top = file.split("/")[0] ?? file;
  if (!(top in LAYER_RANK)) throw new Error(`components/${file} is in no known layer; add its folder to LAYER_RANK`);
  return top;
}

describe("layers under components/", () => {
  it("have no import cycle", async () => {
    const result = await madge(COMPONENTS, MADGE_OPTIONS);
    expect(result.circular()).toEqual([]);
  });

  it("point one way: core <- config <- targets <- platform <- tenancy <- stack <- program", async () => {
    const graph = await importGraph();
    const upward = Object.entries(graph).flatMap(([file, imports]) =>
      imports
        .filter((imported) => LAYER_RANK[layerOf(imported)]! > LAYER_RANK[layerOf(file)]!)
        .map((imported) => `${file} -> ${imported}`),
    );
    expect(upward).toEqual([]);
  });

  it("keep cloud SDKs inside components/targets", async () => {
    const graph = await importGraph();
    expect(Object.keys(graph).length).toBeGreaterThan(50);
    const cloudImports = Object.keys(graph).filter((file) => !file.startsWith("targets/"));
    const offenders = cloudImports.filter((file) =>
      /from "@pulumi\/(aws|gcp|azure-native|alicloud)/.test(readFileSync(path.join(COMPONENTS, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
