/**
 * The headers and parts of a newsletter mail, split into what is the same for every recipient of
 * an issue (`MessageTemplate`, composed once per issue in each delivery thread) and what differs
 * (`RecipientFill`: address, Message-ID, date, the salutation and the signed unsubscribe link).
 * Pure; the same functions feed real sends, test sends and dry runs, so a dry run's .eml is exactly
 * what the relay would get.
 */
import { createHash } from "node:crypto";
import libmime from "libmime";
import type { FillPlan, SlotName } from "../../render/newsletter/model.js";
import { KoepfeError } from "../../lib/errors.js";
import { singleLine } from "../../lib/text-safety.js";
import { parseMailbox, type Mailbox } from "../../lib/mailbox.js";

export type { Mailbox };

export interface MailSettings {
  /** Edition year, part of the Message-ID. */
  year: number;
  issue: number;
  subject: string;
  replyTo: string | undefined;
  /** newsletter.list_id, e.g. "koepfe-2024.example.org". */
  listId: string;
  /** The edition title, the List-Id phrase. */
  listTitle: string;
  unsubscribeMailto: string;
}

/** What every recipient of an issue gets alike: plain data, so it can cross to a delivery thread once. */
export interface MessageTemplate {
  from: { name: string; address: string };
  replyTo?: string;
  subject: string;
  /** The prepared List-Id value: the encoded title and the list id in angle brackets. */
  listId: string;
  /** The mailto alternative of List-Unsubscribe. */
  unsubscribeMailto: string;
  /** The text and HTML bodies cut at their per-recipient slots (render/newsletter/placeholders.ts). */
  text: FillPlan;
  html: FillPlan;
}

/** What differs per recipient; `html` values are escaped for HTML already. */
export interface RecipientFill {
  to: string;
  messageId: string;
  /** Epoch ms of the Date header. */
  date: number;
  /** https one-click URL for List-Unsubscribe (RFC 8058). */
  unsubscribeUrl: string;
  text: Readonly<Record<SlotName, string>>;
  html: Readonly<Record<SlotName, string>>;
}

/** Parses newsletter.from into name, address and domain; stops when it is not one mailbox. */
export function parseFrom(from: string): Mailbox {
  const box = parseMailbox(from);
  if (box === null) {
    throw new KoepfeError(
      "E_NEWSLETTER_FROM",
      `newsletter.from "${from}" is not one sender address such as "100 Köpfe <koepfe@example.org>"`,
    );
  }
  return box;
}

/**
 * Deterministic per (list, issue, recipient): a resend after an `unknown` carries the same
 * Message-ID, so receiving systems that de-duplicate by it can drop the copy.
 */
export function messageIdFor(settings: Pick<MailSettings, "year" | "issue" | "listId">, domain: string, email: string): string {
  const hash = createHash("sha256").update(`${settings.listId}|${settings.issue}|${email}`).digest("hex").slice(0, 16);
  return `<koepfe-${settings.year}.${settings.issue}.${hash}@${domain}>`;
}

/** The per-issue part of every message of an issue. */
export function messageTemplate(settings: MailSettings, sender: Mailbox, bodies: { text: FillPlan; html: FillPlan }): MessageTemplate {
  const title = singleLine(settings.listTitle);
  const phrase = libmime.isPlainText(title) ? `"${title.replace(/["\\]/g, "\\$&")}"` : libmime.encodeWord(title, "Q");
  return {
    from: { name: singleLine(sender.name), address: sender.address },
    ...(settings.replyTo === undefined ? {} : { replyTo: settings.replyTo }),
    subject: singleLine(settings.subject),
    listId: `${phrase} <${settings.listId}>`,
    unsubscribeMailto: `mailto:${settings.unsubscribeMailto}?subject=unsubscribe`,
    text: bodies.text,
    html: bodies.html,
  };
}
