/**
 * Is a message without an RFC 3464 part a bounce? Relays say so in the sender, the subject or the
 * first lines of the text, each in their own words; this list is where new ones go.
 */
import { fieldValue, type HeaderField } from "./header-fields.js";

const BOUNCE_SENDER = /^(?:mailer-daemon|mailer_daemon|postmaster|mail-daemon|maildaemon|double-bounce|bounce|mdaemon)@/i;
const BOUNCE_SENDER_NAME =
  /mail delivery (?:system|subsystem|service)|mail administrator|mailer-daemon|postmaster|e-mail-zustelldienst|microsoft outlook/i;
const BOUNCE_SUBJECT =
  /undeliver|undelivered|returned mail|returned to sender|delivery (?:status notification \((?:failure|delay)\)|failure|has failed|failed|problem)|failure notice|mail delivery failed|message not delivered|could not send message|unzustellbar|nicht zustellbar|unzustellbare|zustellung fehlgeschlagen|fehlgeschlagene zustellung|nachricht konnte nicht zugestellt|konnte nicht zugestellt|non remis|address not found|mail system error/i;
/** Opening sentences of the known text bounces (qmail, Exim, Sendmail, Exchange, Gmail, Yahoo, GMX, T-Online …). */
const BOUNCE_TEXT =
  /this is the qmail-send program|created automatically by mail delivery software|could not be delivered to one or more|delivery has failed to these recipients|your message (?:wasn't|was not|couldn't be|could not be) delivered|the following addresses had permanent fatal errors|unable to deliver your message|message you sent could not be delivered|permanent error|the email account that you tried to reach does not exist|an error occurred while trying to deliver the mail|ihre nachricht konnte nicht (?:zugestellt|ausgeliefert) werden|konnte nicht zugestellt werden|die e-mail-adresse des empfängers existiert nicht|zustellung (?:an folgende empfänger )?(?:ist )?fehlgeschlagen|übermittlung an folgende empfänger fehlgeschlagen/i;

export interface Envelope {
  fields: readonly HeaderField[];
  fromAddress: string | null;
  fromName: string;
  subject: string;
}

/** True when the sender or subject says "bounce" (or the relay lists X-Failed-Recipients). */
export function saysBounce(envelope: Envelope): boolean {
  if (fieldValue(envelope.fields, "x-failed-recipients") !== null) return true;
  if (envelope.fromAddress !== null && BOUNCE_SENDER.test(envelope.fromAddress)) return true;
  return BOUNCE_SENDER_NAME.test(envelope.fromName) || BOUNCE_SUBJECT.test(envelope.subject);
}

/** True when the notification text opens like a known bounce. */
export function textSaysBounce(text: string): boolean {
  return BOUNCE_TEXT.test(text.slice(0, 8000));
}
