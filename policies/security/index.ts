import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "../pack/to-policies";
import { securityPack } from "../rules/security";

new PolicyPack(securityPack.name, { policies: toPolicies(securityPack) });
