/**
 * The fill step: a compiled issue plus one recipient → the mail's HTML and text. Pure and fast
 * (a few string concatenations and one HMAC), so MJML never runs per recipient.
 */
import Handlebars from "handlebars";
import { unsubscribeToken } from "../../lib/token.js";
import type { CompiledIssue, PersonalizedMail, Recipient, SlotName } from "./model.js";
import { fill } from "./placeholders.js";

const escapeHtml = Handlebars.Utils.escapeExpression;

export interface PersonalizeContext {
  /** $KOEPFE_SECRET (see requireSecret in lib/token.ts). */
  secret: string;
  /** newsletter.list_id */
  listId: string;
  /** newsletter.unsubscribe_url: https, ending in "/"; the token is appended. */
  unsubscribeBaseUrl: string;
}

export const NEUTRAL_SALUTATION = "Guten Tag,";

/** "Hallo Anna," with a first name, else "Guten Tag,". */
export function salutationText(firstName: string | undefined): string {
  const name = firstName?.replace(/\s+/g, " ").trim();
  return name ? `Hallo ${name},` : NEUTRAL_SALUTATION;
}

/** Fills the placeholders of both parts; `html` values must already be escaped for HTML. */
export function fillIssue(
  issue: CompiledIssue,
  html: Readonly<Record<SlotName, string>>,
  text: Readonly<Record<SlotName, string>>,
): { html: string; text: string } {
  return { html: fill(issue.fill.html, html), text: fill(issue.fill.text, text) };
}

export interface SlotValues {
  /** Values for the HTML part, escaped. */
  html: Record<SlotName, string>;
  /** Values for the text part, as they are. */
  text: Record<SlotName, string>;
  unsubscribeUrl: string;
}

/**
 * One recipient's per-recipient fields: salutation, unsubscribe URL with the recipient's token
 * (`unsubscribe_url` + unsubscribeToken(secret, list_id, email)) and the web version URL.
 * The sender's delivery threads fill the same values into byte templates (send/source.ts).
 */
export function slotValues(issue: CompiledIssue, recipient: Recipient, ctx: PersonalizeContext): SlotValues {
  const unsubscribeUrl = ctx.unsubscribeBaseUrl + unsubscribeToken(ctx.secret, ctx.listId, recipient.email);
  const salutation = salutationText(recipient.first_name);
  return {
    html: { salutation: escapeHtml(salutation), unsubscribeUrl: escapeHtml(unsubscribeUrl), webUrl: escapeHtml(issue.webUrl) },
    text: { salutation, unsubscribeUrl, webUrl: issue.webUrl },
    unsubscribeUrl,
  };
}

/** The mail for one recipient (see slotValues). */
export function personalize(issue: CompiledIssue, recipient: Recipient, ctx: PersonalizeContext): PersonalizedMail {
  const values = slotValues(issue, recipient, ctx);
  return { ...fillIssue(issue, values.html, values.text), unsubscribeUrl: values.unsubscribeUrl };
}

/**
 * The web version: the mail as a public page, neutral salutation and no personal link. Its
 * unsubscribe link writes to the unsubscribe address, since a page has no recipient to sign a token for.
 */
export function webVersion(issue: CompiledIssue, unsubscribeMailto: string): string {
  const mailto = `mailto:${unsubscribeMailto}?subject=${encodeURIComponent("Abmelden")}`;
  return fillIssue(
    issue,
    { salutation: escapeHtml(NEUTRAL_SALUTATION), unsubscribeUrl: escapeHtml(mailto), webUrl: escapeHtml(issue.webUrl) },
    { salutation: NEUTRAL_SALUTATION, unsubscribeUrl: mailto, webUrl: issue.webUrl },
  ).html;
}
