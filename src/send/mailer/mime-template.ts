/**
 * The MIME bytes of an issue, composed once and filled per recipient. nodemailer's MailComposer
 * (its public API) builds the message once with short ASCII placeholders where the recipient's
 * header values go, and two markers where the bodies go; the bytes are cut at them. The bodies are
 * quoted-printable, encoded here part by part: every part between two per-recipient values ends in
 * a soft line break, so a value is encoded on its own and dropped in between, and a message is a
 * concatenation of ready bytes — no MIME tree, no encoding of 50 KB per recipient.
 *
 * Quoted-printable rather than base64: base64 cannot be cut and joined, and German HTML is mostly
 * ASCII, so the mail is ~25 % smaller than in base64. MJML's long lines are wrapped by soft breaks.
 */
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { encode as qpEncode, wrap as qpWrap } from "libqp";
import type { FillPlan, SlotName } from "../../render/newsletter/model.js";
import type { MessageTemplate, RecipientFill } from "./message.js";

type Piece = { bytes: Buffer } | { header: "to" | "messageId" | "date" | "unsubscribeUrl" } | { body: "text" | "html" };

interface EncodedBody {
  /** Encoded parts; all but the last end in a soft line break. */
  parts: Buffer[];
  slots: readonly SlotName[];
}

export interface CompiledTemplate {
  pieces: Piece[];
  text: EncodedBody;
  html: EncodedBody;
}

const SOFT_BREAK = "=\r\n";
/** MIME text is canonically CRLF; MJML and the text template write "\n". */
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
/** Wrapped to 75 so the soft break appended after a part or a value keeps every line within RFC 2045's 76. */
const qp = (s: string) => qpWrap(qpEncode(Buffer.from(crlf(s), "utf8")), 75);

function encodeBody(plan: FillPlan): EncodedBody {
  const last = plan.parts.length - 1;
  return { parts: plan.parts.map((p, i) => Buffer.from(i < last ? qp(p) + SOFT_BREAK : qp(p), "latin1")), slots: plan.slots };
}

function bodyBytes(body: EncodedBody, values: Readonly<Record<SlotName, string>>, out: Buffer[]): void {
  out.push(body.parts[0] as Buffer);
  for (let i = 0; i < body.slots.length; i++) {
    out.push(Buffer.from(qp(values[body.slots[i] as SlotName]) + SOFT_BREAK, "latin1"), body.parts[i + 1] as Buffer);
  }
}

/** RFC 5322 date as nodemailer writes it. */
export const rfc5322Date = (ms: number) => new Date(ms).toUTCString().replace(/GMT/, "+0000");

/** Composes the message once, with placeholders; see the module comment. */
export async function compileTemplate(t: MessageTemplate): Promise<CompiledTemplate> {
  const nonce = randomBytes(8).toString("hex");
  const mark = {
    to: `kp${nonce}to@placeholder.invalid`,
    messageId: `<kp${nonce}mid@placeholder.invalid>`,
    date: `KP${nonce}DATE`,
    unsubscribeUrl: `KP${nonce}UNSUB`,
    text: `KP${nonce}TEXTBODY`,
    html: `KP${nonce}HTMLBODY`,
  } as const;
  const part = (type: string, body: string) => ({
    raw: `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`,
  });
  const composer = new MailComposer({
    from: t.from,
    to: mark.to,
    ...(t.replyTo === undefined ? {} : { replyTo: t.replyTo }),
    subject: t.subject,
    messageId: mark.messageId,
    headers: {
      Date: mark.date,
      "List-Id": { prepared: true, foldLines: true, value: t.listId },
      // folded between the two: a one-click URL is ~120 characters on its own
      "List-Unsubscribe": { prepared: true, value: `<${mark.unsubscribeUrl}>,\r\n <${t.unsubscribeMailto}>` },
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    alternatives: [part("text/plain", mark.text), part("text/html", mark.html)],
  });
  const skeleton = (await composer.compile().build()).toString("latin1");
  const names = Object.keys(mark) as (keyof typeof mark)[];
  const pattern = new RegExp(names.map((n) => mark[n].replace(/[.*+?^${}()|[\]\\<>]/g, "\\$&")).join("|"), "g");
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of skeleton.matchAll(pattern)) {
    pieces.push({ bytes: Buffer.from(skeleton.slice(last, m.index), "latin1") });
    const name = names.find((n) => mark[n] === m[0]) as keyof typeof mark;
    pieces.push(name === "text" || name === "html" ? { body: name } : { header: name });
    last = m.index + m[0].length;
  }
  pieces.push({ bytes: Buffer.from(skeleton.slice(last), "latin1") });
  if (pieces.length !== 2 * names.length + 1)
    throw new Error(`the composed message has ${(pieces.length - 1) / 2} of ${names.length} placeholders`);
  return { pieces, text: encodeBody(t.text), html: encodeBody(t.html) };
}

/** Addresses, Message-IDs and https URLs are validated ASCII; anything else must never reach a header raw. */
function asciiHeaderValue(value: string): Buffer {
  if (!/^[\x21-\x7e]+$/.test(value)) throw new Error(`not a printable ASCII header value: ${JSON.stringify(value)}`);
  return Buffer.from(value, "latin1");
}

/** One recipient's message: the template's bytes with the recipient's values. */
export function messageBytes(c: CompiledTemplate, fill: RecipientFill): Buffer {
  const out: Buffer[] = [];
  for (const p of c.pieces) {
    if ("bytes" in p) out.push(p.bytes);
    else if ("body" in p) bodyBytes(c[p.body], fill[p.body], out);
    else if (p.header === "date") out.push(Buffer.from(rfc5322Date(fill.date), "latin1"));
    else out.push(asciiHeaderValue(p.header === "messageId" ? fill.messageId : p.header === "to" ? fill.to : fill.unsubscribeUrl));
  }
  return Buffer.concat(out);
}
