/**
 * What a compiled issue was made of: the edition's files (not its subscribers), the newsletter
 * templates, the versions of koepfe and its renderers, and what already went out (it pins places and keeps issues as they were). A stored
 * issue (issue-store.ts) is used by `send` only while this is unchanged.
 */
import { createHash } from "node:crypto";
import type { Edition } from "../edition/model.js";
import { templatesDigest } from "../render/newsletter/templates.js";
import { toolVersions } from "../lib/tool-versions.js";
import type { PublishedState } from "./publication.js";

export async function issueFingerprint(
  edition: Pick<Edition, "fingerprint">,
  published: PublishedState,
  templatesDir?: string,
): Promise<string> {
  return createHash("sha256")
    .update(toolVersions())
    .update("\u0000")
    .update(edition.fingerprint)
    .update("\u0000")
    .update(await templatesDigest(templatesDir))
    .update("\u0000")
    .update(JSON.stringify([published.places, published.issues.map((i) => [i.issue, i.contentHash])]))
    .digest("hex");
}
