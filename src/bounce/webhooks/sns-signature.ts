/**
 * SNS message signatures as AWS documents them ("Verifying the signatures of Amazon SNS messages"):
 * the string to sign is "Key\nValue\n" for a fixed list of keys in byte order, which differs by Type;
 * Subject is part of it only when present. SignatureVersion 1 signs it with SHA1withRSA, 2 with
 * SHA256withRSA; Signature is the base64 of that.
 */
import { createVerify, type KeyObject } from "node:crypto";
import type { SnsMessage } from "./sns-message.js";

const ALGORITHM: Readonly<Record<string, string>> = { "1": "RSA-SHA1", "2": "RSA-SHA256" };

/** True for the signature versions we can verify ("1", "2"). */
export function isSupportedSignatureVersion(version: string): boolean {
  return Object.hasOwn(ALGORITHM, version);
}

/** The exact bytes SNS signed, per message type. */
export function snsStringToSign(m: SnsMessage): string {
  const pairs: [string, string][] =
    m.type === "Notification"
      ? [
          ["Message", m.message],
          ["MessageId", m.messageId],
          ...(m.subject === null ? [] : ([["Subject", m.subject]] as [string, string][])),
          ["Timestamp", m.timestamp],
          ["TopicArn", m.topicArn],
          ["Type", m.type],
        ]
      : [
          ["Message", m.message],
          ["MessageId", m.messageId],
          ["SubscribeURL", m.subscribeUrl ?? ""],
          ["Timestamp", m.timestamp],
          ["Token", m.token ?? ""],
          ["TopicArn", m.topicArn],
          ["Type", m.type],
        ];
  return pairs.map(([key, value]) => `${key}\n${value}\n`).join("");
}

// standard base64 of an RSA signature (256 bytes for SNS's 2048-bit key, up to 4096-bit allowed)
const BASE64 = /^[A-Za-z0-9+/]{100,700}={0,2}$/;

/** True when `publicKey` (from SNS's certificate) signed this message; false for any malformed signature. */
export function verifySnsSignature(m: SnsMessage, publicKey: KeyObject): boolean {
  const algorithm = ALGORITHM[m.signatureVersion];
  if (algorithm === undefined || !BASE64.test(m.signature)) return false;
  try {
    return createVerify(algorithm).update(snsStringToSign(m), "utf8").verify(publicKey, m.signature, "base64");
  } catch {
    return false;
  }
}
