/**
 * German dates ("05.03.2024 10:15") read with the zone's offset looked up once per day: on every day
 * of three years, in zones with DST, half-hour DST, no DST and the far east and west, the instant is
 * the one luxon gives for that local time; a date that does not exist is an error.
 */
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { date } from "../../src/edition/fields.js";

const ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Pago_Pago"];
const two = (n: number) => String(n).padStart(2, "0");

describe("German local dates", () => {
  it.each(ZONES)("in %s: every day of 2023–2025 at 00:30, 10:15 and 23:45 is the instant luxon gives", (zone) => {
    const schema = date(zone);
    let checked = 0;
    for (let day = DateTime.fromObject({ year: 2023, month: 1, day: 1 }, { zone: "UTC" }); day.year < 2026; day = day.plus({ days: 1 })) {
      for (const [hour, minute] of [
        [0, 30],
        [10, 15],
        [23, 45],
      ] as const) {
        const local = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
        // the hours of a transition (a gap or a fold) are luxon's to decide, as before
        if (
          local.hour !== hour ||
          local.minute !== minute ||
          local.offset !== local.plus({ hours: 1 }).offset ||
          local.offset !== local.minus({ hours: 1 }).offset
        )
          continue;
        const text = `${two(day.day)}.${two(day.month)}.${day.year} ${two(hour)}:${two(minute)}`;
        expect(schema.parse(text), `${text} in ${zone}`).toBe(local.toUTC().toISO());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3 * 365 * 3 - 20);
  });

  it("a date that does not exist is an error, not the next day", () => {
    for (const text of ["31.02.2024 10:00", "29.02.2023 10:00", "31.04.2024", "00.01.2024", "15.13.2024"])
      expect(date("Europe/Berlin").safeParse(text).success, text).toBe(false);
    expect(date("Europe/Berlin").parse("29.02.2024 10:00")).toBe("2024-02-29T09:00:00.000Z");
  });
});
