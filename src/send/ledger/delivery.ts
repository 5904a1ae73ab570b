/**
 * A delivery is one ledger row: one issue to one recipient. Its state only moves along the edges
 * below, and every move is a guarded UPDATE (`WHERE state = <from>`), so a row can never be sent
 * twice by accident: `queued → sending → sent | failed | bounced | unknown`, plus the detours a
 * real relay forces (a 4xx puts it back to `queued` with a retry time, a suppression added after the
 * audience was frozen ends it as `suppressed`, `--resend-unknown` puts an `unknown` back in the queue).
 */
export const DELIVERY_STATES = ["queued", "sending", "sent", "failed", "bounced", "unknown", "suppressed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States a delivery never leaves on its own: the issue is complete when every row is in one. */
export const FINAL_STATES: readonly DeliveryState[] = ["sent", "failed", "bounced", "unknown", "suppressed"];

interface DeliveryBase {
  issue: number;
  /** Canonical address (trimmed, domain lower-cased). */
  email: string;
  firstName: string | null;
  /** The deterministic Message-ID, fixed when the audience is frozen. */
  messageId: string;
  /** SMTP transactions that ended with an answer (or without one, for `unknown`). */
  attempts: number;
  updatedAt: string;
}

export type Delivery = DeliveryBase &
  (
    | { state: "queued"; retryAt: number | null; response: string | null }
    | { state: "sending" }
    | { state: "sent"; response: string; sentAt: string }
    | { state: "failed" | "bounced" | "unknown" | "suppressed"; response: string }
  );

/** What happened to a delivery; `record` turns it into one guarded state change. */
export type Transition =
  /** Just before the SMTP transaction: durable before a byte goes to the relay. */
  | { kind: "claim" }
  /** The address was on the suppression list when its turn came. */
  | { kind: "suppress"; response: string }
  | { kind: "sent"; response: string }
  /** A 4xx (or a connection lost before the message went out): try again at `retryAt`. */
  | { kind: "deferred"; response: string; retryAt: number }
  | { kind: "failed"; response: string }
  /** A 5xx for the recipient: the address is suppressed in the same transaction. */
  | { kind: "bounced"; response: string }
  /** The relay may or may not have accepted it: never resent silently. */
  | { kind: "unknown"; response: string }
  /** The relay could not be reached or refused us (auth): nothing was sent, the row waits for the next run. */
  | { kind: "not-sent"; response: string }
  /** Found in `sending` when a run starts: it was in flight when a run crashed or was killed. */
  | { kind: "crashed"; response: string }
  /** `--resend-unknown`: the operator decided to send it again. */
  | { kind: "resend" };

export interface RowChange {
  from: DeliveryState;
  to: DeliveryState;
  /** Added to `attempts`. */
  attempts: 0 | 1;
  /** New `response`; undefined keeps the old one. */
  response: string | undefined;
  retryAt: number | null;
  sent: boolean;
}

/** The edge a transition walks (pure; the ledger turns it into one UPDATE … WHERE state = from). */
export function rowChange(t: Transition): RowChange {
  const change = (
    from: DeliveryState,
    to: DeliveryState,
    attempts: 0 | 1,
    response: string | undefined,
    retryAt: number | null = null,
  ): RowChange => ({ from, to, attempts, response, retryAt, sent: to === "sent" });
  switch (t.kind) {
    case "claim":
      return change("queued", "sending", 0, undefined);
    case "suppress":
      return change("queued", "suppressed", 0, t.response);
    case "sent":
      return change("sending", "sent", 1, t.response);
    case "deferred":
      return change("sending", "queued", 1, t.response, t.retryAt);
    case "failed":
      return change("sending", "failed", 1, t.response);
    case "bounced":
      return change("sending", "bounced", 1, t.response);
    case "unknown":
      return change("sending", "unknown", 1, t.response);
    case "not-sent":
      return change("sending", "queued", 0, t.response);
    case "crashed":
      return change("sending", "unknown", 1, t.response);
    case "resend":
      return change("unknown", "queued", 0, undefined);
  }
}
