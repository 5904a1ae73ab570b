/**
 * The common model of ESP webhooks: whatever SES, Postmark or Mailgun sent, the HTTP route gets one
 * `WebhookOutcome` back. Only `events` and `confirm-subscription` come from a request whose sender was
 * proven (signature, HMAC or credentials); everything else is answered without acting on it.
 */

/** What a webhook event means for the address: the classes of the bounce reader (types/bounce.ts). */
import type { BounceClass } from "../../types/bounce.js";

export type { BounceClass };

export type WebhookProvider = "ses" | "postmark" | "mailgun";

export interface WebhookEvent {
  provider: WebhookProvider;
  /** The provider's unique id of this event (idempotency key); for SES the SNS MessageId plus the recipient. */
  eventId: string;
  /** canonicalEmail of the affected recipient. */
  email: string;
  class: BounceClass;
  /** Enhanced status such as "5.1.1" when the payload gives one (or its diagnostic contains one). */
  status: string | null;
  /** The provider's diagnostic text on one printable line, at most 1000 characters. */
  diagnostic: string;
  /** Message-ID of OUR original message, in <angle brackets>, when the payload carries it. */
  messageId: string | null;
  /** ISO time of the event, from the payload. */
  occurredAt: string;
}

export interface WebhookRequest {
  method: string;
  /** Node's `IncomingMessage.headers` (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  remoteAddress: string | null;
}

export type RejectionStatus = 400 | 401 | 403 | 413 | 415;

export type WebhookOutcome =
  /** Verified; the caller records the events and answers 200 once they are stored. */
  | { kind: "events"; events: WebhookEvent[] }
  /** A verified SNS SubscriptionConfirmation; the caller GETs `subscribeUrl` (already checked to be SNS's). */
  | { kind: "confirm-subscription"; subscribeUrl: string; topicArn: string }
  /** Verified but nothing to do (SES Delivery, Postmark Open, UnsubscribeConfirmation …); answer 200. */
  | { kind: "ignored"; reason: string }
  /** Never trusted; `message` is safe to log and says why. */
  | { kind: "rejected"; status: RejectionStatus; code: string; message: string };

export type RejectedOutcome = Extract<WebhookOutcome, { kind: "rejected" }>;

export interface ProviderDeps {
  /** The clock (ms since the epoch): SNS and Mailgun timestamps are checked against it. */
  now: () => number;
  /** GETs an SNS signing certificate (PEM) over https; called only for URLs already checked to be SNS's. */
  fetchCertificate: (url: string) => Promise<string>;
  /**
   * Replay cache for Mailgun tokens: records the key and returns true when it was recorded before.
   * Called only for requests whose signature and timestamp were verified (see replay-cache.ts).
   */
  seen?: (key: string) => boolean;
}

/** Which providers are enabled, with their secrets; `null` means the provider is not configured. */
export interface WebhookConfig {
  ses: { topicArns: ReadonlySet<string> } | null;
  /** HTTP Basic credentials "user:password" that Postmark sends (set in the webhook URL). */
  postmark: { credentials: string } | null;
  /** Mailgun's HTTP webhook signing key. */
  mailgun: { signingKey: string } | null;
}
