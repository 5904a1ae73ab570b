/**
 * Reading one message from the bounce mailbox: bytes in, a classified report out. mailparser does
 * the MIME work; interpret.ts decides. Never throws for bad input: a message that is not a mail, or
 * that MIME cannot read, is a result with a code.
 */
import { createHash } from "node:crypto";
import { simpleParser, type ParsedMail } from "mailparser";
import { headOf, parseFields } from "./header-fields.js";
import { interpret } from "./interpret.js";
import { looksLikeMail } from "./looks-like-mail.js";
import type { MailParts } from "./mail-parts.js";
import { normaliseMessageId } from "./original-message.js";
import type { ReadResult } from "./types.js";

/**
 * Report parts come first and are small; what makes a bounce big is the returned original (a
 * 50 MB attachment). Reading only the head bounds time and memory; the original may be cut.
 */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
/** HTML is only read for NDRs without a text part; longer HTML is no NDR. */
const MAX_HTML = 512 * 1024;

const DSN_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);
const ORIGINAL_TYPES = new Set(["message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers"]);

function partsOf(mail: ParsedMail, head: string): MailParts {
  const contentType = mail.headers.get("content-type");
  const params =
    typeof contentType === "object" && contentType !== null && "params" in contentType
      ? (contentType.params as Record<string, string | undefined>)
      : {};
  const from = mail.from?.value[0];
  const parts: MailParts = {
    fields: parseFields(head),
    fromAddress: from?.address ?? null,
    fromName: from?.name ?? "",
    subject: mail.subject ?? "",
    messageId: mail.messageId === undefined ? null : normaliseMessageId(mail.messageId),
    reportType: params["report-type"]?.toLowerCase() ?? null,
    text: mail.text ?? "",
    deliveryStatus: [],
    feedbackReports: [],
    originalHeads: [],
  };
  for (const attachment of mail.attachments) {
    const type = attachment.contentType.toLowerCase();
    const body = attachment.content.toString("utf8");
    if (DSN_TYPES.has(type)) parts.deliveryStatus.push(body);
    else if (type === "message/feedback-report") parts.feedbackReports.push(body);
    else if (ORIGINAL_TYPES.has(type)) parts.originalHeads.push(headOf(body));
  }
  return parts;
}

/**
 * Reads one report message (DSN, ARF complaint, auto-reply or a relay's text bounce) and classifies
 * each recipient it names. Only the first `maxBytes` (default 2 MB) are parsed.
 */
export async function readReport(raw: Buffer | Uint8Array, options: { maxBytes?: number } = {}): Promise<ReadResult> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length === 0) return { ok: false, code: "not-a-mail", message: "the input is empty: expected a mail message (RFC 5322)" };
  if (!looksLikeMail(bytes)) {
    return {
      ok: false,
      code: "not-a-mail",
      message: `the input (${bytes.length} bytes) does not start with a mail head ("From:", "Received:" … lines): expected one message from the bounce mailbox, as .eml`,
    };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const truncated = bytes.length > maxBytes;
  const input = truncated ? bytes.subarray(0, maxBytes) : bytes;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(input, {
      keepDeliveryStatus: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: MAX_HTML,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, code: "unreadable-mime", message: `the message's MIME structure cannot be read (${detail})` };
  }
  const parts = partsOf(mail, headOf(input.subarray(0, 256 * 1024).toString("latin1")));
  const reportId = parts.messageId ?? `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  return { ok: true, report: { ...interpret(parts), reportId, truncated } };
}
