/**
 * Which webhook providers `koepfe serve` accepts, read once from the environment. A provider without
 * its variable is disabled (its URL answers like an unknown one); a variable that is set but unusable
 * stops the server at start, because a typo would otherwise reject every real bounce in silence.
 */
import { KoepfeError } from "../../lib/errors.js";
import type { WebhookConfig } from "./model.js";

export const WEBHOOK_ENV = {
  sesTopics: "KOEPFE_WEBHOOK_SES_TOPICS",
  postmarkAuth: "KOEPFE_WEBHOOK_POSTMARK_AUTH",
  mailgunKey: "KOEPFE_WEBHOOK_MAILGUN_KEY",
} as const;

const MIN_SECRET_LENGTH = 16;
// arn:aws:sns:eu-central-1:123456789012:koepfe-bounces (also the aws-cn and aws-us-gov partitions)
const TOPIC_ARN = /^arn:aws(?:-cn|-us-gov)?:sns:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:[A-Za-z0-9_-]{1,256}$/;

function configError(message: string): KoepfeError {
  return new KoepfeError("E_WEBHOOK_CONFIG", message);
}

function sesTopics(raw: string): ReadonlySet<string> {
  const arns = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const bad = arns.find((arn) => !TOPIC_ARN.test(arn));
  if (bad !== undefined) {
    throw configError(
      `${WEBHOOK_ENV.sesTopics}: "${bad.slice(0, 120)}" is not an SNS topic ARN (expected e.g. arn:aws:sns:eu-central-1:123456789012:koepfe-bounces)`,
    );
  }
  return new Set(arns);
}

function postmarkCredentials(raw: string): string {
  const colon = raw.indexOf(":");
  const user = colon < 0 ? "" : raw.slice(0, colon);
  const password = colon < 0 ? "" : raw.slice(colon + 1);
  if (user.length === 0 || password.length < MIN_SECRET_LENGTH || /[\s\p{Cc}]/u.test(raw)) {
    throw configError(
      `${WEBHOOK_ENV.postmarkAuth} must be "user:password" with a password of at least ${MIN_SECRET_LENGTH} characters and no spaces (e.g. koepfe:$(openssl rand -hex 16))`,
    );
  }
  return raw;
}

function mailgunKey(raw: string): string {
  if (raw.length < MIN_SECRET_LENGTH || /\s/.test(raw)) {
    throw configError(
      `${WEBHOOK_ENV.mailgunKey} must be Mailgun's HTTP webhook signing key (Sending → Webhooks → HTTP webhook signing key), at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
  return raw;
}

/**
 * The webhook configuration from the environment: KOEPFE_WEBHOOK_SES_TOPICS (comma-separated topic
 * ARNs), KOEPFE_WEBHOOK_POSTMARK_AUTH ("user:password"), KOEPFE_WEBHOOK_MAILGUN_KEY. Unset or empty
 * disables a provider. Throws E_WEBHOOK_CONFIG for a value that is set but unusable.
 */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv): WebhookConfig {
  const value = (name: string): string | null => {
    const v = env[name]?.trim();
    return v === undefined || v.length === 0 ? null : v;
  };
  const topics = value(WEBHOOK_ENV.sesTopics);
  const postmark = value(WEBHOOK_ENV.postmarkAuth);
  const mailgun = value(WEBHOOK_ENV.mailgunKey);
  const topicArns = topics === null ? null : sesTopics(topics);
  return {
    ses: topicArns === null || topicArns.size === 0 ? null : { topicArns },
    postmark: postmark === null ? null : { credentials: postmarkCredentials(postmark) },
    mailgun: mailgun === null ? null : { signingKey: mailgunKey(mailgun) },
  };
}
