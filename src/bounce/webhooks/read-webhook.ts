/**
 * The one entry the HTTP route calls for `POST /hooks/<provider>`: picks the provider, which checks
 * the request's authenticity its own way, and returns what to do. Pure apart from the certificate
 * fetch and the replay cache, which come in through `deps`.
 */
import { printable } from "../../lib/text-safety.js";
import { readMailgunWebhook } from "./mailgun.js";
import type { ProviderDeps, WebhookConfig, WebhookOutcome, WebhookRequest } from "./model.js";
import { reject } from "./outcome.js";
import { readPostmarkWebhook } from "./postmark.js";
import { readSesWebhook } from "./ses.js";

/**
 * Reads one webhook request. An unknown provider and a known but unconfigured one get the same 403
 * "webhook-not-configured", so the answer does not reveal which providers are enabled.
 * Throws only E_WEBHOOK_CERT_FETCH (SNS certificate unreachable: answer 5xx so SNS retries).
 */
export async function readWebhook(
  provider: string,
  req: WebhookRequest,
  config: WebhookConfig,
  deps: ProviderDeps,
): Promise<WebhookOutcome> {
  if (provider === "ses" && config.ses !== null) return readSesWebhook(req, config.ses, deps);
  if (provider === "postmark" && config.postmark !== null) return readPostmarkWebhook(req, config.postmark);
  if (provider === "mailgun" && config.mailgun !== null) return readMailgunWebhook(req, config.mailgun, deps);
  return reject("notConfigured", `no webhook is configured for "${printable(provider.slice(0, 40))}"`);
}
