import { MODERN_TLS_POLICY } from "../conventions";
import { kindOf, list, metadataOf, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

const SERVICE_ANNOTATION = "service.beta.kubernetes.io";
const INGRESS_ANNOTATION = "alb.ingress.kubernetes.io";

function policyProblem(policy: string | undefined, where: string): string[] {
  if (!policy)
    return [
      `${where}: a TLS listener without a security policy gets one that admits TLS 1.0; name a TLS 1.2+ policy (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06)`,
    ];
  return MODERN_TLS_POLICY.test(policy)
    ? []
    : [`${where}: security policy ${policy} admits protocols older than TLS 1.2`];
}

/**
 * IMS108: every TLS listener (load balancer listeners, NLB Services with a certificate, ALB
 * ingress classes and Ingresses with a certificate) uses a policy with TLS 1.2 or newer only.
 */
export function checkTlsPolicy(type: string, props: Props): string[] {
  if (type === "aws:lb/listener:Listener" || type === "aws:alb/listener:Listener") {
    const protocol = text(props["protocol"]);
    return protocol === "TLS" || protocol === "HTTPS"
      ? policyProblem(text(props["sslPolicy"]), `${protocol} listener`)
      : [];
  }
  if (!type.startsWith("kubernetes:")) return [];
  const kind = kindOf(type) === "CustomResource" ? text(props["kind"]) : kindOf(type);
  const annotations = stringMap(metadataOf(props)["annotations"]);
  switch (kind) {
    case "Service":
      return annotations[`${SERVICE_ANNOTATION}/aws-load-balancer-ssl-cert`]
        ? policyProblem(
            annotations[`${SERVICE_ANNOTATION}/aws-load-balancer-ssl-negotiation-policy`],
            "NLB TLS listener",
          )
        : [];
    case "Ingress":
      return annotations[`${INGRESS_ANNOTATION}/certificate-arn`]
        ? policyProblem(annotations[`${INGRESS_ANNOTATION}/ssl-policy`], "ALB HTTPS listener")
        : [];
    case "IngressClassParams": {
      const spec = record(props["spec"]) ?? {};
      return list(spec["certificateArn"]).length > 0 ? policyProblem(text(spec["sslPolicy"]), "ALB ingress class") : [];
    }
    default:
      return [];
  }
}
