/**
 * Mailgun webhooks (JSON, "event-data" with a signature object). `failed` becomes a bounce event
 * (permanent: classified from the reason, status and text; temporary: soft), `complained` a complaint;
 * delivered, opened, clicked, unsubscribed, accepted and others are ignored.
 */
import { printable } from "../../lib/text-safety.js";
import {
  diagnosticText,
  enhancedStatus,
  enhancedStatusIn,
  isEventId,
  messageIdValue,
  recipientEmail,
  unixSecondsInstant,
} from "./event-fields.js";
import { type JsonObject, numberAt, objectAt, stringAt } from "./json.js";
import { mailgunFailureClass } from "./mailgun-classes.js";
import { checkMailgunSignature } from "./mailgun-signature.js";
import type { ProviderDeps, WebhookConfig, WebhookEvent, WebhookOutcome, WebhookRequest } from "./model.js";
import { ignored, reject } from "./outcome.js";
import { readJsonBody } from "./request-body.js";

/** Mailgun reports the Message-ID without angle brackets ("20240101.abc@mg.example.com"). */
function ourMessageId(data: JsonObject): string | null {
  const headers = objectAt(objectAt(data, "message") ?? {}, "headers");
  return headers === null ? null : messageIdValue(stringAt(headers, "message-id"));
}

/** The receiver's words: delivery-status message, else description, else Mailgun's reason. */
function failureText(data: JsonObject, delivery: JsonObject): string {
  const code = numberAt(delivery, "code");
  const words = stringAt(delivery, "message") || stringAt(delivery, "description") || stringAt(data, "reason") || "failed";
  return code === null || words.startsWith(String(code)) ? words : `${code} ${words}`;
}

/** The outcome of one Mailgun webhook POST. */
export async function readMailgunWebhook(
  req: WebhookRequest,
  config: NonNullable<WebhookConfig["mailgun"]>,
  deps: ProviderDeps,
): Promise<WebhookOutcome> {
  const body = readJsonBody(req, ["application/json"]);
  if (!body.ok) return body.rejected;
  const rejected = checkMailgunSignature(body.json, config.signingKey, deps);
  if (rejected !== null) return rejected;

  const data = objectAt(body.json, "event-data");
  if (data === null) return reject("invalidPayload", 'Mailgun payload without "event-data"');
  const event = stringAt(data, "event");
  if (event !== "failed" && event !== "complained") return ignored(`Mailgun ${printable((event ?? "unnamed").slice(0, 40))} event`);

  const eventId = stringAt(data, "id");
  if (!isEventId(eventId)) return reject("invalidPayload", `Mailgun ${event} event without a usable id`);
  const occurredAt = unixSecondsInstant(numberAt(data, "timestamp"));
  if (occurredAt === null) return reject("invalidPayload", `Mailgun ${event} event without a numeric timestamp`);
  const email = recipientEmail(stringAt(data, "recipient"));
  if (email === null) return ignored(`Mailgun ${event} event without a valid recipient address`);

  const common = { provider: "mailgun", eventId, email, messageId: ourMessageId(data), occurredAt } as const;
  let result: WebhookEvent;
  if (event === "complained") {
    result = { ...common, class: "complaint", status: null, diagnostic: "complaint" };
  } else {
    const delivery = objectAt(data, "delivery-status") ?? {};
    const diagnostic = diagnosticText(failureText(data, delivery));
    const status = enhancedStatus(stringAt(delivery, "enhanced-code")) ?? enhancedStatusIn(diagnostic);
    const cls = mailgunFailureClass(stringAt(data, "severity"), stringAt(data, "reason"), status, diagnostic);
    result = { ...common, class: cls, status, diagnostic };
  }
  return { kind: "events", events: [result] };
}
