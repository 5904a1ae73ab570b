/**
 * The SNS envelope (the JSON body SNS posts to an HTTPS subscriber), read field by field. Reading only
 * checks presence and types; whether SNS really sent it is decided by sns-signature.ts.
 */
import { isEventId } from "./event-fields.js";
import { hasValue, type JsonObject, stringAt } from "./json.js";
import type { RejectedOutcome } from "./model.js";
import { reject } from "./outcome.js";

export type SnsMessageType = "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation";

export interface SnsMessage {
  type: SnsMessageType;
  messageId: string;
  topicArn: string;
  message: string;
  timestamp: string;
  /** Only Notifications may have one; null when absent. */
  subject: string | null;
  signatureVersion: string;
  signature: string;
  signingCertUrl: string;
  /** Only in SubscriptionConfirmation and UnsubscribeConfirmation. */
  subscribeUrl: string | null;
  token: string | null;
}

const TYPES: readonly string[] = ["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"];

function isSnsType(s: string): s is SnsMessageType {
  return TYPES.includes(s);
}

/** The envelope's fields, or a 400 naming the first missing one (field names only: values are not echoed). */
export function readSnsMessage(json: JsonObject): { ok: true; message: SnsMessage } | { ok: false; rejected: RejectedOutcome } {
  const type = stringAt(json, "Type");
  if (type === null || !isSnsType(type)) {
    return {
      ok: false,
      rejected: reject("snsUnknownType", "Type is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation"),
    };
  }
  const confirmation = type !== "Notification";
  const required = ["MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"];
  if (confirmation) required.push("SubscribeURL", "Token");
  const missing = required.find((key) => stringAt(json, key) === null);
  if (missing !== undefined) {
    return { ok: false, rejected: reject("invalidPayload", `SNS ${type} without a string ${missing}`) };
  }
  if (!isEventId(stringAt(json, "MessageId"))) {
    return { ok: false, rejected: reject("invalidPayload", "SNS MessageId is not a plain id") };
  }
  const subject = hasValue(json, "Subject") ? stringAt(json, "Subject") : null;
  if (hasValue(json, "Subject") && (subject === null || confirmation)) {
    return { ok: false, rejected: reject("invalidPayload", `SNS ${type} with an unexpected Subject`) };
  }
  const field = (key: string): string => stringAt(json, key) ?? "";
  return {
    ok: true,
    message: {
      type,
      messageId: field("MessageId"),
      topicArn: field("TopicArn"),
      message: field("Message"),
      timestamp: field("Timestamp"),
      subject,
      signatureVersion: field("SignatureVersion"),
      signature: field("Signature"),
      signingCertUrl: field("SigningCertURL"),
      subscribeUrl: confirmation ? field("SubscribeURL") : null,
      token: confirmation ? field("Token") : null,
    },
  };
}
