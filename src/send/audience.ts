/**
 * Who gets an issue: subscribers with status `confirmed` and a `confirmed_at` (the double opt-in proof
 * the sender must be able to show), and the sign-ups confirmed through `koepfe serve` (the ledger
 * holds their proof), not on the suppression list and not forgotten, each address once. Pure.
 */
import type { Subscriber } from "../edition/model.js";
import { canonicalEmail } from "../lib/token.js";

export interface AudienceRecipient {
  /** Canonical address: trimmed, domain lower-cased. */
  email: string;
  firstName: string | null;
}

export interface Audience {
  recipients: AudienceRecipient[];
  /** Rows in the subscribers file. */
  rows: number;
  /** Recipients who signed up through the site (and are not in the file as confirmed already). */
  fromSignUps: number;
  excluded: {
    /** pending, or confirmed without proof. */
    notConfirmed: number;
    /** Some row for the address says unsubscribed or bounced. */
    withdrawn: number;
    /** On the suppression list (unsubscribed by link, hard bounce, by hand). */
    suppressed: number;
    /** Rows repeating an address already counted. */
    duplicates: number;
  };
}

/**
 * Selects the recipients in file order, then the confirmed sign-ups. An address listed twice is one
 * recipient; if any of its rows says `unsubscribed` or `bounced`, the withdrawal wins over a
 * confirmed row (a re-import may have left the old row behind) — but not over a sign-up confirmed
 * through the site, which is newer and proven consent. An address in both counts once.
 */
export function selectAudience(
  subscribers: readonly Subscriber[],
  isSuppressed: (email: string) => boolean,
  signUps: readonly AudienceRecipient[] = [],
): Audience {
  const byAddress = new Map<string, Subscriber[]>();
  for (const s of subscribers) {
    const key = canonicalEmail(s.email);
    const rows = byAddress.get(key);
    if (rows) rows.push(s);
    else byAddress.set(key, [s]);
  }
  const excluded = { notConfirmed: 0, withdrawn: 0, suppressed: 0, duplicates: subscribers.length - byAddress.size };
  const recipients: AudienceRecipient[] = [];
  for (const [email, rows] of byAddress) {
    const confirmed = rows.find((r) => r.status === "confirmed" && r.confirmed_at !== undefined);
    if (rows.some((r) => r.status === "unsubscribed" || r.status === "bounced")) excluded.withdrawn++;
    else if (!confirmed) excluded.notConfirmed++;
    else if (isSuppressed(email)) excluded.suppressed++;
    else recipients.push({ email, firstName: confirmed.first_name ?? null });
  }
  const taken = new Set(recipients.map((r) => r.email.toLowerCase()));
  let fromSignUps = 0;
  for (const s of signUps) {
    const email = canonicalEmail(s.email);
    if (taken.has(email.toLowerCase())) {
      excluded.duplicates++;
      continue;
    }
    taken.add(email.toLowerCase());
    if (isSuppressed(email)) {
      excluded.suppressed++;
      continue;
    }
    recipients.push({ email, firstName: s.firstName });
    fromSignUps++;
  }
  return { recipients, rows: subscribers.length, fromSignUps, excluded };
}

/** "N recipients from R rows (not confirmed …, …)", for the send and dry-run reports. */
export function describeAudience(a: Audience): string {
  const x = a.excluded;
  const signUps = a.fromSignUps > 0 ? ` and ${a.fromSignUps} sign-ups` : "";
  return `${a.recipients.length} recipients from ${a.rows} rows${signUps} (not confirmed ${x.notConfirmed}, unsubscribed/bounced ${x.withdrawn}, suppressed ${x.suppressed}, duplicates ${x.duplicates})`;
}
