/** ESP webhooks for bounces and complaints: the public API the `serve` route uses. */
export { readWebhook } from "./read-webhook.js";
export { webhookConfigFromEnv, WEBHOOK_ENV } from "./config.js";
export { createReplayCache, type ReplayCacheOptions } from "./replay-cache.js";
export { MAX_WEBHOOK_BODY_BYTES } from "./request-body.js";
export type {
  BounceClass,
  ProviderDeps,
  RejectionStatus,
  WebhookConfig,
  WebhookEvent,
  WebhookOutcome,
  WebhookProvider,
  WebhookRequest,
} from "./model.js";
