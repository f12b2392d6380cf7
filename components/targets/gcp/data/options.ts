import * as pulumi from "@pulumi/pulumi";

type DependsOn = pulumi.CustomResourceOptions["dependsOn"];

/** `opts` waiting also for `extra`, keeping whatever the caller already made it wait for. */
export function dependingOn(
  opts: pulumi.CustomResourceOptions,
  extra: readonly pulumi.Resource[],
): pulumi.CustomResourceOptions {
  if (extra.length === 0) return opts;
  const existing: DependsOn = opts.dependsOn;
  if (existing === undefined) return { ...opts, dependsOn: [...extra] };
  if (Array.isArray(existing))
    return { ...opts, dependsOn: [...(existing as pulumi.Input<pulumi.Resource>[]), ...extra] };
  if (pulumi.Resource.isInstance(existing)) return { ...opts, dependsOn: [existing, ...extra] };
  const merged = pulumi
    .output(existing as pulumi.Input<pulumi.Input<pulumi.Resource>[] | pulumi.Resource>)
    .apply((resolved) => [...(Array.isArray(resolved) ? resolved : [resolved]), ...extra]);
  return { ...opts, dependsOn: merged as pulumi.Input<pulumi.Input<pulumi.Resource>[]> };
}
