import { describe, it, expect } from "vitest";
import { runExitCode, emptyTally, summaryLines, type SendRunResult } from "../../src/send/run-result.js";

function result(change: Partial<SendRunResult> = {}, counts: Partial<SendRunResult["totals"]["counts"]> = {}): SendRunResult {
  const c = { queued: 0, sending: 0, sent: 8, failed: 0, bounced: 1, unknown: 0, suppressed: 1, ...counts };
  return {
    issue: 2,
    run: { ...emptyTally(), sent: 8, bounced: 1 },
    unknownAfterCrash: [],
    requeued: 0,
    skipped: 0,
    totals: {
      issue: 2,
      audienceFrozenAt: "2024-12-03T06:00:00.000Z",
      audienceSize: 10,
      counts: c,
      started: true,
      complete: c.queued + c.sending === 0,
    },
    stop: null,
    ...change,
  };
}

describe("the end of a run", () => {
  it("exits 0 when everything went out or bounced, 3 with failures or unknowns, 4 when stopped", () => {
    expect(runExitCode(result())).toBe(0);
    expect(runExitCode(result({}, { failed: 1 }))).toBe(3);
    expect(runExitCode(result({}, { unknown: 1 }))).toBe(3);
    expect(runExitCode(result({ stop: { kind: "paused", failures: 30, window: 100 } }, { queued: 5 }))).toBe(4);
    expect(runExitCode(result({ stop: { kind: "interrupted" } }, { queued: 5 }))).toBe(4);
  });

  it("names the deliveries found in flight after a crash, and how to resend them", () => {
    const lines = summaryLines(
      result(
        {
          unknownAfterCrash: [
            { issue: 2, email: "a@x.test" },
            { issue: 1, email: "b@x.test" },
          ],
        },
        { unknown: 1 },
      ),
    );
    expect(lines[0]).toBe("issue 2: sent 8, failed 0, bounced 1, unknown 1, suppressed 0, skipped 0 (already done)");
    expect(lines[1]).toBe("ledger: 8 sent, 0 failed, 1 bounced, 1 unknown, 1 suppressed, 0 queued of 10 — complete");
    expect(lines[2]).toBe(
      "2 deliveries were in flight when an earlier run stopped; they may have arrived and were not resent: a@x.test, b@x.test (issue 1)",
    );
    expect(lines[3]).toContain('"koepfe send 2 --resend-unknown"');
  });

  it("says why a run stopped and that running it again resumes", () => {
    expect(summaryLines(result({ stop: { kind: "relay", code: "E_SMTP_AUTH", response: "535 5.7.8 bad credentials" } })).at(-1)).toBe(
      "stopped: the relay refused the login (check the user and password in KOEPFE_SMTP_URL): 535 5.7.8 bad credentials; the rest stays queued — fix it and run the same command again",
    );
    expect(summaryLines(result({ stop: { kind: "paused", failures: 30, window: 100 } })).at(-1)).toMatch(
      /^paused: 30 of the last 100 attempts failed/,
    );
  });
});
