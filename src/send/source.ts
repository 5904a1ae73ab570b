/**
 * The port between the send loop and the newsletter: the personalised message for one recipient.
 * `newsletterSource` fills a compiled issue (render/newsletter) into the headers of message.ts;
 * tests use small hand-written sources.
 */
import type { CompiledIssue } from "../render/newsletter/model.js";
import { personalize, type PersonalizeContext } from "../render/newsletter/personalize.js";
import { buildMail, type ComposeInput, type Mailbox, type MailSettings } from "./message.js";

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

/** A compiled issue as a message source: fill (µs, no MJML) plus headers. */
export function newsletterSource(issue: CompiledIssue, settings: MailSettings, sender: Mailbox, ctx: PersonalizeContext): MessageSource {
  return {
    envelopeFrom: sender.address,
    message(to, date) {
      const mail = personalize(issue, { email: to.email, first_name: to.firstName ?? undefined }, ctx);
      return buildMail(settings, sender, to, mail, date);
    },
  };
}
