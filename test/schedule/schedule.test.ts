import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import { resolveWallTime } from "../../src/schedule/wall-time.js";
import { decideDue } from "../../src/schedule/due.js";
import type { IssueProgress } from "../../src/send/ledger/ledger.js";
import { compactRanges } from "../../src/schedule/plan-check.js";
import { checkEdition } from "../../src/app/checked-edition.js";
import { writeEdition, configWith } from "../helpers/edition.js";

const ZONE = "Europe/Berlin";

describe("send_at as wall-clock time in Europe/Berlin", () => {
  it("resolves a winter time to UTC+1 and a summer time to UTC+2", () => {
    const winter = resolveWallTime("2024-12-02T07:00", ZONE);
    const summer = resolveWallTime("2025-06-02T07:00", ZONE);
    expect(winter.ok && winter.instant.toUTC().toISO()).toBe("2024-12-02T06:00:00.000Z");
    expect(summer.ok && summer.instant.toUTC().toISO()).toBe("2025-06-02T05:00:00.000Z");
  });

  it("rejects a time in the spring-forward gap instead of moving it to 03:30", () => {
    const r = resolveWallTime("2025-03-30T02:30", ZONE);
    expect(r).toMatchObject({ ok: false, code: "send-at-in-gap" });
  });

  it("rejects the ambiguous autumn hour unless it carries an explicit offset", () => {
    expect(resolveWallTime("2025-10-26T02:30", ZONE)).toMatchObject({ ok: false, code: "send-at-ambiguous" });
    const explicit = resolveWallTime("2025-10-26T02:30+01:00", ZONE);
    expect(explicit.ok && explicit.instant.toUTC().toISO()).toBe("2025-10-26T01:30:00.000Z");
    const first = resolveWallTime("2025-10-26T02:30+02:00", ZONE);
    expect(first.ok && first.instant.toUTC().toISO()).toBe("2025-10-26T00:30:00.000Z");
  });

  it("accepts the hours right around the changes", () => {
    for (const t of ["2025-03-30T01:59", "2025-03-30T03:00", "2025-10-26T01:59", "2025-10-26T03:00"])
      expect(resolveWallTime(t, ZONE).ok, t).toBe(true);
  });

  it("rejects impossible dates and other formats", () => {
    expect(resolveWallTime("2024-02-30T07:00", ZONE)).toMatchObject({ ok: false, code: "invalid-send-at" });
    expect(resolveWallTime("02.12.2024 07:00", ZONE)).toMatchObject({ ok: false, code: "invalid-send-at" });
  });
});

describe("decideDue", () => {
  const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
  const plan = [
    { number: 2, sendAt: at("2024-12-03T07:00") },
    { number: 1, sendAt: at("2024-12-02T07:00") },
    { number: 3, sendAt: at("2024-12-04T07:00") },
  ];
  const none = new Map<number, IssueProgress>();

  it("sends nothing before the first time", () => {
    expect(decideDue(plan, none, at("2024-12-02T06:59"), 6).map((d) => d.action)).toEqual(["wait", "wait", "wait"]);
  });

  it("sends a due issue, oldest first, and resumes a half-sent one", () => {
    const progress = new Map([[1, { started: true, complete: false }]]);
    expect(decideDue(plan, progress, at("2024-12-03T07:05"), 48)).toEqual([
      { number: 1, action: "resume", lateByMinutes: 1445 },
      { number: 2, action: "send", lateByMinutes: 5 },
      { number: 3, action: "wait", inMinutes: 1435 },
    ]);
  });

  it("refuses an issue more than max_delay_hours late, even half-sent, and skips completed ones", () => {
    const progress = new Map([
      [1, { started: true, complete: true }],
      [2, { started: true, complete: false }],
    ]);
    expect(decideDue(plan, progress, at("2024-12-03T13:01"), 6).map((d) => [d.number, d.action])).toEqual([
      [1, "done"],
      [2, "late"],
      [3, "wait"],
    ]);
    expect(decideDue(plan, progress, at("2024-12-03T13:00"), 6).map((d) => [d.number, d.action])).toEqual([
      [1, "done"],
      [2, "resume"],
      [3, "wait"],
    ]);
  });

  it("keeps the clock's meaning across the autumn change: 24 real hours are not one calendar day", () => {
    const p = [{ number: 1, sendAt: at("2025-10-25T07:00") }];
    // 2025-10-26T06:30 local is 24.5 real hours later (the night had 25 hours)
    expect(decideDue(p, none, at("2025-10-26T06:30"), 24)).toEqual([{ number: 1, action: "late", lateByMinutes: 1470 }]);
  });
});

describe("check: the newsletter schedule", () => {
  const newsletter = (issues: unknown[]) =>
    configWith((c) => {
      c["newsletter"] = {
        from: "100 Köpfe <koepfe@example.org>",
        list_id: "koepfe-2024.example.org",
        unsubscribe_url: "https://koepfe.example.org/u/",
        unsubscribe_mailto: "unsubscribe@example.org",
        issues,
      };
    });
  const issue = (number: number, send_at: string, ranks: [number, number]) => ({
    number,
    send_at,
    subject: `Plätze ${ranks[0]} bis ${ranks[1]}`,
    preheader: "Vorschau",
    ranks,
  });

  it("reports the gap, the ambiguous hour, descending times, overlaps and uncovered places", async () => {
    const result = await checkEdition(
      writeEdition({
        "edition.json": newsletter([
          issue(1, "2025-03-30T02:30", [5, 6]),
          issue(2, "2025-10-26T02:30", [3, 4]),
          issue(3, "2025-10-01T07:00", [2, 3]),
        ]),
      }),
    );
    const found = result.problems.filter((p) => p.file === "edition.json").map((p) => [p.field, p.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["newsletter.issues[0].send_at", "send-at-in-gap"],
        ["newsletter.issues[1].send_at", "send-at-ambiguous"],
        ["newsletter.issues[2].ranks", "ranks-overlap"],
        ["newsletter.issues", "ranks-not-covered"],
      ]),
    );
    expect(result.problems.find((p) => p.code === "ranks-not-covered")?.message).toContain("place 1 of 6");
  });

  it("reports issues out of time order", async () => {
    const result = await checkEdition(
      writeEdition({ "edition.json": newsletter([issue(1, "2024-12-03T07:00", [4, 6]), issue(2, "2024-12-02T07:00", [1, 3])]) }),
    );
    expect(result.problems.map((p) => [p.field, p.code])).toContainEqual(["newsletter.issues[1].send_at", "send-at-order"]);
  });

  it("accepts a valid countdown", async () => {
    const result = await checkEdition(
      writeEdition({ "edition.json": newsletter([issue(1, "2024-12-02T07:00", [4, 6]), issue(2, "2024-12-03T07:00", [1, 3])]) }),
    );
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("writes missing places compactly", () => {
    expect(compactRanges([1, 2, 3, 7, 9, 10])).toBe("1–3, 7, 9–10");
  });
});
