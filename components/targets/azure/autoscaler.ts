import type * as inputs from "@pulumi/azure-native/types/input";
import type { AzureTargetConfig } from "./schema";

/**
 * The cluster autoscaler for long-lived connections: pools of one shape stay even across zones,
 * the pool the pending pods fill best grows first, a node goes only after a calm spell, and the
 * autoscaler waits out the gateways' drain before deleting a node under them. Nodes with
 * emptyDir volumes may go (the IM services keep no state there); kube-system pods still pin
 * theirs, and disruption budgets hold every move to one gateway pod at a time.
 */
export function autoScalerProfile(
  autoscaler: AzureTargetConfig["autoscaler"],
): inputs.containerservice.ManagedClusterPropertiesAutoScalerProfileArgs {
  return {
    balanceSimilarNodeGroups: "true",
    expander: autoscaler.expander,
    scaleDownUnneededTime: `${autoscaler.scaleDownUnneededMinutes}m`,
    scaleDownDelayAfterAdd: `${autoscaler.scaleDownDelayAfterAddMinutes}m`,
    scaleDownUtilizationThreshold: "0.5",
    skipNodesWithLocalStorage: "false",
    skipNodesWithSystemPods: "true",
    maxGracefulTerminationSec: String(autoscaler.maxGracefulTerminationSeconds),
    maxNodeProvisionTime: "15m",
    scanInterval: "10",
    // A burst adds nodes for pods as soon as they are unschedulable.
    newPodScaleUpDelay: "0s",
  };
}
