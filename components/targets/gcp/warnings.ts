import type { PlatformConfig } from "../../config/types";

/** GKE's own ingress classes: the only ones that read BackendConfig and attach Cloud Armor. */
export const GKE_INGRESS_CLASSES = ["gce", "gce-internal"];

export function hasPublicApi(platform: PlatformConfig): boolean {
  return platform.services.some((service) => service.exposure === "public" && service.role !== "gateway");
}

/** The public API goes through the GKE ingress, so its BackendConfig and Cloud Armor apply. */
export function apiBehindIngress(platform: PlatformConfig): boolean {
  return hasPublicApi(platform) && platform.edge.api.exposure === "ingress";
}

/** Risky but allowed edge choices on GCP, each naming the setting that changes it. */
export function gcpEdgeWarnings(platform: PlatformConfig): string[] {
  if (!hasPublicApi(platform)) return [];
  if (platform.edge.api.exposure === "loadBalancer") {
    return [
      "the public API is served by a passthrough Network Load Balancer, which Cloud Armor cannot guard; set edge.api.exposure: ingress and edge.api.ingressClassName: gce",
    ];
  }
  const ingressClass = platform.edge.api.ingressClassName;
  if (!ingressClass || !GKE_INGRESS_CLASSES.includes(ingressClass)) {
    return [
      `edge.api.ingressClassName is ${ingressClass ? `"${ingressClass}"` : "unset"}: the API's BackendConfig (timeouts, draining, Cloud Armor) applies only with the GKE ingress; set it to "gce"`,
    ];
  }
  return [];
}
