/**
 * The port between the send loop and the newsletter: the message for one recipient, as the issue's
 * template (the same object for everyone, crossing to each delivery thread once) plus the
 * recipient's fill. `newsletterSource` makes both from a compiled issue (render/newsletter); the
 * fill values come from `slotValues`, the same function `personalize` fills in. Tests use small
 * hand-written sources.
 */
import type { CompiledIssue } from "../render/newsletter/model.js";
import { slotValues, type PersonalizeContext } from "../render/newsletter/personalize.js";
import { messageTemplate, type Mailbox, type MailSettings, type MessageTemplate, type RecipientFill } from "./mailer/message.js";

export interface MessageTo {
  email: string;
  firstName: string | null;
  messageId: string;
}

export interface MessageSource {
  /** SMTP MAIL FROM for a recipient. */
  envelopeFrom(to: MessageTo): string;
  template: MessageTemplate;
  /** The recipient's part of the message; `date` is epoch ms. */
  fill(to: MessageTo, date: number): RecipientFill;
}

/** A compiled issue as a message source: the slot values (one HMAC, µs, no MJML) plus the headers. */
export function newsletterSource(issue: CompiledIssue, settings: MailSettings, sender: Mailbox, ctx: PersonalizeContext): MessageSource {
  const template = messageTemplate(settings, sender, issue.fill);
  return {
    envelopeFrom: () => sender.address,
    template,
    fill(to, date) {
      const values = slotValues(issue, { email: to.email, first_name: to.firstName ?? undefined }, ctx);
      return { to: to.email, messageId: to.messageId, date, unsubscribeUrl: values.unsubscribeUrl, text: values.text, html: values.html };
    },
  };
}
