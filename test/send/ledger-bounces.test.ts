/** The ledger's bounce book on a real SQLite file: matching order, the actions, the soft limit, idempotency. */
import { afterEach, describe, expect, it } from "vitest";
import { Ledger } from "../../src/send/ledger/ledger.js";
import type { BounceEventInput, BounceReportInput } from "../../src/send/ledger/bounces.js";
import { tempLedgerFile } from "../helpers/send.js";

let ledger: Ledger;
afterEach(() => ledger?.close());

function withIssues(...issues: number[]): Ledger {
  ledger = new Ledger(tempLedgerFile());
  for (const issue of issues) {
    ledger.freezeAudience(
      issue,
      ["anna@example.org", "bernd@example.org"].map((email) => ({ email, firstName: null, messageId: `<${issue}.${email}>` })),
    );
  }
  return ledger;
}

let reports = 0;
function report(event: Partial<BounceEventInput> & Pick<BounceEventInput, "email" | "class">, id = `r${++reports}`): BounceReportInput {
  return {
    reportId: id,
    source: "test",
    kind: "dsn",
    error: null,
    events: [{ status: null, reason: "x", diagnostic: "d", verp: null, messageId: null, occurredAt: "2024-12-02T08:00:00Z", ...event }],
  };
}

const POLICY = { softLimit: 3, isSubscriber: () => false };
const actionOf = (o: ReturnType<Ledger["bounces"]["record"]>) =>
  o.duplicate ? "duplicate" : o.events.map((e) => [e.matchedBy, e.issue, e.action]);

describe("the bounce book", () => {
  it("matches by VERP position first, then our Message-ID, then the address; unmatched strangers are recorded, not acted on", () => {
    const l = withIssues(1, 2);
    expect(
      actionOf(l.bounces.record(report({ email: "other@x.example", class: "hard", verp: { issue: 2, position: 1 } }), POLICY)),
    ).toEqual([["verp", 2, "suppressed"]]);
    expect(l.suppressions.reasonFor("bernd@example.org")).toMatch(/^bounce:/);
    expect(
      actionOf(l.bounces.record(report({ email: "fwd@x.example", class: "complaint", messageId: "<1.anna@example.org>" }), POLICY)),
    ).toEqual([["message-id", 1, "suppressed"]]);
    expect(actionOf(l.bounces.record(report({ email: "stranger@x.example", class: "hard" }), POLICY))).toEqual([
      ["none", null, "not-ours"],
    ]);
    expect(l.suppressions.reasonFor("stranger@x.example")).toBeNull();
    // a subscriber of subscribers.csv never mailed yet is one of ours
    expect(actionOf(l.bounces.record(report({ email: "new@x.example", class: "hard" }), { ...POLICY, isSubscriber: () => true }))).toEqual([
      ["none", null, "suppressed"],
    ]);
  });

  it("suppresses after soft bounces on three different issues, not after three reports about one", () => {
    const l = withIssues(1, 2, 3);
    const soft = (issue: number) => report({ email: "anna@example.org", class: "soft", verp: { issue, position: 0 } });
    expect(actionOf(l.bounces.record(soft(1), POLICY))).toEqual([["verp", 1, "counted"]]);
    expect(actionOf(l.bounces.record(soft(1), POLICY))).toEqual([["verp", 1, "counted"]]);
    expect(actionOf(l.bounces.record(soft(2), POLICY))).toEqual([["verp", 2, "counted"]]);
    expect(l.suppressions.reasonFor("anna@example.org")).toBeNull();
    expect(actionOf(l.bounces.record(soft(3), POLICY))).toEqual([["verp", 3, "soft-limit"]]);
    expect(l.suppressions.reasonFor("anna@example.org")).toMatch(/^soft bounces on 3 issues/);
    expect(l.bounces.figures(1)).toMatchObject({ soft: 1 });
  });

  it("records a report once: the same id again is a duplicate and changes nothing", () => {
    const l = withIssues(1);
    const r = report({ email: "anna@example.org", class: "soft", verp: { issue: 1, position: 0 } }, "same-id");
    expect(actionOf(l.bounces.record(r, { ...POLICY, softLimit: 1 }))).toEqual([["verp", 1, "soft-limit"]]);
    expect(l.bounces.record(r, { ...POLICY, softLimit: 1 })).toEqual({ duplicate: true });
    expect(l.bounces.totals()).toEqual({ reports: 1, unreadable: 0, unmatched: 0 });
  });

  it("a policy block raises the alarm and suppresses nobody; an auto-reply does nothing", () => {
    const l = withIssues(1);
    const blocked = report({
      email: "bernd@example.org",
      class: "policy",
      verp: { issue: 1, position: 1 },
      diagnostic: "554 5.7.1 blocked",
    });
    expect(actionOf(l.bounces.record(blocked, POLICY))).toEqual([["verp", 1, "alarm"]]);
    expect(actionOf(l.bounces.record(report({ email: "anna@example.org", class: "none" }), POLICY))).toEqual([["none", null, "none"]]);
    expect(l.suppressions.list()).toEqual([]);
    expect(l.bounces.policyAlarms()).toEqual([{ issue: 1, count: 1, example: "554 5.7.1 blocked" }]);
  });
});
