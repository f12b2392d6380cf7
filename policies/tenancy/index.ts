import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "../pack/to-policies";
import { tenancyPack } from "../rules/tenancy";

new PolicyPack(tenancyPack.name, { policies: toPolicies(tenancyPack) });
