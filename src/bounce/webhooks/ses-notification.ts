/**
 * SES's own JSON inside a verified SNS Notification: Bounce and Complaint become one event per
 * recipient, everything else (Delivery, Send, Open, DeliveryDelay …) is ignored. Identity
 * notifications say `notificationType`, configuration-set event publishing says `eventType`; the
 * bodies are the same.
 */
import { printable } from "../../lib/text-safety.js";
import { diagnosticText, enhancedStatus, enhancedStatusIn, isoInstant, messageIdValue, recipientEmail } from "./event-fields.js";
import { arrayAt, isJsonObject, type Json, type JsonObject, objectAt, stringAt } from "./json.js";
import type { BounceClass, WebhookEvent, WebhookOutcome } from "./model.js";
import { ignored, reject } from "./outcome.js";
import { classifyPermanentFailure } from "./permanent-failure.js";

/**
 * SES bounceType/bounceSubType → class. Permanent/Suppressed (SES's global suppression list) and
 * Permanent/OnAccountSuppressionList are `hard`: SES did not even try, and it only lists addresses
 * that hard-bounced (or, for the account list, complained) before, so SES will refuse every later
 * message too; mirroring that in our suppression list stops us from sending into a wall.
 * Permanent/General is read from the status and text (a spam refusal is `policy`, see
 * permanent-failure.ts). Undetermined and unknown types are `soft`: not enough to suppress anybody.
 */
function bounceClass(type: string | null, subType: string | null, status: string | null, text: string): BounceClass {
  if (type === "Permanent") {
    if (subType === "General") return classifyPermanentFailure(status, text);
    return "hard"; // NoEmail, Suppressed, OnAccountSuppressionList and any new permanent subtype
  }
  if (type === "Transient") {
    if (subType === "MessageTooLarge" || subType === "ContentRejected" || subType === "AttachmentRejected") return "policy";
    return "soft"; // General, MailboxFull and any new transient subtype
  }
  return "soft"; // Undetermined
}

/** Our Message-ID from the copied headers (when "include original headers" is on) or commonHeaders. */
function ourMessageId(mail: JsonObject | null): string | null {
  if (mail === null) return null;
  for (const header of arrayAt(mail, "headers")) {
    if (!isJsonObject(header) || stringAt(header, "name")?.toLowerCase() !== "message-id") continue;
    const id = messageIdValue(stringAt(header, "value"));
    if (id !== null) return id;
  }
  const common = objectAt(mail, "commonHeaders");
  return common === null ? null : messageIdValue(stringAt(common, "messageId"));
}

interface Recipient {
  email: string;
  status: string | null;
  diagnostic: string;
}

function recipients(list: Json[], describe: (r: JsonObject) => string): Recipient[] {
  const out: Recipient[] = [];
  for (const r of list) {
    if (!isJsonObject(r)) continue;
    const email = recipientEmail(stringAt(r, "emailAddress"));
    if (email === null) continue; // a hostile or broken address: skip it, keep the others
    const diagnostic = diagnosticText(describe(r));
    out.push({ email, status: enhancedStatus(stringAt(r, "status")) ?? enhancedStatusIn(diagnostic), diagnostic });
  }
  return out;
}

/**
 * The outcome of one SES notification. `snsMessageId` makes the event ids (SNS keeps it across
 * retries, so a redelivered message yields the same ids); `snsTimestamp` is the fallback time.
 */
export function sesNotificationOutcome(notification: JsonObject, snsMessageId: string, snsTimestamp: string): WebhookOutcome {
  const kind = stringAt(notification, "notificationType") ?? stringAt(notification, "eventType");
  if (kind === null) return reject("invalidPayload", "SES message without notificationType or eventType");
  if (kind !== "Bounce" && kind !== "Complaint") return ignored(`SES ${printable(kind.slice(0, 40))} notification`);
  const detail = objectAt(notification, kind === "Bounce" ? "bounce" : "complaint");
  if (detail === null) return reject("invalidPayload", `SES ${kind} without its "${kind.toLowerCase()}" object`);
  const messageId = ourMessageId(objectAt(notification, "mail"));
  const occurredAt = isoInstant(stringAt(detail, "timestamp")) ?? snsTimestamp;

  let found: { recipient: Recipient; class: BounceClass }[];
  if (kind === "Bounce") {
    const type = stringAt(detail, "bounceType");
    const subType = stringAt(detail, "bounceSubType");
    const fallback = `${type ?? "?"}/${subType ?? "?"}`;
    found = recipients(arrayAt(detail, "bouncedRecipients"), (r) => stringAt(r, "diagnosticCode") ?? fallback).map((recipient) => ({
      recipient,
      class: bounceClass(type, subType, recipient.status, recipient.diagnostic),
    }));
  } else {
    // an ARF "not-spam" report is the opposite of a complaint; abuse, fraud, virus, other or none are complaints
    const feedback = stringAt(detail, "complaintFeedbackType");
    const subType = stringAt(detail, "complaintSubType");
    const text = ["complaint", feedback, subType].filter((s) => s !== null && s !== "").join(" ");
    found = recipients(arrayAt(detail, "complainedRecipients"), () => text).map((recipient) => ({
      recipient: { ...recipient, status: null },
      class: feedback === "not-spam" ? "none" : "complaint",
    }));
  }

  const events = new Map<string, WebhookEvent>();
  for (const { recipient, class: cls } of found) {
    const eventId = `${snsMessageId}:${recipient.email}`;
    const { email, status, diagnostic } = recipient;
    events.set(eventId, { provider: "ses", eventId, email, class: cls, status, diagnostic, messageId, occurredAt });
  }
  if (events.size === 0) return ignored(`SES ${kind} without a valid recipient address`);
  return { kind: "events", events: [...events.values()] };
}
