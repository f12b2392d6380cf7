/** Names of the target's cloud resources, from its stack and target names: stable across deployments. */
export interface AlibabaNames {
  readonly cluster: string;
  readonly vpc: string;
  readonly securityGroups: string;
  /** Simple Log Service projects are named across the region, so the stack is part of the name. */
  readonly logProject: string;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function alibabaNames(stack: string, target: string): AlibabaNames {
  const base = `im-${slug(stack)}-${slug(target)}`.slice(0, 50).replace(/-+$/, "");
  return { cluster: base, vpc: base, securityGroups: base, logProject: `${base}-logs` };
}
