/**
 * The checks every webhook body passes before any provider reads it: POST, size, media type, UTF-8,
 * JSON object. SNS and Mailgun carry their proof inside the body, so for them these checks come first;
 * Postmark's credentials are checked before them. No provider logic ever sees bytes that are not a
 * JSON object.
 */
import { printable } from "../../lib/text-safety.js";
import { isJsonObject, type JsonObject } from "./json.js";
import type { RejectedOutcome, WebhookRequest } from "./model.js";
import { reject } from "./outcome.js";

/**
 * Largest accepted body. SNS messages are at most 256 KiB and SES bounce or complaint notifications are
 * a few KiB (SES truncates the copied headers); Postmark and Mailgun events are smaller still. The HTTP
 * route should stop reading at this size too instead of buffering an endless body.
 */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** A header's value, or null when it is missing or sent more than once (ambiguous, so never trusted). */
export function headerValue(headers: WebhookRequest["headers"], name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return typeof value === "string" ? value : null;
  }
  return null;
}

/** "application/json; charset=utf-8" → { type: "application/json", charset: "utf-8" }. */
function parseContentType(value: string): { type: string; charset: string | null } {
  const [type = "", ...params] = value.split(";");
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p);
    if (m) charset = (m[1] ?? "").toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The body as a JSON object, or the rejection to answer. `mediaTypes` lists what the provider sends
 * (SNS posts "text/plain; charset=UTF-8", the others "application/json").
 */
export function readJsonBody(
  req: WebhookRequest,
  mediaTypes: readonly string[],
): { ok: true; json: JsonObject; text: string } | { ok: false; rejected: RejectedOutcome } {
  const fail = (rejected: RejectedOutcome) => ({ ok: false as const, rejected });
  if (req.method.toUpperCase() !== "POST") return fail(reject("notPost", "webhooks are POST requests"));
  if (req.body.length > MAX_WEBHOOK_BODY_BYTES) {
    return fail(reject("tooLarge", `body of ${req.body.length} bytes exceeds the limit of ${MAX_WEBHOOK_BODY_BYTES}`));
  }
  const contentType = parseContentType(headerValue(req.headers, "content-type") ?? "");
  if (!mediaTypes.includes(contentType.type) || (contentType.charset !== null && contentType.charset !== "utf-8")) {
    const found = contentType.type === "" ? "none" : `"${printable(contentType.type.slice(0, 60))}"`;
    return fail(reject("contentType", `expected content type ${mediaTypes.join(" or ")} (UTF-8), found ${found}`));
  }
  let text: string;
  try {
    text = utf8.decode(req.body);
  } catch {
    return fail(reject("notUtf8", "the body is not valid UTF-8"));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(reject("invalidJson", "the body is not valid JSON"));
  }
  if (!isJsonObject(json)) return fail(reject("invalidPayload", "the body is JSON but not an object"));
  return { ok: true, json, text };
}
