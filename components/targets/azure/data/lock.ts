import * as authorization from "@pulumi/azure-native/authorization";
import type * as pulumi from "@pulumi/pulumi";

/** Azure's deletion protection: a CanNotDelete lock on the resource, lifted by hand before a deliberate delete. */
export function createDeleteLock(
  name: string,
  resourceId: pulumi.Input<string>,
  what: string,
  opts: pulumi.CustomResourceOptions,
): authorization.ManagementLockByScope {
  return new authorization.ManagementLockByScope(
    `${name}-lock`,
    {
      scope: resourceId,
      lockName: "im-platform-keep",
      level: "CanNotDelete",
      notes: `Prod data: ${what}. Remove this lock by hand before deleting it on purpose.`,
    },
    opts,
  );
}
