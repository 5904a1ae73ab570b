/**
 * The headers and parts of one newsletter mail, as options for nodemailer's MailComposer (which
 * encodes them: RFC 2047 words, folding, base64 parts). Pure; the same function feeds real sends,
 * test sends and dry runs, so a dry run's .eml is exactly what the relay would get.
 */
import { createHash } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import { encodeWord, isPlainText, quoteString } from "nodemailer/lib/mime-funcs";
import type { PersonalizedMail } from "../render/newsletter/model.js";
import { KoepfeError } from "../lib/errors.js";
import { singleLine } from "../lib/text-safety.js";
import type { FilledBody } from "./compose/body-fill.js";

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

export interface Mailbox {
  name: string;
  address: string;
  domain: string;
}

/** The message as MailComposer options: plain data, so it can cross to a worker thread. */
export interface ComposeInput {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  messageId: string;
  date: Date;
  /** The text itself, or (the newsletter) the issue's template and this recipient's values: see compose/body-fill.ts. */
  text: string | FilledBody;
  html: string | FilledBody;
  /** base64 bodies: MJML's minified HTML has lines far over SMTP's 998, and base64 is ~3x cheaper to build than quoted-printable. */
  textEncoding: "base64";
  headers: Record<string, string | { prepared: true; foldLines: true; value: string }>;
}

/** Parses newsletter.from into name, address and domain; stops when it is not one mailbox. */
export function parseFrom(from: string): Mailbox {
  const parsed = addressparser(from, { flatten: true });
  const box = parsed.length === 1 ? parsed[0] : undefined;
  const at = box?.address?.lastIndexOf("@") ?? -1;
  if (!box?.address || at < 1) {
    throw new KoepfeError(
      "E_NEWSLETTER_FROM",
      `newsletter.from "${from}" is not one sender address such as "100 Köpfe <koepfe@example.org>"`,
    );
  }
  return { name: box.name, address: box.address, domain: box.address.slice(at + 1).toLowerCase() };
}

/**
 * Deterministic per (list, issue, recipient): a resend after an `unknown` carries the same
 * Message-ID, so receiving systems that de-duplicate by it can drop the copy.
 */
export function messageIdFor(settings: Pick<MailSettings, "year" | "issue" | "listId">, domain: string, email: string): string {
  const hash = createHash("sha256").update(`${settings.listId}|${settings.issue}|${email}`).digest("hex").slice(0, 16);
  return `<koepfe-${settings.year}.${settings.issue}.${hash}@${domain}>`;
}

/** A PersonalizedMail, or its bodies still as template and values. */
export type MailBodies = Omit<PersonalizedMail, "html" | "text"> & { html: string | FilledBody; text: string | FilledBody };

/**
 * List-Unsubscribe carries the recipient's https one-click URL and the mailto (RFC 2369, RFC 8058);
 * List-Unsubscribe-Post tells mailbox providers the URL takes a one-click POST.
 */
export function buildMail(
  settings: MailSettings,
  sender: Mailbox,
  to: { email: string; messageId: string },
  mail: MailBodies,
  date: Date,
): ComposeInput {
  const title = singleLine(settings.listTitle);
  const phrase = isPlainText(title) ? quoteString(title) : encodeWord(title);
  const mailto = `mailto:${settings.unsubscribeMailto}?subject=unsubscribe`;
  return {
    from: { name: singleLine(sender.name), address: sender.address },
    to: to.email,
    ...(settings.replyTo === undefined ? {} : { replyTo: settings.replyTo }),
    subject: singleLine(settings.subject),
    messageId: to.messageId,
    date,
    text: mail.text,
    html: mail.html,
    textEncoding: "base64",
    headers: {
      "List-Id": { prepared: true, foldLines: true, value: `${phrase} <${settings.listId}>` },
      "List-Unsubscribe": `<${new URL(mail.unsubscribeUrl).href}>, <${mailto}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
