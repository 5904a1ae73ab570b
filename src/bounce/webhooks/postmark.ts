/**
 * Postmark webhooks. Postmark signs nothing: it authenticates with the HTTP Basic credentials written
 * into the webhook URL (https://user:password@host/hooks/postmark), so the credentials are checked
 * first, in constant time, before the body is even parsed. Bounce and SpamComplaint records become
 * events; Delivery, Open, Click, SubscriptionChange and other record types are ignored.
 */
import { printable } from "../../lib/text-safety.js";
import { diagnosticText, enhancedStatusIn, isEventId, isoInstant, messageIdValue, recipientEmail } from "./event-fields.js";
import { arrayAt, isJsonObject, type JsonObject, numberAt, objectAt, stringAt } from "./json.js";
import type { WebhookConfig, WebhookOutcome, WebhookRequest } from "./model.js";
import { ignored, reject } from "./outcome.js";
import { postmarkBounceClass } from "./postmark-classes.js";
import { headerValue, readJsonBody } from "./request-body.js";
import { secretsEqual } from "./secret-compare.js";

/** True when the request carries `Authorization: Basic base64(user:password)` with the configured pair. */
export function hasPostmarkCredentials(req: WebhookRequest, credentials: string): boolean {
  const m = /^Basic +([A-Za-z0-9+/]{1,1000}={0,2})\s*$/i.exec(headerValue(req.headers, "authorization") ?? "");
  if (!m) return false;
  return secretsEqual(Buffer.from(m[1] ?? "", "base64"), Buffer.from(credentials, "utf8"));
}

/**
 * Our Message-ID: Postmark reports its own MessageID (a UUID), so ours is only known when the payload
 * carries headers (a "Headers" list of {Name, Value}) or when the sender put it into the message's
 * metadata as "message-id" (SMTP header `X-PM-Metadata-message-id`).
 */
function ourMessageId(record: JsonObject): string | null {
  for (const header of arrayAt(record, "Headers")) {
    if (!isJsonObject(header) || stringAt(header, "Name")?.toLowerCase() !== "message-id") continue;
    const id = messageIdValue(stringAt(header, "Value"));
    if (id !== null) return id;
  }
  const metadata = objectAt(record, "Metadata");
  return metadata === null ? null : messageIdValue(stringAt(metadata, "message-id"));
}

/**
 * The record's ID as a string. Postmark IDs are 64-bit integers (its documented example is
 * 4323372036854775807), which JSON.parse rounds above 2^53, and a rounded ID could make two bounces
 * one idempotency key; the exact digits are then taken from the body text when "ID" occurs there once.
 */
function recordId(record: JsonObject, text: string): string | null {
  const id = numberAt(record, "ID") ?? stringAt(record, "ID");
  if (typeof id === "string") return isEventId(id) ? id : null;
  if (id === null || !Number.isInteger(id) || id < 0) return null;
  if (Number.isSafeInteger(id)) return String(id);
  const literals = [...text.matchAll(/"ID"\s*:\s*(\d{1,20})\s*[,}]/g)];
  const digits = literals.length === 1 ? literals[0]?.[1] : undefined;
  return digits !== undefined && Number(digits) === id ? digits : null;
}

/** The outcome of one Postmark webhook POST; 401 without the configured credentials. */
export async function readPostmarkWebhook(req: WebhookRequest, config: NonNullable<WebhookConfig["postmark"]>): Promise<WebhookOutcome> {
  if (!hasPostmarkCredentials(req, config.credentials)) {
    return reject("unauthorized", "missing or wrong HTTP Basic credentials for the Postmark webhook");
  }
  const body = readJsonBody(req, ["application/json"]);
  if (!body.ok) return body.rejected;
  const record = body.json;
  const recordType = stringAt(record, "RecordType");
  if (recordType === null) return reject("invalidPayload", "Postmark payload without RecordType");
  if (recordType !== "Bounce" && recordType !== "SpamComplaint") return ignored(`Postmark ${printable(recordType.slice(0, 40))} record`);

  const eventId = recordId(record, body.text);
  if (eventId === null) return reject("invalidPayload", `Postmark ${recordType} without a usable ID`);
  const occurredAt = isoInstant(stringAt(record, "BouncedAt"));
  if (occurredAt === null) return reject("invalidPayload", `Postmark ${recordType} without an ISO BouncedAt`);
  const email = recipientEmail(stringAt(record, "Email"));
  if (email === null) return ignored(`Postmark ${recordType} without a valid recipient address`);

  const type = stringAt(record, "Type");
  const diagnostic = diagnosticText(stringAt(record, "Details") || stringAt(record, "Description") || type || recordType);
  return {
    kind: "events",
    events: [
      {
        provider: "postmark",
        eventId,
        email,
        class: recordType === "SpamComplaint" ? "complaint" : postmarkBounceClass(type),
        status: enhancedStatusIn(diagnostic),
        diagnostic,
        messageId: ourMessageId(record),
        occurredAt,
      },
    ],
  };
}
