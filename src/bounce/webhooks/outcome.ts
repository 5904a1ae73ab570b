/**
 * Builders for the outcomes every provider returns. Each rejection code has one fixed HTTP status,
 * listed here once (and documented in docs/error-codes.md), so a code can never be answered with two
 * different statuses by two providers.
 */
import type { RejectedOutcome, RejectionStatus, WebhookOutcome } from "./model.js";

const REJECTIONS = {
  notConfigured: { status: 403, code: "webhook-not-configured" },
  notPost: { status: 400, code: "webhook-not-post" },
  tooLarge: { status: 413, code: "webhook-too-large" },
  contentType: { status: 415, code: "webhook-content-type" },
  notUtf8: { status: 400, code: "webhook-not-utf8" },
  invalidJson: { status: 400, code: "webhook-invalid-json" },
  invalidPayload: { status: 400, code: "webhook-invalid-payload" },
  unauthorized: { status: 401, code: "webhook-unauthorized" },
  badSignature: { status: 403, code: "webhook-bad-signature" },
  stale: { status: 403, code: "webhook-stale" },
  replay: { status: 403, code: "webhook-replay" },
  snsUnknownType: { status: 400, code: "webhook-sns-unknown-type" },
  snsHeaderMismatch: { status: 400, code: "webhook-sns-header-mismatch" },
  snsSignatureVersion: { status: 403, code: "webhook-sns-signature-version" },
  snsCertUrl: { status: 403, code: "webhook-sns-cert-url" },
  snsUnknownTopic: { status: 403, code: "webhook-sns-unknown-topic" },
  snsCertificate: { status: 403, code: "webhook-sns-certificate" },
  snsSubscribeUrl: { status: 403, code: "webhook-sns-subscribe-url" },
} as const satisfies Record<string, { status: RejectionStatus; code: string }>;

export type Rejection = keyof typeof REJECTIONS;

/** A request that is not trusted or not readable; `message` must not echo more than a short, printable excerpt. */
export function reject(rejection: Rejection, message: string): RejectedOutcome {
  const { status, code } = REJECTIONS[rejection];
  return { kind: "rejected", status, code, message };
}

/** A verified request that asks nothing of us. */
export function ignored(reason: string): WebhookOutcome {
  return { kind: "ignored", reason };
}
