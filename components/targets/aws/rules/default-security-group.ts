import { list } from "../../../core/resource-props";
import { at, type PlainResource, type StackViolation } from "../../../core/rule-contract";

const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";

/** IMS109: every VPC the stack creates has its default security group taken over, with no rules. */
export function checkDefaultSecurityGroups(resources: readonly PlainResource[]): StackViolation[] {
  const groups = resources.filter((resource) => resource.type === DEFAULT_GROUP);
  const violations: StackViolation[] = groups
    .filter((group) => list(group.props["ingress"]).length > 0 || list(group.props["egress"]).length > 0)
    .map((group) => ({
      ...at(group),
      message: "the VPC's default security group keeps rules; take it over with ingress: [] and egress: []",
    }));
  const vpcs = resources.filter((resource) => resource.type === VPC);
  if (vpcs.length > groups.length) {
    for (const vpc of vpcs.slice(groups.length)) {
      violations.push({
        ...at(vpc),
        message:
          "the VPC's default security group is left with AWS's default rules; add an aws:ec2/defaultSecurityGroup:DefaultSecurityGroup with no rules",
      });
    }
  }
  return violations;
}
