import { z } from "zod";
import { strictObject } from "./fields";

/** A content digest as registries report it (`Docker-Content-Digest`). */
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

export const imagesSchema = strictObject({
  digests: z
    .record(
      z.string().min(1),
      z.string().regex(IMAGE_DIGEST, { error: 'must be a content digest, "sha256:" and 64 hex digits' }),
    )
    .default({})
    .meta({
      description:
        "Digest per image reference as the services name it (`openim/openim-api:v3.8.3`); each such image then runs as `<reference>@<digest>`, so a re-pushed tag changes nothing. `npm run pin-images -- --stack <s>` records them.",
    }),
  requireDigests: z.boolean().optional().meta({
    description: "Refuse any service image that is pinned by tag alone: a tag can be re-pushed, a digest cannot.",
    defaultText: "true in prod, else false",
  }),
  allowTagsInProd: z.boolean().default(false).meta({
    description:
      "Accept tag-pinned images in prod anyway (for stacks whose digests cannot be resolved yet); every such image is then named in a warning on each run.",
  }),
}).prefault({});

export type ImagesConfig = z.infer<typeof imagesSchema>;
