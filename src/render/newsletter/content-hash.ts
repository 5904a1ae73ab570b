/** An issue's content hash, apart so that `send` can check a stored issue without loading the renderers. */
import { createHash } from "node:crypto";
import type { CompiledIssue } from "./model.js";

/** What an approval and the ledger's published state name an issue by: its subject, preheader, people and both parts. */
export function issueContentHash(i: Pick<CompiledIssue, "subject" | "preheader" | "entryIds" | "html" | "text">): string {
  return createHash("sha256")
    .update(JSON.stringify([i.subject, i.preheader, i.entryIds, i.html, i.text]))
    .digest("hex");
}
