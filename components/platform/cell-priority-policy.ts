import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import {
  CELL_PRIORITY_POLICY,
  commonLabels,
  DATA_PRIORITY_CLASS,
  labelKeys,
  TIER_PRIORITY_PREFIX,
} from "../core/labels";

/**
 * The CEL rule: a pod in a tenant namespace runs at its namespace's tier class or the data class.
 * The cell's compute quota counts exactly those two classes (tenancy/quota.ts), so no pod escapes
 * it, and no shared tenant's pod can claim VIP priority and preempt its neighbours.
 */
const TIER_OF_NAMESPACE = `namespaceObject.metadata.labels[${JSON.stringify(labelKeys.tier)}]`;
const ALLOWED_CLASSES = `[${JSON.stringify(DATA_PRIORITY_CLASS)}, ${JSON.stringify(TIER_PRIORITY_PREFIX)} + ${TIER_OF_NAMESPACE}]`;

/** The admission policy and its binding, cluster-wide; cells wait for both. */
export function cellPriorityPolicy(name: string, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
  const labels = commonLabels();
  const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
    `${name}-cell-priority`,
    {
      metadata: { name: CELL_PRIORITY_POLICY, labels },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }],
          namespaceSelector: { matchExpressions: [{ key: labelKeys.tenant, operator: "Exists" }] },
        },
        validations: [
          {
            expression: `${JSON.stringify(labelKeys.tier)} in namespaceObject.metadata.labels && object.spec.?priorityClassName.orValue("") in ${ALLOWED_CLASSES}`,
            messageExpression: `"pods in tenant namespace " + namespaceObject.metadata.name + " run at priority class ${DATA_PRIORITY_CLASS} or the namespace's tier class (${TIER_PRIORITY_PREFIX}<tier>), not " + object.spec.?priorityClassName.orValue("(none)")`,
            reason: "Forbidden",
          },
        ],
      },
    },
    opts,
  );
  const binding = new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
    `${name}-cell-priority`,
    {
      metadata: { name: CELL_PRIORITY_POLICY, labels },
      spec: { policyName: CELL_PRIORITY_POLICY, validationActions: ["Deny"] },
    },
    { ...opts, dependsOn: [policy] },
  );
  return [policy, binding];
}
