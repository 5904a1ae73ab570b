/**
 * Who gets an issue: subscribers with status `confirmed` and a `confirmed_at` (the double opt-in proof
 * the sender must be able to show), not on the suppression list, each address once. Pure.
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
 * Selects the recipients in file order. An address listed twice is one recipient; if any of its rows
 * says `unsubscribed` or `bounced`, the withdrawal wins over a confirmed row (a re-import may have
 * left the old row behind).
 */
export function selectAudience(subscribers: readonly Subscriber[], isSuppressed: (email: string) => boolean): Audience {
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
  return { recipients, rows: subscribers.length, excluded };
}

/** "N recipients from R rows (not confirmed …, …)", for the send and dry-run reports. */
export function describeAudience(a: Audience): string {
  const x = a.excluded;
  return `${a.recipients.length} recipients from ${a.rows} rows (not confirmed ${x.notConfirmed}, unsubscribed/bounced ${x.withdrawn}, suppressed ${x.suppressed}, duplicates ${x.duplicates})`;
}
