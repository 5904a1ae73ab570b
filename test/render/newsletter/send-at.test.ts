import { describe, expect, it } from "vitest";
import { resolveSendAt } from "../../../src/render/newsletter/send-at.js";
import { germanDate } from "../../../src/render/shared/german-date.js";

const Z = "Europe/Berlin";
const ok = (s: string) => {
  const r = resolveSendAt(s, Z);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe("resolveSendAt", () => {
  it("reads a local wall time in the edition's zone", () => {
    const r = ok("2024-12-02T07:00");
    expect(r.dateTime.toISO()).toBe("2024-12-02T07:00:00.000+01:00");
    expect([r.explicitOffset, r.inGap, r.ambiguous]).toEqual([false, false, false]);
    expect(ok("2024-07-01T07:00:30").dateTime.toISO()).toBe("2024-07-01T07:00:30.000+02:00");
  });

  it("reports a time in the spring-forward gap (luxon moves it an hour on)", () => {
    const r = ok("2025-03-30T02:30");
    expect(r.inGap).toBe(true);
    expect(r.dateTime.toISO()).toBe("2025-03-30T03:30:00.000+02:00");
  });

  it("reports an ambiguous autumn time, unless it carries an offset", () => {
    expect(ok("2025-10-26T02:30").ambiguous).toBe(true);
    const fixed = ok("2025-10-26T02:30+01:00");
    expect([fixed.explicitOffset, fixed.ambiguous]).toEqual([true, false]);
    expect(fixed.dateTime.toISO()).toBe("2025-10-26T02:30:00.000+01:00");
    expect(ok("2025-10-26T02:30+02:00").dateTime.toUTC().toISO()).toBe("2025-10-26T00:30:00.000Z");
  });

  it("shows a UTC time in the edition's zone", () => {
    expect(ok("2024-12-02T06:00Z").dateTime.toISO()).toBe("2024-12-02T07:00:00.000+01:00");
  });

  it("rejects what is not a local ISO date-time", () => {
    for (const s of ["", "2024-12-02", "02.12.2024 07:00", "2024-02-30T07:00", "2024-12-02T25:00", "2024-12-02 07:00", "morgen früh"]) {
      expect(resolveSendAt(s, Z).ok, s).toBe(false);
    }
  });
});

describe("germanDate", () => {
  it("writes the weekday and month in German", () => {
    expect(germanDate(ok("2024-12-02T07:00").dateTime)).toBe("Montag, 2. Dezember 2024");
    expect(germanDate(ok("2025-03-30T09:00").dateTime)).toBe("Sonntag, 30. März 2025");
  });
});
