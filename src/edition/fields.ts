/**
 * Field rules shared by the CSV row schemas. Each failing rule carries a stable problem code in
 * `params.code`, which edition/validate-rows.ts turns into the report's `code`.
 */
import { z } from "zod";
import { DateTime, IANAZone } from "luxon";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
import { SINGLE_LINE_FORBIDDEN as CONTROL_CHARS, TEXT_FORBIDDEN as CONTROL_CHARS_MULTILINE } from "../lib/text-safety.js";

const fail = (code: string, message: string) => ({ message, params: { code } });

export const slug = z
  .string()
  .refine((s) => SLUG.test(s), fail("invalid-id", 'must be a slug of lower-case letters, digits and single hyphens (e.g. "anna-mueller")'));

/** Single-line text: no line breaks or control characters (names, roles and companies reach mail headers). */
export const line = (max: number) =>
  z
    .string()
    .refine(
      (s) => !CONTROL_CHARS.test(s),
      fail("control-character", "contains a line break or control character; this field must be a single line"),
    )
    .refine((s) => s.length <= max, fail("too-long", `is longer than ${max} characters`));

/** Multi-line plain text (paragraphs separated by a blank line). */
export const text = (min: number, max: number) =>
  z
    .string()
    .refine((s) => !CONTROL_CHARS_MULTILINE.test(s), fail("control-character", "contains a control character"))
    .refine((s) => s.length >= min, fail("too-short", `is shorter than ${min} characters`))
    .refine((s) => s.length <= max, fail("too-long", `is longer than ${max} characters`));

/**
 * An https URL as written, not as a browser would repair it: `https:/host` and `https:\\host` parse
 * as URLs but are not what the editor meant, and `"`, `<`, `>`, `\\` or a blank would break out of
 * an attribute or a List-Unsubscribe header wherever the raw text is used.
 */
export function isHttpsUrl(s: string): boolean {
  if (!/^https:\/\/[^/\\\s"'<>`{}|^]/i.test(s) || /[\s"<>\\`{}|^]/.test(s) || CONTROL_CHARS.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname.length > 0 && u.username === "" && u.password === "";
  } catch {
    return false;
  }
}

export const httpsUrl = z
  .string()
  .refine(isHttpsUrl, fail("invalid-url", "must be an https:// URL (http:, javascript: and other schemes are not allowed)"));

/** A photo: a relative path under photos/ (no "..", no absolute path) or an https URL. */
export function isSafePhotoPath(s: string): boolean {
  return (
    /^photos\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(s) &&
    !s.split("/").some((p) => p === ".." || p === "." || p.startsWith(".")) &&
    /\.(jpe?g|png|webp|avif|gif)$/i.test(s)
  );
}
export const photo = z
  .string()
  .refine(
    (s) => isSafePhotoPath(s) || isHttpsUrl(s),
    fail("invalid-photo", "must be a file under photos/ (e.g. photos/anna-mueller.jpg: letters, digits, . _ - only) or an https:// URL"),
  );

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s);
}
export const email = z.string().refine(isEmail, fail("invalid-email", "is not a valid e-mail address"));

/** Parses "7", "7.5" and the German "7,5". Returns NaN for anything else. */
export function parseDecimal(s: string): number {
  const t = s.trim();
  if (!/^[+-]?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(",", "."));
}
export const decimal = z.string().transform((s, ctx) => {
  const n = parseDecimal(s);
  if (Number.isNaN(n)) {
    ctx.addIssue({
      code: "custom",
      message: "is not a number (use digits with an optional decimal comma, e.g. 7,5)",
      params: { code: "invalid-number" },
    });
    return z.NEVER;
  }
  return n;
});
export const nonNegativeInt = z.string().transform((s, ctx) => {
  const t = s.trim().replace(/[.\u202f ](?=\d{3}\b)/g, "");
  if (!/^\d+$/.test(t)) {
    ctx.addIssue({ code: "custom", message: "must be a whole number >= 0", params: { code: "invalid-number" } });
    return z.NEVER;
  }
  return Number(t);
});

/** ISO 8601 or the German "dd.mm.yyyy[ HH:MM]" (Excel's display format); local times are read in `zone`. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Fast path for the common case of an instant with an explicit offset: subscriber exports hold
 * 100,000 of them and luxon costs ~3 µs and much garbage per value.
 */
function parseIsoInstant(s: string): string | null {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return null;
  const [month, day, hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const leap = Number(m[1]) % 4 === 0 && (Number(m[1]) % 100 !== 0 || Number(m[1]) % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function parseDate(s: string, zone: string): DateTime | null {
  const iso = DateTime.fromISO(s, { zone, setZone: true });
  if (iso.isValid) return iso;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const dt = DateTime.fromObject(
    {
      day: Number(m[1]),
      month: Number(m[2]),
      year: Number(m[3]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    },
    { zone },
  );
  return dt.isValid ? dt : null;
}

const HOUR_MS = 3_600_000;

/**
 * The zone's offset for a whole local day when no transition is near it: the same at 14 h before the
 * day's UTC midnight, at its noon and 14 h after its end (offsets lie within ±14 h, and no zone
 * changes twice within two days). null for a date that does not exist (31.02.); undefined near a
 * transition (then luxon decides per hour). Three offset lookups instead of two DateTimes: reading
 * 100,000 subscribers with German dates spent ~0.15 s in luxon's DateTime.fromObject.
 */
function steadyOffset(zone: string, year: number, month: number, day: number): number | null | undefined {
  if (year < 1000) return undefined;
  const midnight = Date.UTC(year, month - 1, day);
  const d = new Date(midnight);
  if (month < 1 || month > 12 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const z = IANAZone.create(zone);
  if (!z.isValid) return undefined;
  const before = z.offset(midnight - 14 * HOUR_MS);
  return before === z.offset(midnight + 12 * HOUR_MS) && before === z.offset(midnight + 38 * HOUR_MS) ? before : undefined;
}

const GERMAN_LOCAL = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The zone's UTC offset (minutes) at a local hour, or null for an impossible date or an hour in the
 * spring gap. Cached per day: offsets only change on the two transition days, which are looked up per hour.
 */
function localOffset(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  cache: Map<string, number | null>,
): number | null {
  const dayKey = `${year}-${month}-${day}`;
  let offset = cache.get(dayKey);
  if (offset === undefined) {
    offset = steadyOffset(zone, year, month, day);
    if (offset === undefined) {
      const start = DateTime.fromObject({ year, month, day, hour: 0 }, { zone });
      const end = DateTime.fromObject({ year, month, day, hour: 23 }, { zone });
      offset = start.isValid && start.day === day && start.offset === end.offset ? start.offset : null;
    }
    cache.set(dayKey, offset);
  }
  if (offset !== null) return hour <= 23 ? offset : null;
  const hourKey = `${dayKey}-${hour}`;
  let atHour = cache.get(hourKey);
  if (atHour === undefined) {
    const dt = DateTime.fromObject({ year, month, day, hour }, { zone });
    // an invalid date (31.02.) or an hour in the spring gap cannot be proof of consent at that time
    atHour = dt.isValid && dt.day === day && dt.hour === hour ? dt.offset : null;
    cache.set(hourKey, atHour);
  }
  return atHour;
}

/**
 * Fast path for Excel's German "05.03.2024 10:15": the zone's offset is looked up once per local
 * hour (luxon's Intl offset lookup is the slowest part of reading 100,000 subscribers).
 */
function germanLocalToInstant(s: string, zone: string, offsets: Map<string, number | null>): string | null {
  const m = GERMAN_LOCAL.exec(s.trim());
  if (!m) return null;
  const [day, month, year, hour, minute, second] = [
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  ];
  if (minute > 59 || second > 59) return null;
  const offset = localOffset(zone, year, month, day, hour, offsets);
  if (offset === null) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000).toISOString();
}

export const date = (zone: string) => {
  const offsets = new Map<string, number | null>();
  return z.string().transform((s, ctx) => {
    const instant = parseIsoInstant(s) ?? germanLocalToInstant(s, zone, offsets);
    if (instant !== null) return instant;
    const dt = parseDate(s, zone);
    if (!dt) {
      ctx.addIssue({
        code: "custom",
        message: "is not a date (use 2024-03-05T10:15 or 05.03.2024 10:15)",
        params: { code: "invalid-date" },
      });
      return z.NEVER;
    }
    return dt.toUTC().toISO() ?? s;
  });
};
