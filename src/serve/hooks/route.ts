/**
 * `POST /hooks/<provider>`: ESP webhooks for bounces and complaints (Amazon SES through SNS, Postmark,
 * Mailgun). The provider module proves the sender (signature, HMAC or credentials) and classifies;
 * this route answers 2xx only once the events are recorded, so a provider retries what we did not
 * store, and never acts on an unverified request. SNS subscription confirmations are confirmed by
 * fetching the (checked) SubscribeURL.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { KoepfeError } from "../../lib/errors.js";
import {
  MAX_WEBHOOK_BODY_BYTES,
  readWebhook,
  type ProviderDeps,
  type WebhookConfig,
  type WebhookEvent,
} from "../../bounce/webhooks/index.js";
import { BodyTooLarge, readBody } from "../http.js";

export interface HookDeps {
  config: WebhookConfig;
  provider: ProviderDeps;
  /** Records the events (and acts on them) durably; throws when they could not be stored. */
  record(events: readonly WebhookEvent[]): void;
  /** GETs an SNS SubscribeURL (already checked to be SNS's). */
  confirm(url: string): Promise<void>;
  log(event: string, fields: Record<string, unknown>): void;
}

const PATH = /^\/hooks\/([a-z0-9-]{1,40})\/?$/;

function answer(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const body = `${text}\n`;
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra,
  });
  res.end(body);
}

/** True when the path is a webhook's. */
export function isHookPath(pathname: string): boolean {
  return pathname.startsWith("/hooks/");
}

export async function handleHook(req: IncomingMessage, res: ServerResponse, pathname: string, deps: HookDeps): Promise<void> {
  const provider = PATH.exec(pathname)?.[1];
  if (provider === undefined) return answer(res, 404, "not found");
  if (req.method !== "POST") return answer(res, 405, "POST only", { allow: "POST" });
  let body: Buffer;
  try {
    body = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    deps.log("webhook-refused", { provider, code: "webhook-too-large" });
    answer(res, 413, "webhook-too-large", { connection: "close" });
    req.destroy();
    return;
  }
  const request = { method: req.method, headers: req.headers, body, remoteAddress: req.socket.remoteAddress ?? null };
  let outcome: Awaited<ReturnType<typeof readWebhook>>;
  try {
    outcome = await readWebhook(provider, request, deps.config, deps.provider);
  } catch (e) {
    // the SNS signing certificate could not be fetched: our side, SNS retries a 5xx
    if (!(e instanceof KoepfeError)) throw e;
    deps.log("webhook-unavailable", { provider, code: e.code, error: e.message });
    return answer(res, 503, "try again later", { "retry-after": "60" });
  }
  switch (outcome.kind) {
    case "rejected":
      deps.log("webhook-refused", { provider, code: outcome.code, reason: outcome.message, remote: request.remoteAddress });
      return answer(res, outcome.status, outcome.code);
    case "ignored":
      deps.log("webhook-ignored", { provider, reason: outcome.reason });
      return answer(res, 200, "ok");
    case "confirm-subscription":
      try {
        await deps.confirm(outcome.subscribeUrl);
      } catch (e) {
        deps.log("webhook-unavailable", { provider, topic: outcome.topicArn, error: e instanceof Error ? e.message : String(e) });
        return answer(res, 503, "try again later", { "retry-after": "60" });
      }
      deps.log("webhook-subscribed", { provider, topic: outcome.topicArn });
      return answer(res, 200, "ok");
    case "events":
      try {
        deps.record(outcome.events);
      } catch (e) {
        // not stored: a 5xx makes the provider send it again later
        deps.log("webhook-unavailable", { provider, error: e instanceof Error ? e.message : String(e) });
        return answer(res, 503, "try again later", { "retry-after": "60" });
      }
      deps.log("webhook-recorded", { provider, events: outcome.events.length });
      return answer(res, 200, "ok");
  }
}
