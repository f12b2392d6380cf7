import { text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/**
 * IMS110: an Amazon Managed Service for Prometheus workspace encrypts its metrics with a
 * customer-managed key. The key can only be given at creation: a workspace without one keeps an
 * AWS owned key for good.
 */
export function checkAmpWorkspaceKey(type: string, props: Props): string[] {
  if (type !== "aws:amp/workspace:Workspace") return [];
  return text(props["kmsKeyArn"])
    ? []
    : [
        "kmsKeyArn is unset, so the workspace's metrics are encrypted with an AWS owned key; give it a customer-managed key (only possible when the workspace is created)",
      ];
}
