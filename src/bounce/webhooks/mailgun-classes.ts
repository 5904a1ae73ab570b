/**
 * Mailgun `failed` events → class. Mailgun says whether it gave up (severity "permanent") or will
 * retry ("temporary"), and why in `reason`; for plain bounces the receiver's status and text decide.
 */
import type { BounceClass } from "./model.js";
import { classifyPermanentFailure } from "./permanent-failure.js";

/**
 * - temporary (or no severity): `soft`, Mailgun retries.
 * - suppress-bounce: Mailgun did not send because the address hard-bounced before: `hard`.
 * - suppress-complaint: the address complained before: `complaint`.
 * - suppress-unsubscribe: unsubscribed at Mailgun: `complaint` (the reader wants no mail; we suppress).
 * - old: retried until it expired (Sisimai "expired"): `soft`.
 * - espblock: Mailgun's or the receiving ESP's block of the message: `policy`.
 * - bounce, generic and anything else permanent: from status and text (permanent-failure.ts).
 */
export function mailgunFailureClass(severity: string | null, reason: string | null, status: string | null, text: string): BounceClass {
  if (severity !== "permanent") return "soft";
  switch (reason) {
    case "suppress-bounce":
      return "hard";
    case "suppress-complaint":
    case "suppress-unsubscribe":
      return "complaint";
    case "old":
      return "soft";
    case "espblock":
      return "policy";
    default:
      return classifyPermanentFailure(status, text);
  }
}
