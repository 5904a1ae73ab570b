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
  /** The delivery's place in the issue's audience; absent for test copies (they are not ledgered). */
  position?: number;
}

/** VERP: each delivery's envelope sender names it, so a bounce finds its delivery (bounce/verp.ts makes the address). */
export interface BounceEnvelope {
  /** newsletter.bounce_address: the envelope sender of messages that are no delivery (test copies). */
  address: string;
  /** The envelope sender of one delivery of the issue. */
  forDelivery(position: number): string;
}

export interface MessageSource {
  /** SMTP MAIL FROM for a recipient. */
  envelopeFrom(to: MessageTo): string;
  template: MessageTemplate;
  /** The recipient's part of the message; `date` is epoch ms. */
  fill(to: MessageTo, date: number): RecipientFill;
}

/** A compiled issue as a message source: the slot values (one HMAC, µs, no MJML) plus the headers. */
export function newsletterSource(
  issue: CompiledIssue,
  settings: MailSettings,
  sender: Mailbox,
  ctx: PersonalizeContext,
  bounce: BounceEnvelope | null = null,
): MessageSource {
  const template = messageTemplate(settings, sender, issue.fill);
  return {
    envelopeFrom: (to) => (bounce === null ? sender.address : to.position === undefined ? bounce.address : bounce.forDelivery(to.position)),
    template,
    fill(to, date) {
      const values = slotValues(issue, { email: to.email, first_name: to.firstName ?? undefined }, ctx);
      return { to: to.email, messageId: to.messageId, date, unsubscribeUrl: values.unsubscribeUrl, text: values.text, html: values.html };
    },
  };
}
