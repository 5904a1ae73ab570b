/**
 * A read report, an unreadable message or a verified webhook event, as the ledger records it: one
 * report id (idempotency), its source, and per recipient the class, the relay's words and what names
 * the delivery (a VERP tag verified with the secret, our Message-ID). Pure.
 */
import { createHash } from "node:crypto";
import type { BounceReportInput } from "../send/ledger/bounces.js";
import type { BounceReport } from "./types.js";
import { parseVerp } from "./verp.js";
import type { WebhookEvent } from "./webhooks/model.js";

/** What a VERP tag is checked against: the bounce address it was made for, the secret and the list. */
export interface VerpKey {
  bounceAddress: string;
  secret: string;
  listId: string;
}

/** The delivery the report's own recipient address names, when it is one of our VERP addresses. */
export function verpOf(report: BounceReport, key: VerpKey | null): { issue: number; position: number } | null {
  if (key === null || report.reportTo === null) return null;
  return parseVerp(report.reportTo, key.bounceAddress, key.secret, key.listId);
}

export function reportInput(report: BounceReport, source: string, key: VerpKey | null, receivedAt: string): BounceReportInput {
  const verp = verpOf(report, key);
  return {
    reportId: report.reportId,
    source,
    kind: report.kind,
    error: null,
    events: report.recipients.map((r) => ({
      email: r.email,
      class: r.class,
      status: r.status,
      reason: r.reason,
      diagnostic: r.diagnostic,
      verp,
      messageId: report.originalMessageId,
      occurredAt: receivedAt,
    })),
  };
}

/** A message that could not be read: recorded under the hash of its bytes, so it is noticed once, not acted on. */
export function unreadableInput(raw: Buffer, source: string, code: string, message: string): BounceReportInput {
  return {
    reportId: `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    source,
    kind: "unknown",
    error: `${code}: ${message}`.slice(0, 500),
    events: [],
  };
}

export function webhookInput(event: WebhookEvent): BounceReportInput {
  return {
    reportId: `${event.provider}:${event.eventId}`,
    source: `webhook:${event.provider}`,
    kind: "webhook",
    error: null,
    events: [
      {
        email: event.email,
        class: event.class,
        status: event.status,
        reason: event.class,
        diagnostic: event.diagnostic,
        verp: null,
        messageId: event.messageId,
        occurredAt: event.occurredAt,
      },
    ],
  };
}
