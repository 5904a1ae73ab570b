/**
 * The port between the send loop and the newsletter: the personalised message for one recipient.
 * `newsletterSource` turns a compiled issue (render/newsletter) into the headers of message.ts and
 * bodies left as template + values (compose/body-fill.ts): the delivery threads join them, so the
 * ~50 KB of the issue cross to each thread once instead of once per message. The values are the
 * ones `personalize` fills in (a test holds the two equal); tests use small hand-written sources.
 */
import Handlebars from "handlebars";
import type { CompiledIssue, SlotName } from "../render/newsletter/model.js";
import { salutationText, type PersonalizeContext } from "../render/newsletter/personalize.js";
import { unsubscribeToken } from "../lib/token.js";
import { buildMail, type ComposeInput, type Mailbox, type MailSettings } from "./message.js";
import type { BodyTemplate } from "./compose/body-fill.js";

const escape = Handlebars.Utils.escapeExpression;

export interface MessageTo {
  email: string;
  firstName: string | null;
  messageId: string;
}

export interface MessageSource {
  /** SMTP MAIL FROM. */
  envelopeFrom: string;
  message(to: MessageTo, date: Date): ComposeInput;
}

/** A compiled issue as a message source: the slot values (one HMAC, µs, no MJML) plus headers. */
export function newsletterSource(issue: CompiledIssue, settings: MailSettings, sender: Mailbox, ctx: PersonalizeContext): MessageSource {
  const html: BodyTemplate = { parts: issue.fill.html.parts };
  const text: BodyTemplate = { parts: issue.fill.text.parts };
  return {
    envelopeFrom: sender.address,
    message(to, date) {
      const unsubscribeUrl = ctx.unsubscribeBaseUrl + unsubscribeToken(ctx.secret, ctx.listId, to.email);
      const salutation = salutationText(to.firstName ?? undefined);
      const plain: Record<SlotName, string> = { salutation, unsubscribeUrl, webUrl: issue.webUrl };
      const escaped: Record<SlotName, string> = { salutation: escape(salutation), unsubscribeUrl: escape(unsubscribeUrl), webUrl: escape(issue.webUrl) };
      const bodies = {
        html: { template: html, values: issue.fill.html.slots.map((s) => escaped[s]) },
        text: { template: text, values: issue.fill.text.slots.map((s) => plain[s]) },
        unsubscribeUrl,
      };
      return buildMail(settings, sender, to, bodies, date);
    },
  };
}
