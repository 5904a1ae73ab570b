/**
 * subscribers.csv: addresses only on reserved domains (RFC 2606/6761), mostly confirmed with a
 * consent time in either ISO 8601 or the German "05.03.2024 10:15", some pending, unsubscribed or
 * bounced, some without a first name, and a couple of duplicates that differ only in domain case.
 */
import { DateTime } from "luxon";
import { foldGerman } from "../../src/lib/sort-key.js";
import type { Rng } from "./random.js";
import { FAMILY, FEMALE_FIRST, MALE_FIRST } from "./name-lists.js";
import { CsvFileWriter } from "./csv-writer.js";

export const RESERVED_DOMAINS = [
  "example.com",
  "example.org",
  "example.net",
  "mail.test",
  "firma.test",
  "agentur.test",
  "verlag.test",
] as const;
const DOMAIN_WEIGHTS = [30, 20, 15, 15, 10, 5, 5];
const SOURCES = ["website", "website", "landingpage", "event", "gewinnspiel", "import-2023", "social", ""];
const ROLE_MAILBOXES = ["info", "kontakt", "marketing", "presse", "team", "redaktion"];

/** Consent days from 2021-06-01 to 2024-11-28 with Europe/Berlin's offset on each (looked up once per day). */
function consentDays(zone: string): { date: DateTime; offset: string }[] {
  const start = DateTime.fromISO("2021-06-01T12:00", { zone });
  const days = Math.round(DateTime.fromISO("2024-11-28T12:00", { zone }).diff(start, "days").days);
  return Array.from({ length: days + 1 }, (_, i) => {
    const date = start.plus({ days: i });
    return { date, offset: date.toFormat("ZZ") };
  });
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let roll = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

const two = (n: number) => String(n).padStart(2, "0");
const mailPart = (s: string) => foldGerman(s).replace(/[^a-z0-9-]/g, "");

function localPart(rng: Rng, first: string, last: string): string {
  const f = mailPart(first);
  const l = mailPart(last);
  switch (rng.int(0, 5)) {
    case 0:
      return `${f}.${l}`;
    case 1:
      return `${f.charAt(0)}.${l}`;
    case 2:
      return `${f}${l}`;
    case 3:
      return `${l}.${f}`;
    case 4:
      return `${f}.${l}${rng.int(60, 99)}`;
    default:
      return `${f}_${l}`;
  }
}

export function writeSubscribers(file: string, rng: Rng, count: number, zone: string): void {
  const days = consentDays(zone);
  const duplicates = count >= 20 ? Math.max(2, Math.floor(count / 2000)) : 0;
  const duplicateAt = new Set(rng.shuffle(Array.from({ length: count - 10 }, (_, i) => i + 10)).slice(0, duplicates));
  const taken = new Set<string>();
  const written: { local: string; domain: string; first: string; last: string }[] = [];
  const out = new CsvFileWriter(file, ["email", "first_name", "last_name", "status", "confirmed_at", "source"]);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const status = roll < 0.84 ? "confirmed" : roll < 0.91 ? "pending" : roll < 0.97 ? "unsubscribed" : "bounced";
    // each original is copied at most once, so no two rows are identical byte for byte
    const twin = duplicateAt.has(i) ? written.splice(rng.int(0, written.length - 1), 1)[0] : undefined;
    let first: string;
    let last: string;
    let email: string;
    if (twin) {
      ({ first, last } = twin);
      email = `${twin.local}@${twin.domain.replace(/^[a-z]/, (c) => c.toUpperCase()).replace(/\.[a-z]+$/, (tld) => tld.toUpperCase())}`;
    } else {
      const named = rng.chance(0.92);
      first = named ? rng.pick(rng.chance(0.5) ? FEMALE_FIRST : MALE_FIRST) : "";
      last = named || rng.chance(0.5) ? rng.pick(FAMILY) : "";
      const domain = pickWeighted(rng, RESERVED_DOMAINS, DOMAIN_WEIGHTS);
      let local = named ? localPart(rng, first, last) : `${rng.pick(ROLE_MAILBOXES)}${rng.int(1, 999)}`;
      for (let n = 2; taken.has(`${local}@${domain}`); n++) local = `${local.replace(/-\d+$/, "")}-${n}`;
      taken.add(`${local}@${domain}`);
      written.push({ local, domain, first, last });
      email = `${local}@${domain}`;
    }
    const consented = status === "confirmed" || (status !== "pending" && rng.chance(0.8));
    let confirmedAt = "";
    if (consented) {
      const day = rng.pick(days);
      const hour = rng.int(6, 22);
      const minute = rng.int(0, 59);
      const { year, month, day: dd } = day.date;
      confirmedAt = rng.chance(0.5)
        ? `${year}-${two(month)}-${two(dd)}T${two(hour)}:${two(minute)}:00${day.offset}`
        : `${two(dd)}.${two(month)}.${year} ${two(hour)}:${two(minute)}`;
    }
    out.row([email, first, last, status, confirmedAt, rng.pick(SOURCES)]);
  }
  out.close();
}
