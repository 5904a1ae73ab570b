/**
 * A newsletter issue compiled once (MJML → HTML) with the per-recipient fields still as placeholders,
 * and the fill step that personalises it per recipient in microseconds. Produced by render/newsletter/.
 */

/** Longest subject in characters before mail clients cut it off (checked by `check` and the build budget). */
export const MAX_SUBJECT = 78;

/** The per-recipient fields that stay placeholders in the compiled mail. */
export type SlotName = "salutation" | "unsubscribeUrl" | "webUrl";

/**
 * A compiled document cut at its placeholders: `parts[0] + value(slots[0]) + parts[1] + …`.
 * Cut once at compile time so the fill step is a handful of string concatenations.
 */
export interface FillPlan {
  parts: readonly string[];
  slots: readonly SlotName[];
}

export interface CompiledIssue {
  number: number;
  subject: string;
  preheader: string;
  /** ISO date-time with offset of the scheduled send (edition timezone resolved); "" when the plan has no time (default plan without start_at). */
  sendAt: string;
  /** Ids of the nominees this issue reveals, in mail order. */
  entryIds: string[];
  /** Compiled HTML with placeholders for the per-recipient fields. */
  html: string;
  /** Plain-text part with the same placeholders. */
  text: string;
  /** Public URL of the web version of this issue. */
  webUrl: string;
  /** The placeholders as they appear in `html` and `text` (they carry a nonce derived from the content, so CSV text cannot forge them). */
  placeholders: Readonly<Record<SlotName, string>>;
  /** `html` and `text` cut at their placeholders, for `personalize`. */
  fill: { html: FillPlan; text: FillPlan };
  /** SHA-256 over the subject, preheader, entries and both parts: what an approval and the published state name. */
  contentHash: string;
  /** JSON path of the issue in edition.json ("newsletter.issues[2]"), or "newsletter" for the default plan: where problems are reported. */
  field: string;
}

export interface Recipient {
  email: string;
  first_name?: string | undefined;
}

export interface PersonalizedMail {
  html: string;
  text: string;
  /** The recipient's https unsubscribe URL (also for the List-Unsubscribe header). */
  unsubscribeUrl: string;
}
