import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import * as servicenetworking from "@pulumi/azure-native/servicenetworking";
import type * as pulumi from "@pulumi/pulumi";
import type { AzureScope } from "./scope";
import { grantRole } from "./roles";

/** Where the ALB controller (Application Gateway for Containers' controller) runs, as its Helm chart installs it. */
export const ALB_CONTROLLER = { namespace: "azure-alb-system", serviceAccount: "alb-controller-sa" } as const;
/** Microsoft's Default Rule Set 2.1, built on the OWASP Core Rule Set 3.3 and supported by Application Gateway for Containers. */
export const WAF_RULE_SET = { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" } as const;
export const FRONTEND_NAME = "api";

export interface AppGatewayArgs {
  readonly baseName: string;
  readonly subnetId: pulumi.Input<string>;
  readonly oidcIssuer: pulumi.Input<string>;
  readonly wafMode: "Prevention" | "Detection";
}

export interface AppGateway {
  readonly trafficController: servicenetworking.TrafficControllerInterface;
  readonly frontend: servicenetworking.FrontendsInterface;
  readonly wafPolicy: network.WebApplicationFirewallPolicy;
  readonly securityPolicy: servicenetworking.SecurityPoliciesInterface;
  /** The identity the ALB controller's ServiceAccount federates to (its client id goes into the chart's values). */
  readonly controllerIdentity: managedidentity.UserAssignedIdentity;
}

/**
 * Application Gateway for Containers for the HTTP API: the gateway on its delegated subnet, a
 * frontend, a WAF policy (managed rule set, prevention mode by default) bound through a security
 * policy, and the ALB controller's workload identity with the roles it needs and no more. The
 * controller and the routes that use the WAF are installed by the operator (README).
 */
export function createAppGateway(
  name: string,
  scope: AzureScope,
  args: AppGatewayArgs,
  opts: pulumi.CustomResourceOptions,
): AppGateway {
  const base = { resourceGroupName: scope.resourceGroupName, location: scope.location, tags: scope.tags };
  const wafPolicy = new network.WebApplicationFirewallPolicy(
    `${name}-waf`,
    {
      ...base,
      policyName: `${args.baseName}-api-waf`.replace(/-/g, ""),
      policySettings: { state: "Enabled", mode: args.wafMode, requestBodyCheck: true },
      managedRules: { managedRuleSets: [{ ...WAF_RULE_SET }] },
    },
    opts,
  );
  const trafficController = new servicenetworking.TrafficControllerInterface(
    `${name}-agc`,
    {
      ...base,
      trafficControllerName: `${args.baseName}-agc`,
    },
    opts,
  );
  const inController = { ...base, trafficControllerName: trafficController.name };
  const association = new servicenetworking.AssociationsInterface(
    `${name}-agc-subnet`,
    {
      ...inController,
      associationName: "app-gateway-subnet",
      associationType: "subnets",
      subnet: { id: args.subnetId },
    },
    opts,
  );
  const frontend = new servicenetworking.FrontendsInterface(
    `${name}-agc-frontend`,
    { ...inController, frontendName: FRONTEND_NAME },
    opts,
  );
  const securityPolicy = new servicenetworking.SecurityPoliciesInterface(
    `${name}-agc-waf`,
    {
      ...inController,
      securityPolicyName: "api-waf",
      wafPolicy: { id: wafPolicy.id },
    },
    opts,
  );

  const controllerIdentity = new managedidentity.UserAssignedIdentity(
    `${name}-alb-controller`,
    {
      ...base,
      resourceName: `${args.baseName}-alb-controller`,
    },
    opts,
  );
  new managedidentity.FederatedIdentityCredential(
    `${name}-alb-controller-federation`,
    {
      resourceGroupName: scope.resourceGroupName,
      resourceName: controllerIdentity.name,
      federatedIdentityCredentialResourceName: "alb-controller",
      issuer: args.oidcIssuer,
      subject: `system:serviceaccount:${ALB_CONTROLLER.namespace}:${ALB_CONTROLLER.serviceAccount}`,
      audiences: ["api://AzureADTokenExchange"],
    },
    opts,
  );
  const principalId = controllerIdentity.principalId;
  grantRole(
    `${name}-alb-controller-config`,
    scope.subscriptionId,
    {
      principalId,
      role: "appGatewayForContainersConfigurationManager",
      scope: trafficController.id,
      description: "ALB controller configures this Application Gateway for Containers",
    },
    { ...opts, dependsOn: [association] },
  );
  grantRole(
    `${name}-alb-controller-subnet`,
    scope.subscriptionId,
    {
      principalId,
      role: "networkContributor",
      scope: args.subnetId,
      description: "ALB controller joins the gateway's delegated subnet",
    },
    opts,
  );
  return { trafficController, frontend, wafPolicy, securityPolicy, controllerIdentity };
}
