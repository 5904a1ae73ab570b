/** Every fixture of test/fixtures/bounces, read by koepfe and compared with the expectations in corpus.ts. */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXPECTED, FIXTURES, readFixture, type Row } from "./corpus.js";

describe("bounce corpus", () => {
  it("has an expectation for every fixture, and at least 25 fixtures", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml"));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`reads ${file}`, async () => {
      const report = await readFixture(file);
      expect(report.kind).toBe(expected.kind);
      expect(report.recipients.map((r): Row => [r.email, r.class, r.status, r.reason])).toEqual(expected.recipients);
      expect(report.originalMessageId).toBe(expected.originalMessageId);
      expect(report.reportTo).toBe(expected.reportTo);
      for (const r of report.recipients) {
        expect(r.diagnostic.length).toBeLessThanOrEqual(1000);
        expect(r.diagnostic).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      }
    });
  }
});
