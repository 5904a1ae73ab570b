/**
 * The fill step: a compiled issue plus one recipient → the mail's HTML and text. Pure and fast
 * (a few string concatenations and one HMAC), so MJML never runs per recipient.
 */
import Handlebars from "handlebars";
import { unsubscribeToken } from "../../lib/token.js";
import type { CompiledIssue, PersonalizedMail, Recipient, SlotName } from "./model.js";
import { fill } from "./placeholders.js";

const escape = Handlebars.Utils.escapeExpression;

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
export function fillIssue(issue: CompiledIssue, html: Readonly<Record<SlotName, string>>, text: Readonly<Record<SlotName, string>>): { html: string; text: string } {
  return { html: fill(issue.fill.html, html), text: fill(issue.fill.text, text) };
}

/**
 * The mail for one recipient: salutation, unsubscribe URL with the recipient's token
 * (`unsubscribe_url` + unsubscribeToken(secret, list_id, email)) and the web version URL.
 */
export function personalize(issue: CompiledIssue, recipient: Recipient, ctx: PersonalizeContext): PersonalizedMail {
  const unsubscribeUrl = ctx.unsubscribeBaseUrl + unsubscribeToken(ctx.secret, ctx.listId, recipient.email);
  const salutation = salutationText(recipient.first_name);
  const filled = fillIssue(
    issue,
    { salutation: escape(salutation), unsubscribeUrl: escape(unsubscribeUrl), webUrl: escape(issue.webUrl) },
    { salutation, unsubscribeUrl, webUrl: issue.webUrl },
  );
  return { ...filled, unsubscribeUrl };
}

/**
 * The web version: the mail as a public page, neutral salutation and no personal link. Its
 * unsubscribe link writes to the unsubscribe address, since a page has no recipient to sign a token for.
 */
export function webVersion(issue: CompiledIssue, unsubscribeMailto: string): string {
  const mailto = `mailto:${unsubscribeMailto}?subject=${encodeURIComponent("Abmelden")}`;
  return fillIssue(issue, { salutation: escape(NEUTRAL_SALUTATION), unsubscribeUrl: escape(mailto), webUrl: escape(issue.webUrl) }, { salutation: NEUTRAL_SALUTATION, unsubscribeUrl: mailto, webUrl: issue.webUrl }).html;
}
