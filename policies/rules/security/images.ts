import { labelKeys } from "../../../components/core/labels";
import { containersOf, podOf, text } from "../k8s";
import type { Props, ResourceRule } from "../types";

/** The tag of an image reference, ignoring a registry host's port ("host:5000/app"). */
export function imageTag(image: string): string | undefined {
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

/** One container's image against IMS011; `digestOnly` where the workload's stack requires digests. */
function pinningProblem(container: Props, digestOnly: boolean): string | undefined {
  const image = text(container["image"]);
  if (!image) return "image is missing";
  if (image.includes("@sha256:")) return undefined;
  if (digestOnly)
    return `image "${image}" is pinned by tag alone, but its stack requires digests (label ${labelKeys.imagePinning}=digest); record the digest in images.digests`;
  const tag = imageTag(image);
  if (tag === undefined) return `image "${image}" has no tag; pin a version or digest`;
  return tag === "latest" ? `image "${image}" uses :latest; pin a version or digest` : undefined;
}

/**
 * IMS011: a digest pins exactly; a tag other than latest pins by convention. Workloads of a stack
 * that requires digests (prod by default) carry a label, and for them only a digest will do.
 */
export const checkImagePinned: ResourceRule = (type, props) => {
  const pod = podOf(type, props);
  if (!pod) return [];
  const digestOnly = pod.labels[labelKeys.imagePinning] === "digest";
  return containersOf(pod.spec).flatMap((view) => {
    const message = pinningProblem(view.container, digestOnly);
    return message ? [`container "${view.name}": ${message}`] : [];
  });
};
