/**
 * The rows of subscribers.csv as they are, whatever their state: what the bounce processing needs to
 * tell that an address no delivery names is still one of ours, and what `koepfe subscribers`,
 * `consent` and `forget` show. Tolerant on purpose — a bounce run or a GDPR request must not stop
 * because an editor is halfway through fixing a row — and so never a substitute for `check`.
 */
import path from "node:path";
import { canonicalEmail } from "../lib/token.js";
import { LIMITS, readRegularFile } from "../lib/read-file.js";
import { readCsvFile } from "./csv.js";
import { SUBSCRIBER_COLUMNS } from "./row-schemas.js";

export interface SubscriberRowText {
  line: number;
  /** Canonical (trimmed, domain lower-cased). */
  email: string;
  status: string;
  firstName: string;
  confirmedAt: string;
  source: string;
}

/** The rows with an address in them; empty when the file is missing or unreadable. */
export async function subscriberRows(dir: string): Promise<SubscriberRowText[]> {
  const out: SubscriberRowText[] = [];
  const read = await readRegularFile(path.join(dir, "subscribers.csv"), { maxBytes: LIMITS.csv });
  if (!read.ok) return out;
  readCsvFile("subscribers.csv", read, SUBSCRIBER_COLUMNS, () => (row) => {
    const email = row.cells["email"]?.trim() ?? "";
    if (!email.includes("@")) return;
    out.push({
      line: row.line,
      email: canonicalEmail(email),
      status: row.cells["status"] ?? "",
      firstName: row.cells["first_name"] ?? "",
      confirmedAt: row.cells["confirmed_at"] ?? "",
      source: row.cells["source"] ?? "",
    });
  });
  return out;
}

/** Lower-cased canonical addresses of subscribers.csv. */
export async function subscriberAddresses(dir: string): Promise<Set<string>> {
  return new Set((await subscriberRows(dir)).map((r) => r.email.toLowerCase()));
}
