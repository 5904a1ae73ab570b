/**
 * A stand-in for Amazon SNS: an RSA key and a self-signed X.509 certificate made with openssl in a
 * temporary folder, and envelopes signed exactly as SNS signs them. The string to sign is written out
 * here from AWS's documentation on its own (not imported from src/), so a wrong key order or a
 * missing Subject rule in the verifier makes the tests fail.
 */
import { execFileSync } from "node:child_process";
import { createSign } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SnsSigner {
  certificatePem: string;
  privateKeyPem: string;
}

/** A fresh key pair and a certificate valid from now for two days (CN=sns.amazonaws.com, like AWS's). */
export function createSnsSigner(): SnsSigner {
  const dir = mkdtempSync(path.join(tmpdir(), "koepfe-sns-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=sns.amazonaws.com"],
    {
      stdio: "ignore",
    },
  );
  return { certificatePem: readFileSync(cert, "utf8"), privateKeyPem: readFileSync(key, "utf8") };
}

export const TOPIC_ARN = "arn:aws:sns:eu-central-1:123456789012:koepfe-bounces";
export const CERT_URL = "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem";

export type SnsEnvelope = Record<string, string>;

/** AWS's string to sign: Notification keys, or SubscriptionConfirmation/UnsubscribeConfirmation keys; Subject only when present. */
export function awsStringToSign(e: SnsEnvelope): string {
  const keys =
    e["Type"] === "Notification"
      ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
      : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return keys
    .filter((k) => e[k] !== undefined)
    .map((k) => `${k}\n${e[k]}\n`)
    .join("");
}

/** Signs the envelope in place the way SNS does (version "1": SHA1withRSA, "2": SHA256withRSA). */
export function signSns(envelope: SnsEnvelope, signer: SnsSigner, version: "1" | "2" = "2"): SnsEnvelope {
  const signature = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256")
    .update(awsStringToSign(envelope), "utf8")
    .sign(signer.privateKeyPem, "base64");
  return { ...envelope, SignatureVersion: version, Signature: signature };
}

/** A signed Notification carrying `message` (SES's JSON as a string), sent at `sentAt`. */
export function snsNotification(
  message: string,
  sentAt: number,
  signer: SnsSigner,
  opts: { messageId?: string; subject?: string; version?: "1" | "2"; topicArn?: string; certUrl?: string } = {},
): SnsEnvelope {
  const envelope: SnsEnvelope = {
    Type: "Notification",
    MessageId: opts.messageId ?? "5d8e2f51-4c3b-5a6e-9b1f-0c2d3e4f5a6b",
    TopicArn: opts.topicArn ?? TOPIC_ARN,
    Message: message,
    Timestamp: new Date(sentAt).toISOString(),
    SigningCertURL: opts.certUrl ?? CERT_URL,
    UnsubscribeURL: `https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC_ARN}:0f1e2d3c`,
  };
  if (opts.subject !== undefined) envelope["Subject"] = opts.subject;
  return signSns(envelope, signer, opts.version);
}

/** A signed SubscriptionConfirmation (or UnsubscribeConfirmation) as SNS sends it to a new HTTPS endpoint. */
export function snsConfirmation(
  type: "SubscriptionConfirmation" | "UnsubscribeConfirmation",
  sentAt: number,
  signer: SnsSigner,
  subscribeUrl = `https://sns.eu-central-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC_ARN}&Token=2336412f37fb687f5d51e6e2425c464de257b6d0`,
): SnsEnvelope {
  return signSns(
    {
      Type: type,
      MessageId: "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
      Token: "2336412f37fb687f5d51e6e2425c464de257b6d0",
      TopicArn: TOPIC_ARN,
      Message: `You have chosen to subscribe to the topic ${TOPIC_ARN}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date(sentAt).toISOString(),
      SigningCertURL: CERT_URL,
    },
    signer,
  );
}
