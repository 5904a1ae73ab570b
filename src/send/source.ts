/**
 * The port between the send loop and the newsletter: the personalised message for one recipient.
 * `newsletterSource` turns a compiled issue (render/newsletter) into the headers of message.ts and
 * bodies left as template + values (compose/body-fill.ts): the delivery threads join them, so the
 * ~50 KB of the issue cross to each thread once instead of once per message. The values come
 * from `slotValues`, the same function `personalize` fills in; tests use small hand-written sources.
 */
import type { CompiledIssue } from "../render/newsletter/model.js";
import { slotValues, type PersonalizeContext } from "../render/newsletter/personalize.js";
import { buildMail, type ComposeInput, type Mailbox, type MailSettings } from "./message.js";
import type { BodyTemplate } from "./compose/body-fill.js";

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
      const values = slotValues(issue, { email: to.email, first_name: to.firstName ?? undefined }, ctx);
      const bodies = {
        html: { template: html, values: issue.fill.html.slots.map((s) => values.html[s]) },
        text: { template: text, values: issue.fill.text.slots.map((s) => values.text[s]) },
        unsubscribeUrl: values.unsubscribeUrl,
      };
      return buildMail(settings, sender, to, bodies, date);
    },
  };
}
