/**
 * A newsletter issue compiled once (MJML → HTML) with the per-recipient fields still as placeholders,
 * and the fill step that personalises it per recipient in microseconds. Produced by render/newsletter/.
 */
export interface CompiledIssue {
  number: number;
  subject: string;
  preheader: string;
  /** ISO date-time with offset of the scheduled send (edition timezone resolved). */
  sendAt: string;
  /** Ids of the nominees this issue reveals, in mail order. */
  entryIds: string[];
  /** Compiled HTML with placeholders for the per-recipient fields. */
  html: string;
  /** Plain-text part with the same placeholders. */
  text: string;
  /** Public URL of the web version of this issue. */
  webUrl: string;
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
