import { EBS_CSI_PROVISIONER } from "../conventions";
import { kindOf, list, record, stringMap, text } from "../../../core/resource-props";
import type { Props } from "../../../core/rule-contract";

/** IMS106: instances require IMDSv2 session tokens; node groups take their settings from a launch template. */
export function checkImdsV2(type: string, props: Props): string[] {
  switch (type) {
    case "aws:ec2/launchTemplate:LaunchTemplate":
    case "aws:ec2/instance:Instance": {
      const tokens = text(record(props["metadataOptions"])?.["httpTokens"]);
      return tokens === "required"
        ? []
        : [`metadataOptions.httpTokens is ${tokens ?? "unset (optional)"}; set "required" (IMDSv2)`];
    }
    case "aws:eks/nodeGroup:NodeGroup":
      return record(props["launchTemplate"])
        ? []
        : ["node group has no launch template, so IMDSv2 and volume encryption are not enforced; give it one"];
    default:
      return [];
  }
}

const isTrue = (value: unknown) => value === true || value === "true";

/** IMS107: node, instance and dynamically provisioned EBS volumes are encrypted. */
export function checkEncryptedVolumes(type: string, props: Props): string[] {
  switch (type) {
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return list(props["blockDeviceMappings"]).flatMap((item) => {
        const mapping = record(item) ?? {};
        const ebs = record(mapping["ebs"]);
        return ebs && !isTrue(ebs["encrypted"])
          ? [`block device ${text(mapping["deviceName"]) ?? "?"} is not encrypted`]
          : [];
      });
    case "aws:ec2/instance:Instance":
      return isTrue(record(props["rootBlockDevice"])?.["encrypted"]) ? [] : ["rootBlockDevice is not encrypted"];
    case "aws:ebs/volume:Volume":
      return isTrue(props["encrypted"]) ? [] : ["volume is not encrypted"];
    default:
      if (
        type.startsWith("kubernetes:") &&
        kindOf(type) === "StorageClass" &&
        text(props["provisioner"]) === EBS_CSI_PROVISIONER
      ) {
        return stringMap(props["parameters"])["encrypted"] === "true"
          ? []
          : ['StorageClass for EBS must set parameters.encrypted: "true"'];
      }
      return [];
  }
}
