import { describe, it, expect } from "vitest";
import { Writable } from "node:stream";
import { Progress } from "../../src/send/progress.js";

function out(isTTY: boolean) {
  const chunks: string[] = [];
  const w = new Writable({
    write(c: Buffer | string, _e, cb) {
      chunks.push(c.toString());
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  w.isTTY = isTTY;
  w.columns = 120;
  return { w, text: () => chunks.join("") };
}

describe("Progress", () => {
  it("writes JSON lines when stdout is not a terminal: start, every non-sent delivery, periodic progress, stop", () => {
    let now = Date.UTC(2024, 11, 2, 6);
    const o = out(false);
    const p = new Progress(o.w, () => now);
    p.start({ issue: 3, audience: 10, pending: 4, unknownAfterCrash: 1, requeued: 0 });
    p.delivery({ email: "a@x.test", event: "sent", response: "250", attempts: 1 });
    now += 1000;
    p.delivery({ email: "b@x.test", event: "bounced", response: "550 5.1.1 unknown", attempts: 1 });
    now += 5000;
    p.delivery({ email: "c@x.test", event: "sent", response: "250", attempts: 1 });
    p.stop({ kind: "interrupted" });
    const lines = o
      .text()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l["event"])).toEqual(["start", "progress", "delivery", "progress", "stop"]);
    expect(lines[0]).toEqual({
      time: "2024-12-02T06:00:00.000Z",
      event: "start",
      issue: 3,
      audience: 10,
      pending: 4,
      unknownAfterCrash: 1,
      requeued: 0,
      message: "issue 3: 4 of 10 deliveries to send, 1 found in flight from an earlier run (now unknown)",
    });
    expect(lines[2]).toMatchObject({ state: "bounced", email: "b@x.test", response: "550 5.1.1 unknown" });
    expect(lines[3]).toMatchObject({ done: 3, pending: 4, sent: 2, failed: 1, rate: 0.5, eta_s: 2 });
  });

  it("draws a bar on a terminal and prints failures above it, without escape sequences from foreign text", () => {
    let now = 0;
    const o = out(true);
    const p = new Progress(o.w, () => now);
    p.start({ issue: 1, audience: 2, pending: 2, unknownAfterCrash: 0, requeued: 0 });
    now += 1000;
    p.delivery({ email: "a@x.test", event: "sent", response: "250", attempts: 1 });
    p.delivery({ email: "b@x.test", event: "failed", response: "554 \u001b[31mred\u001b[0m", attempts: 1 });
    p.finish();
    const text = o.text();
    expect(text).toContain("issue 1: 2 of 2 deliveries to send");
    expect(text).toMatch(/\r\[#{12}-{12}\] 1\/2 {2}sent 1 {2}failed 0 {2}1\/s {2}ETA 0:01/);
    expect(text).toContain("failed     b@x.test: 554 ?[31mred?[0m\n");
    expect(text).not.toContain("\u001b[31m");
    expect(text.endsWith("\n")).toBe(true);
  });
});
