/**
 * Amazon SES bounce and complaint notifications, delivered by SNS to an HTTPS subscription. Trust
 * comes only from SNS's signature: every check that needs no network (types, headers, certificate
 * URL, topic, age) runs before the certificate is fetched, so a forged request costs us no request
 * to anybody, and nothing in the body is used before the signature is verified.
 */
import { printable } from "../../lib/text-safety.js";
import { isJsonObject } from "./json.js";
import type { ProviderDeps, WebhookConfig, WebhookOutcome, WebhookRequest } from "./model.js";
import { ignored, reject } from "./outcome.js";
import { headerValue, readJsonBody } from "./request-body.js";
import { isoInstant } from "./event-fields.js";
import { sesNotificationOutcome } from "./ses-notification.js";
import { snsPublicKey } from "./sns-certificates.js";
import { readSnsMessage } from "./sns-message.js";
import { isSupportedSignatureVersion, verifySnsSignature } from "./sns-signature.js";
import { isSnsSigningCertUrl, isSnsSubscribeUrl } from "./sns-urls.js";

/** SNS retries a delivery for up to an hour with the original Timestamp; older messages are replays. */
export const SNS_MAX_AGE_MS = 60 * 60 * 1000;
/** Clock skew we tolerate for a Timestamp in the future. */
export const SNS_MAX_FUTURE_MS = 5 * 60 * 1000;

/**
 * The outcome of one SNS POST for SES. Throws E_WEBHOOK_CERT_FETCH only when the signing certificate
 * cannot be fetched (our network or AWS): the route should answer 5xx so that SNS tries again.
 */
export async function readSesWebhook(
  req: WebhookRequest,
  config: NonNullable<WebhookConfig["ses"]>,
  deps: ProviderDeps,
): Promise<WebhookOutcome> {
  // SNS posts its JSON as "text/plain; charset=UTF-8"; only this provider accepts text/plain
  const body = readJsonBody(req, ["text/plain", "application/json"]);
  if (!body.ok) return body.rejected;
  const read = readSnsMessage(body.json);
  if (!read.ok) return read.rejected;
  const m = read.message;

  if (headerValue(req.headers, "x-amz-sns-message-type") !== m.type) {
    return reject("snsHeaderMismatch", `header x-amz-sns-message-type is missing or does not say ${m.type}`);
  }
  const topicHeader = headerValue(req.headers, "x-amz-sns-topic-arn");
  if (topicHeader !== null && topicHeader !== m.topicArn) {
    return reject("snsHeaderMismatch", "header x-amz-sns-topic-arn differs from the message's TopicArn");
  }
  if (!isSupportedSignatureVersion(m.signatureVersion)) {
    return reject("snsSignatureVersion", 'SignatureVersion must be "1" or "2"');
  }
  if (!isSnsSigningCertUrl(m.signingCertUrl)) {
    return reject("snsCertUrl", "SigningCertURL is not https://sns.<region>.amazonaws.com/….pem");
  }
  if (!config.topicArns.has(m.topicArn)) {
    return reject("snsUnknownTopic", `topic ${printable(m.topicArn.slice(0, 200))} is not in KOEPFE_WEBHOOK_SES_TOPICS`);
  }
  const sentAt = isoInstant(m.timestamp);
  if (sentAt === null) return reject("invalidPayload", "SNS Timestamp is not an ISO time");
  const age = deps.now() - Date.parse(sentAt);
  if (age > SNS_MAX_AGE_MS || age < -SNS_MAX_FUTURE_MS) {
    return reject("stale", `SNS Timestamp ${sentAt} is more than an hour old or in the future`);
  }

  const key = await snsPublicKey(deps.fetchCertificate, m.signingCertUrl, deps.now());
  if (!key.ok) return reject("snsCertificate", key.reason);
  if (!verifySnsSignature(m, key.publicKey)) {
    return reject("badSignature", "the SNS signature does not match the message");
  }

  // from here on the message is SNS's own
  switch (m.type) {
    case "SubscriptionConfirmation":
      if (m.subscribeUrl === null || !isSnsSubscribeUrl(m.subscribeUrl, m.topicArn)) {
        return reject("snsSubscribeUrl", "SubscribeURL is not SNS's ConfirmSubscription link for this topic");
      }
      return { kind: "confirm-subscription", subscribeUrl: m.subscribeUrl, topicArn: m.topicArn };
    case "UnsubscribeConfirmation":
      return ignored(`SNS UnsubscribeConfirmation for ${m.topicArn}`);
    case "Notification":
      return sesNotification(m.message, m.messageId, sentAt);
  }
}

function sesNotification(message: string, snsMessageId: string, sentAt: string): WebhookOutcome {
  let notification: unknown;
  try {
    notification = JSON.parse(message);
  } catch {
    return ignored("SNS Notification whose Message is not JSON (not from SES)");
  }
  if (!isJsonObject(notification)) return ignored("SNS Notification whose Message is not a JSON object (not from SES)");
  return sesNotificationOutcome(notification, snsMessageId, sentAt);
}
