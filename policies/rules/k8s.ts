// Narrowing helpers are shared with the cloud rules that live beside their targets.
export * from "../../components/core/resource-props";

/** Service types that are reachable from outside the cluster. */
export const EXPOSED_SERVICE_TYPES: readonly string[] = ["LoadBalancer", "NodePort"];
