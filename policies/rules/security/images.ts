import { text } from "../k8s";
import { containerRule } from "./pod-rule";

/** The tag of an image reference, ignoring a registry host's port ("host:5000/app"). */
export function imageTag(image: string): string | undefined {
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  return colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
}

/** IMS011: a digest pins exactly; a tag other than latest pins by convention. */
export const checkImagePinned = containerRule((container) => {
  const image = text(container["image"]);
  if (!image) return "image is missing";
  if (image.includes("@sha256:")) return undefined;
  const tag = imageTag(image);
  if (tag === undefined) return `image "${image}" has no tag; pin a version or digest`;
  return tag === "latest" ? `image "${image}" uses :latest; pin a version or digest` : undefined;
});
