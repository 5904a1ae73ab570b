/**
 * Editors sign off on exactly what goes out: with `newsletter.require_approval`, `koepfe approve
 * ISSUE --by NAME` records who approved which version of an issue (its content hash), and `send`
 * refuses an issue nobody approved or one that changed since — and says what changed.
 */
import { createHash } from "node:crypto";
import { EXIT, KoepfeError, UsageError } from "../lib/errors.js";
import { SINGLE_LINE_FORBIDDEN } from "../lib/text-safety.js";
import type { CompiledIssue } from "../render/newsletter/model.js";
import type { Ledger } from "../send/ledger/ledger.js";
import { openLedger } from "../send/ledger/location.js";
import type { Approval } from "../send/ledger/publication.js";
import { loadValidEdition } from "./checked-edition.js";
import { prepareIssue, type PreparedIssue } from "./prepare-issue.js";
import { assertSameEdition } from "./publication.js";
import type { AppIo } from "./ports.js";

/** What an approval remembers of an issue, to say later what changed. */
interface IssueSummary {
  subject: string;
  preheader: string;
  entryIds: string[];
  html: string;
  text: string;
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

function summaryOf(issue: CompiledIssue): IssueSummary {
  return { subject: issue.subject, preheader: issue.preheader, entryIds: issue.entryIds, html: hash(issue.html), text: hash(issue.text) };
}

/** The differences between what was approved and what would go out, one sentence each. */
export function whatChanged(approved: IssueSummary, now: IssueSummary): string[] {
  const out: string[] = [];
  if (approved.subject !== now.subject) out.push(`the subject ("${approved.subject}" → "${now.subject}")`);
  if (approved.preheader !== now.preheader) out.push("the preheader");
  const added = now.entryIds.filter((id) => !approved.entryIds.includes(id));
  const removed = approved.entryIds.filter((id) => !now.entryIds.includes(id));
  if (added.length > 0 || removed.length > 0)
    out.push(`the people (${[...added.map((id) => `+ ${id}`), ...removed.map((id) => `− ${id}`)].join(", ")})`);
  else if (approved.entryIds.join() !== now.entryIds.join()) out.push("the order of the people");
  if (out.length === 0 && (approved.html !== now.html || approved.text !== now.text))
    out.push("the text of the mail (a laudation, the intro, a correction or a template)");
  return out;
}

/** Stops an issue that needs approval and has none for exactly this version (exit 1). */
export function requireApproval(p: PreparedIssue, ledger: Ledger): void {
  if (!p.newsletter.require_approval || p.origin.kind === "ledger") return;
  const issue = p.settings.issue;
  const approval: Approval | null = ledger.publication.latestApproval(issue);
  if (approval === null) {
    throw new KoepfeError(
      "E_NOT_APPROVED",
      `issue ${issue} needs approval (newsletter.require_approval): look at it with "koepfe send ${issue} --test …", then "koepfe approve ${issue} --by NAME"; nothing was sent`,
    );
  }
  if (approval.contentHash === p.compiled.contentHash) return;
  const changes = whatChanged(JSON.parse(approval.summary) as IssueSummary, summaryOf(p.compiled));
  throw new KoepfeError(
    "E_CHANGED_SINCE_APPROVAL",
    `issue ${issue} changed since ${approval.by} approved it at ${approval.at}: ${changes.join("; ") || "its content"}; approve it again ("koepfe approve ${issue} --by NAME") or undo the change; nothing was sent`,
  );
}

export interface ApproveResult {
  approval: Approval;
  subject: string;
  people: number;
}

/** `koepfe approve ISSUE [DIR] --by NAME`: records who approved the issue as it would go out now. */
export async function approve(request: { dir: string; issue: number; by: string }, io: AppIo): Promise<ApproveResult> {
  const by = request.by.trim();
  if (by === "" || by.length > 120 || SINGLE_LINE_FORBIDDEN.test(by))
    throw new UsageError("--by needs the approver's name: one line of at most 120 characters");
  const valid = await loadValidEdition(request.dir, { env: io.env, signal: io.signal });
  // approving needs no unsubscribe links: the content does not depend on the secret
  const p = await prepareIssue(valid, request.issue, { secret: "approval-needs-no-secret", env: io.env });
  if (p.origin.kind === "ledger") {
    throw new KoepfeError(
      "E_ALREADY_SENT",
      `issue ${request.issue} started going out at ${p.origin.publishedAt}: there is nothing left to approve`,
      { exitCode: EXIT.dataError },
    );
  }
  const ledger = openLedger(request.dir, io.env);
  try {
    assertSameEdition(ledger, p.edition);
    ledger.publication.claimIdentity({ listId: p.newsletter.list_id, year: p.edition.config.year, title: p.edition.config.title });
    const approval = ledger.publication.approve({
      issue: request.issue,
      contentHash: p.compiled.contentHash,
      by,
      summary: JSON.stringify(summaryOf(p.compiled)),
    });
    return { approval, subject: p.compiled.subject, people: p.compiled.entryIds.length };
  } finally {
    ledger.close();
  }
}
